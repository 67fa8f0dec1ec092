"""The method's result in words: flag labels and the one-sentence explanation of the indicator page.

"Cần tăng 1,7 điểm %/năm đến 2025; 2023–2024 tăng 1,8 điểm %/năm, theo xu hướng này năm 2025 đạt khoảng
20,36%: đúng tiến độ (số liệu tạm ước tính)." Every number in the sentence is one the page also shows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from indicators.formatting import format_measure, format_number, format_target
from indicators.models import Indicator
from indicators.progress import Flag, Goal, PastGoal, Point, Progress, Projection, Verdict

FLAG_LABELS = {
    Flag.FAR_AHEAD: gettext_lazy("Far ahead: propose raising the target"),
    Flag.AT_RISK: gettext_lazy("Met, but the trend is falling: remedies to hold it"),
    Flag.TARGET_MET: gettext_lazy("Target met"),
    Flag.ON_TRACK: gettext_lazy("On track"),
    Flag.ACCELERATE: gettext_lazy("Speed up: propose remedies"),
    Flag.OFF_TRACK: gettext_lazy("Behind: remedies required"),
    Flag.REGRESSING: gettext_lazy("Moving away from the goal"),
    Flag.INSUFFICIENT_DATA: gettext_lazy("Too little data"),
    Flag.NO_GOAL_AHEAD: gettext_lazy("Propose a new target"),
    Flag.NO_NUMERIC_TARGET: gettext_lazy("No quantified target"),
}
VERDICT_LABELS = {
    Verdict.MET: gettext_lazy("met"),
    Verdict.MISSED: gettext_lazy("missed"),
    Verdict.PENDING: gettext_lazy("awaiting the figure"),
    Verdict.NO_NUMERIC_TARGET: gettext_lazy("no figure to judge"),
}
FLAG_CHOICES = [(flag.value, label) for flag, label in FLAG_LABELS.items()]

# The end of the sentence: what the flag asks for.
_VERDICTS = {
    Flag.FAR_AHEAD: gettext_lazy("far ahead of the goal, propose raising the target"),
    Flag.TARGET_MET: gettext_lazy("goal reached"),
    Flag.AT_RISK: gettext_lazy("met today, but the trend falls short by the goal year: remedies to hold the gain"),
    Flag.ON_TRACK: gettext_lazy("on track"),
    Flag.ACCELERATE: gettext_lazy("must speed up, propose remedies"),
    Flag.OFF_TRACK: gettext_lazy("behind schedule, remedies required"),
    Flag.REGRESSING: gettext_lazy("moving away from the goal, remedies required"),
}


def flag_label(flag: Flag | str) -> str:
    return str(FLAG_LABELS[Flag(flag)])


class Words:
    """Numbers of one indicator in words: its unit, its decimals."""

    def __init__(self, indicator: Indicator):
        self.unit = indicator.measure_unit
        self.decimals = indicator.decimals

    @classmethod
    def of_measure(cls, unit: str, decimals: int) -> Words:
        """The words of an indicator known by its unit and decimals only."""
        words = cls.__new__(cls)
        words.unit, words.decimals = unit, decimals
        return words

    def measure(self, value: Decimal) -> str:
        return format_measure(value, self.unit, self.decimals)

    def figure(self, point: Point) -> str:
        """A figure as its document writes it: without the unit where the document gives none (1.2's "4,36")."""
        return format_measure(point.value, self.unit if point.unit_written else "", self.decimals)

    def amount(self, value: Decimal) -> str:
        """A difference: percentage points for a share ("1,7 điểm %"), the unit otherwise."""
        number = format_number(abs(value), self.decimals)
        unit = _("percentage points") if self.unit.strip() == "%" else self.unit
        return f"{number} {unit}"

    def target(self, goal: Goal) -> str:
        return format_target(goal.comparator, goal.value, self.unit, self.decimals) or goal.wording

    def gap(self, progress: Progress) -> str:
        """The gap in words for the home table: "còn 1,7 điểm %", "vượt 5 điểm %"."""
        if progress.gap is None:
            return ""
        if progress.gap > 0:
            return _("%(amount)s to go") % {"amount": self.amount(progress.gap)}
        if progress.gap < 0:
            return _("%(amount)s beyond") % {"amount": self.amount(progress.gap)}
        return _("at the goal")


def period_label(point: Point) -> str:
    """A period inside a sentence: "năm 2024", "quý 2/2025"."""
    if point.quarter == 0:
        return pgettext("period in a sentence", "%(year)s") % {"year": point.year}
    return pgettext("period in a sentence", "Q%(quarter)s %(year)s") % {"quarter": point.quarter, "year": point.year}


class PeriodLike(Protocol):
    """What names a period: a Point, a released figure (read-only members, as in indicators.figures)."""

    @property
    def year(self) -> int: ...
    @property
    def quarter(self) -> int: ...


def period_name(year: int, quarter: int) -> str:
    """A period as people read it, never its code (2026Q4): "2024"; "Quý 4/2026" in Vietnamese, "Q4/2026" in
    English."""
    if quarter == 0:
        return str(year)
    return pgettext("short period", "Q%(quarter)s/%(year)s") % {"quarter": quarter, "year": year}


def short_period(point: PeriodLike) -> str:
    """A period in a span such as 2023–2024: "2024", "Quý 2/2025"."""
    return period_name(point.year, point.quarter)


def _need(progress: Progress, words: Words) -> str:
    goal = progress.goal
    assert goal is not None and goal.value is not None
    pace = progress.required_pace
    if pace is None or pace == 0:
        return _("needs to move past %(value)s by %(year)s") % {"value": words.measure(goal.value), "year": goal.year}
    template = (
        _("needs to rise %(pace)s a year until %(year)s")
        if pace > 0
        else _("needs to fall %(pace)s a year until %(year)s")
    )
    return template % {"pace": words.amount(pace), "year": goal.year}


def _actual(progress: Progress, words: Words) -> str:
    """The pace the flag rests on: the trend the projection draws (the weighted slope of the window or of its latest
    run, or the compound growth), over the figures it rests on; and a series slowing year after year says so."""
    assert progress.previous is not None and progress.latest is not None and progress.last_pace is not None
    start = progress.trend_start or progress.previous
    pace = progress.trend_pace if progress.trend_pace is not None else progress.last_pace
    span = f"{short_period(start)}–{short_period(progress.latest)}"
    if progress.projection == Projection.COMPOUND and progress.actual_cagr is not None:
        text = _("the trend over %(span)s grows %(rate)s a year (compound)") % {
            "span": span,
            "rate": format_number(progress.actual_cagr * 100, 2) + "%",
        }
    elif pace > 0:
        text = _("the trend over %(span)s rises %(pace)s a year") % {"span": span, "pace": words.amount(pace)}
    elif pace < 0:
        text = _("the trend over %(span)s falls %(pace)s a year") % {"span": span, "pace": words.amount(pace)}
    else:
        text = _("%(span)s did not change") % {"span": span}
    if progress.slowing:
        paces = " → ".join(format_number(abs(p), words.decimals) for p in progress.recent_paces[-3:])
        text += ", " + _("slowing year after year (%(paces)s)") % {"paces": paces}
    return text


def _projection(progress: Progress, words: Words) -> str:
    assert progress.projected_value is not None and progress.goal is not None
    return _("on this trend about %(value)s in %(year)s") % {
        "value": words.measure(progress.projected_value),
        "year": progress.goal.year,
    }


def _met(progress: Progress, words: Words) -> str:
    goal, latest = progress.goal, progress.latest
    assert goal is not None and latest is not None and progress.gap is not None
    numbers = {
        "value": words.figure(latest),
        "period": period_label(latest),
        "year": goal.year,
        "goal": words.target(goal),
        "margin": words.amount(progress.gap),
    }
    if progress.gap < 0:
        text = _("%(value)s in %(period)s, %(margin)s beyond the %(year)s goal (%(goal)s)") % numbers
    elif progress.gap == 0:
        text = _("%(value)s in %(period)s meets the %(year)s goal (%(goal)s)") % numbers
    else:
        text = _("%(value)s in %(period)s, about the %(year)s goal (%(goal)s)") % numbers
    if progress.projected_value is not None and progress.flag in (Flag.FAR_AHEAD, Flag.AT_RISK):
        text += ", " + _projection(progress, words)  # where the trend leads by the goal year decides the flag
    return text


def explain(progress: Progress, indicator: Indicator) -> str:
    """One sentence, with the numbers, saying why the indicator has its flag."""
    words = Words(indicator)
    goal, latest = progress.goal, progress.latest
    if goal is None:
        sentence = _("no strategy goal has been set for this indicator")
    elif not goal.is_numeric:
        sentence = _("the %(year)s goal is only a text (“%(wording)s”), with no figure to measure against") % {
            "year": goal.year,
            "wording": goal.wording,
        }
    elif progress.flag == Flag.NO_GOAL_AHEAD:
        sentence = _("no goal is set beyond %(year)s, whose year is over (see its verdict): propose the next goal") % {
            "year": goal.year
        }
    elif progress.new_goal_needed and latest is not None:
        # Going backwards with no goal ahead (1.4): the fall, the last goal it moves away from, and the new goal.
        sentence = _(
            "%(value)s in %(period)s, %(gap)s short of the %(year)s goal (%(goal)s); %(trend)s: moving away from "
            "the goal, remedies required; no goal is set beyond %(year)s: propose the next goal"
        ) % {
            "value": words.figure(latest),
            "period": period_label(latest),
            "gap": words.amount(progress.gap or Decimal(0)),
            "year": goal.year,
            "goal": words.target(goal),
            "trend": _actual(progress, words),
        }
    elif latest is None:
        sentence = _("no figure yet; the %(year)s goal is %(goal)s") % {"year": goal.year, "goal": words.target(goal)}
    elif progress.met:
        sentence = f"{_met(progress, words)}: {_VERDICTS[progress.flag]}"
    elif progress.overdue:
        sentence = _(
            "%(value)s in %(period)s, %(gap)s short of the %(year)s goal (%(goal)s) although its year has come: "
            "%(verdict)s"
        ) % {
            "value": words.figure(latest),
            "period": period_label(latest),
            "gap": words.amount(progress.gap or Decimal(0)),
            "year": goal.year,
            "goal": words.target(goal),
            "verdict": _VERDICTS[progress.flag],
        }
    elif progress.flag == Flag.INSUFFICIENT_DATA:
        numbers = {"value": words.figure(latest), "period": period_label(latest), "need": _need(progress, words)}
        if progress.figures_used == 1:
            sentence = _("only one figure (%(value)s in %(period)s), too few to judge a trend; %(need)s") % numbers
        else:
            sentence = (
                _("no other figure in the five years before %(period)s (%(value)s), too few to judge a trend; %(need)s")
                % numbers
            )
    else:
        sentence = (
            f"{_need(progress, words)}; {_actual(progress, words)}, {_projection(progress, words)}: "
            f"{_VERDICTS[progress.flag]}"
        )
    if progress.provisional or progress.provisional_in_trend:
        sentence += " " + _("(provisional estimates)")
    return sentence[:1].upper() + sentence[1:] + "."


def milestone_text(progress: Progress, indicator: Indicator) -> str:
    """The milestone in words: "Kế hoạch 2024 (≥ 17,5%): đạt, năm 2024 đạt 18,3%"."""
    milestone = progress.milestone
    if milestone is None:
        return ""
    words = Words(indicator)
    numbers = {
        "year": milestone.plan.year,
        "plan": words.target(milestone.plan),
        "value": words.figure(milestone.figure),
        "period": period_label(milestone.figure),
    }
    if milestone.met is None:
        return _("%(year)s plan: “%(plan)s”, no figure to compare %(value)s in %(period)s with") % numbers
    assert milestone.gap is not None
    numbers["amount"] = words.amount(milestone.gap)
    if milestone.met:
        return _("%(year)s plan (%(plan)s): met, %(value)s in %(period)s") % numbers
    return _("%(year)s plan (%(plan)s): not met, %(value)s in %(period)s, %(amount)s short") % numbers


def _ratio(value: Decimal) -> str:
    return format_number(value, 2)


def _rate(value: Decimal) -> str:
    return format_number(value * 100, 2) + "%"


def progress_facts(progress: Progress, indicator: Indicator, goal_targets=()) -> list[tuple[str, str]]:
    """The numbers behind the flag, each with its name, for the indicator page: what the sentence says, and the
    growth ratio R beside it."""
    words = Words(indicator)
    goal, latest = progress.goal, progress.latest
    facts: list[tuple[str, str]] = []
    if goal is None:
        return facts
    facts.append((_("Goal to steer to"), _goal_text(goal, list(goal_targets), words)))
    if latest is None:
        return facts
    latest_text = f"{words.figure(latest)} ({short_period(latest)})"
    if latest.provisional:
        latest_text += " · " + _("provisional estimate")
    facts.append((_("Latest figure"), latest_text))
    if progress.gap is not None and goal.is_numeric:
        facts.append((_("Gap to goal"), words.gap(progress)))
    if progress.progress is not None and progress.baseline is not None:
        facts.append(
            (
                _("Way covered"),
                _("%(share)s of the way from %(value)s (%(period)s) to the goal")
                % {
                    "share": format_number(progress.progress * 100, 0) + "%",
                    "value": words.figure(progress.baseline),
                    "period": short_period(progress.baseline),
                },
            )
        )
    if progress.required_pace is not None:
        facts.append(
            (
                _("Required pace"),
                _("%(pace)s a year from %(start)s to %(year)s")
                % {"pace": _signed(words, progress.required_pace), "start": short_period(latest), "year": goal.year},
            )
        )
    if progress.last_pace is not None and progress.previous is not None and progress.window_start is not None:
        facts.append(
            (
                _("Actual pace"),
                _("%(last)s a year in %(span)s; %(average)s a year on average over %(window)s")
                % {
                    "last": _signed(words, progress.last_pace),
                    "span": f"{short_period(progress.previous)}–{short_period(latest)}",
                    "average": _signed(words, progress.average_pace or Decimal(0)),
                    "window": f"{short_period(progress.window_start)}–{short_period(latest)}",
                },
            )
        )
    if progress.projected_value is not None and progress.projection is not None:
        method = (
            _("recency-weighted linear trend")
            if progress.projection == "linear_recency_weighted"
            else _("compound growth at the observed rate")
        )
        text = _("%(value)s in %(year)s (%(method)s)") % {
            "value": words.measure(progress.projected_value),
            "year": goal.year,
            "method": method,
        }
        if progress.projected_share is not None:
            text += "; " + _("Q = %(q)s of the progress needed") % {"q": _ratio(progress.projected_share)}
        facts.append((_("Projection"), text))
    if progress.ratio is not None and progress.actual_cagr is not None and progress.required_cagr is not None:
        facts.append(
            (
                _("Growth ratio R"),
                _("%(r)s: growth %(actual)s a year observed, %(required)s a year required (Open SDG, Eurostat)")
                % {
                    "r": _ratio(progress.ratio),
                    "actual": _rate(progress.actual_cagr),
                    "required": _rate(progress.required_cagr),
                },
            )
        )
    milestone = milestone_text(progress, indicator)
    if milestone:
        facts.append((_("Milestone"), milestone))
    return facts


def _signed(words: Words, value: Decimal) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + words.amount(value)


def _goal_text(goal: Goal, targets: list, words: Words) -> str:
    """The period goal with its document ("≥ 20% in 2025 (5473/BTTTT-KTS&XHS, Mục II)"), and what the others say."""

    def source(target) -> str:
        return f"{target.cited_inline}, {target.section}" if target.section else target.cited_inline

    text = _("%(goal)s in %(year)s") % {"goal": words.target(goal), "year": goal.year}
    if not targets:
        return text
    in_force, others = targets[0], targets[1:]
    text += f" ({source(in_force)})"
    differing = [t for t in others if (t.comparator, t.value) != (in_force.comparator, in_force.value)]
    if differing:
        stated = "; ".join(f"{words.target(_as_goal(t))} ({source(t)})" for t in differing)
        text += "; " + _("other documents say %(others)s, not in force") % {"others": stated}
    return text


def _as_goal(target) -> Goal:
    return Goal(target.year, target.comparator, target.value, target.wording)


def past_goal_line(past: PastGoal, indicator: Indicator) -> str:
    """The verdict on a goal whose year is past, in one sentence with its figure: "Mục tiêu 2025 (≥ 20%): đạt,
    năm 2025 đạt 20,4%"; while pending, the figure and the projection it would rest on."""
    words = Words(indicator)
    goal = past.goal
    numbers: dict = {"year": goal.year, "goal": words.target(goal)}
    if past.verdict == Verdict.NO_NUMERIC_TARGET:
        return _("%(year)s goal (“%(goal)s”): only a text, no figure to judge it by") % numbers
    if past.figure is not None:
        numbers |= {"value": words.figure(past.figure), "period": period_label(past.figure)}
        if past.verdict == Verdict.MET:
            text = _("%(year)s goal (%(goal)s): met, %(value)s in %(period)s") % numbers
        else:
            numbers["amount"] = words.amount(past.gap or Decimal(0))
            text = _("%(year)s goal (%(goal)s): missed, %(value)s in %(period)s, %(amount)s short") % numbers
        if past.figure.provisional:
            text += " " + _("(provisional estimates)")
        return text
    if past.basis is None:
        return _("%(year)s goal (%(goal)s): awaiting the %(year)s figure; no earlier figure either") % numbers
    numbers |= {"value": words.figure(past.basis), "period": period_label(past.basis)}
    if past.basis_met:
        already = _("%(year)s goal (%(goal)s): awaiting the %(year)s figure; already passed in %(period)s (%(value)s)")
        text = already % numbers
    else:
        text = (
            _("%(year)s goal (%(goal)s): awaiting the %(year)s figure; the latest before it is %(value)s in %(period)s")
            % numbers
        )
        if past.projected_value is not None:
            text += ", " + _("and the trend drawn from it gives about %(projected)s in %(year)s") % {
                "projected": words.measure(past.projected_value),
                "year": goal.year,
            }
    if past.basis.provisional:  # the line rests on an estimate (1.1's 18,3% of 2024, 2.1's 85% of 2022)
        text += " " + _("(provisional estimates)")
    return text


def past_goal_lines(progress: Progress, indicator: Indicator) -> list[tuple[PastGoal, str]]:
    return [(past, past_goal_line(past, indicator)) for past in progress.past_goals]
