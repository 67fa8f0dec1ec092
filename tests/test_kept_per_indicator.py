"""The pages listing every indicator keep each indicator's part under what it is made from
(`indicators.selectors.kept_per_indicator`, `IndicatorRow.row_key`): a change of one indicator, by any path, makes
that indicator's part again and no other, and the page shows the change at once."""

from decimal import Decimal

import pytest
from django.core.cache import caches
from django.urls import reverse

from indicators.models import Indicator, Target


@pytest.fixture
def recorded_sets(monkeypatch):
    """The keys each cache was asked to keep, from now on."""
    sets: dict[str, list[str]] = {"template_fragments": [], "indicators": []}
    fragments, parts = caches["template_fragments"], caches["indicators"]
    original_set, original_set_many = fragments.set, parts.set_many
    monkeypatch.setattr(
        fragments, "set", lambda key, *a, **k: (sets["template_fragments"].append(key), original_set(key, *a, **k))[1]
    )
    monkeypatch.setattr(
        parts, "set_many", lambda data, *a, **k: (sets["indicators"].extend(data), original_set_many(data, *a, **k))[1]
    )
    return sets


def _change_goal(code: str) -> str:
    """The last goal in force of `code` (the highest-ranked document's) moved by an UPDATE (no model save, no signal:
    only the database sees it)."""
    target = (
        Target.objects.filter(indicator__code=code, kind=Target.Kind.GOAL, value__isnull=False)
        .order_by("-year", "-document__rank", "-pk")
        .first()
    )
    value = (target.value + Decimal("1.5")).normalize()
    shown = format(value, "f").replace(".", ",")
    Target.objects.filter(pk=target.pk).update(value=value, wording=f"{shown}%")
    return shown


def test_a_change_of_one_indicator_renders_one_row_of_the_home_table_again(client_for, leader, recorded_sets):
    client = client_for(leader)
    client.get(reverse("home"))
    rows = [key for key in recorded_sets["template_fragments"] if ".home-row." in key]
    assert len(rows) == Indicator.objects.count()
    recorded_sets["template_fragments"].clear()
    client.get(reverse("home"))
    assert recorded_sets["template_fragments"] == []  # the whole table kept
    shown = _change_goal("1.1")
    html = client.get(reverse("home")).content.decode()
    assert shown in html
    assert len([key for key in recorded_sets["template_fragments"] if ".home-row." in key]) == 1


def test_a_change_of_one_indicator_makes_one_part_of_the_dashboard_again(client_for, leader, recorded_sets):
    client = client_for(leader)
    client.get(reverse("dashboard:overview"))
    assert len([key for key in recorded_sets["indicators"] if ":overview:" in key]) == Indicator.objects.count()
    recorded_sets["indicators"].clear()
    client.get(reverse("dashboard:briefing"))  # the same parts
    assert recorded_sets["indicators"] == []
    shown = _change_goal("1.1")
    assert shown in client.get(reverse("dashboard:briefing")).content.decode()
    assert len(recorded_sets["indicators"]) == 1
    assert shown in client.get(reverse("dashboard:overview")).content.decode()
    assert len(recorded_sets["indicators"]) == 1
