"""Building the round's forms as a browser posts them."""

from indicators.formatting import decimal_to_plain
from targets.selectors import next_period_model
from targets.views import _initial, _prefix
from tests.conftest import TODAY


def proposal_post(*, reason: str = "Bám sát xu hướng và mục tiêu Chiến lược giai đoạn 2026–2030.", skip=()) -> dict:
    """The next-period form as the page fills it (every suggestion kept), with a common reason."""
    data = {"common_reason": reason}
    for candidate in next_period_model(TODAY).candidates:
        prefix = _prefix(candidate.indicator.code)
        initial = _initial(candidate)
        if initial["include"] and candidate.indicator.code not in skip:
            data[f"{prefix}-include"] = "on"
        data[f"{prefix}-comparator"] = initial.get("comparator", "")
        data[f"{prefix}-text"] = initial.get("text", "")
        data[f"{prefix}-reason"] = ""
        for year in range(2026, 2031):
            value = initial.get(f"y{year}")
            data[f"{prefix}-y{year}"] = (decimal_to_plain(value) or "").replace(".", ",") if value is not None else ""
    return data


def decision_post(target_round, decisions: dict[str, tuple[str, str]], changes=None) -> dict:
    """decisions: indicator code → (decision, note); changes: code → {year: "value"}."""
    data = {}
    for item in target_round.items.select_related("indicator"):
        decision, note = decisions.get(item.indicator.code, ("", ""))
        data[f"d{item.pk}-decision"] = decision
        data[f"d{item.pk}-note"] = note
        for year, value in (changes or {}).get(item.indicator.code, {}).items():
            data[f"d{item.pk}-y{year}"] = value
    return data
