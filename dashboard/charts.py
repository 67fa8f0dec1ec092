"""Plotly figures from the plain data of dashboard/selectors.py: no query here, no rule decided here.

Every figure is returned as a JSON-ready dict ({"data": [...], "layout": {...}}) that the page hands to
plotly.js through `figure_json` (what `json_script` writes). Numbers read the Vietnamese way: hovers and labels are
formatted by `indicators.formatting`, and the axes use plotly's `separators` (",." in Vietnamese: 14,26).
The palette is Okabe and Ito's, distinguishable by colour-blind readers; every bar and marker also carries its
meaning in words (label, hover, legend), never in colour alone.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
import textwrap
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import plotly.graph_objects as go
from django.core.cache import caches
from django.db.models import Model
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dashboard.selectors import (
    ACCEPTED,
    IndicatorBar,
    IndicatorChartData,
    Overview,
    Segment,
    Timeliness,
    VerdictRow,
)
from indicators.explanations import VERDICT_LABELS
from indicators.formatting import format_measure, format_number
from indicators.progress import FLAG_URGENCY, Flag, Projection, Verdict
from reporting.calendar import DeadlineStatus
from reporting.labels import deadline_label, status_label

# Okabe & Ito (2008), "Color Universal Design": safe for the common colour-vision deficiencies.
BLACK, ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)
GREY, LIGHT_GREY = "#8C8C8C", "#C8C8C8"

FLAG_COLOURS = {
    Flag.FAR_AHEAD: BLUE,
    Flag.TARGET_MET: GREEN,
    Flag.ON_TRACK: SKY_BLUE,
    Flag.ACCELERATE: ORANGE,
    Flag.AT_RISK: YELLOW,
    Flag.OFF_TRACK: VERMILLION,
    Flag.REGRESSING: BLACK,
    Flag.NO_GOAL_AHEAD: PURPLE,
    Flag.INSUFFICIENT_DATA: GREY,
    Flag.NO_NUMERIC_TARGET: LIGHT_GREY,
}
VERDICT_COLOURS = {
    Verdict.MET: GREEN,
    Verdict.MISSED: VERMILLION,
    Verdict.PENDING: ORANGE,
    Verdict.NO_NUMERIC_TARGET: LIGHT_GREY,
}
TIMELINESS_STATES = (  # the heatmap's categories, in the order of its colour scale
    (DeadlineStatus.NOT_TRACKED.value, "#EDEDED"),
    (DeadlineStatus.UPCOMING.value, "#FFFFFF"),
    (DeadlineStatus.DUE.value, SKY_BLUE),
    (DeadlineStatus.ON_TIME.value, GREEN),
    (ACCEPTED, BLUE),
    (DeadlineStatus.LATE.value, ORANGE),
    (DeadlineStatus.MISSING.value, VERMILLION),
)
DARK_TEXT_ON = {YELLOW, SKY_BLUE, LIGHT_GREY, ORANGE, "#EDEDED", "#FFFFFF"}

BAR_FLOOR, BAR_CEILING = Decimal(-50), Decimal(150)  # progress beyond these is drawn at the edge, said in words
FONT = "Segoe UI, Noto Sans, DejaVu Sans, Arial, sans-serif"


def separators() -> str:
    """Plotly's decimal and thousands marks in the active language (",." in Vietnamese)."""
    return f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}"


def _layout(**extra) -> dict:
    base = {
        "separators": separators(),
        "font": {"family": FONT, "size": 13, "color": "#1d2430"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hoverlabel": {"font": {"family": FONT}},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
    }
    base.update(extra)
    return base


F = TypeVar("F", bound=Callable[..., dict])


def _plain(value: Any) -> Any:
    """The inputs of a figure as JSON, for its key: dataclasses and dicts as lists, translated texts as text."""
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    if isinstance(value, Model):  # every field, not its str(): a unit's name, not only its short name
        return [
            value._meta.label,
            [[field.attname, _plain(field.value_from_object(value))] for field in value._meta.concrete_fields],
        ]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [[name, _plain(item)] for name, item in vars(value).items()]
    if isinstance(value, dict):
        return [[_plain(key), _plain(item)] for key, item in value.items()]
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(_plain(item)) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)  # Decimal, enumerations, lazy translations


def memoized(function: F) -> F:
    """A figure is a pure function of its plain inputs and the language: it is built once per server for the same
    inputs (plotly builds and validates every trace and layout object, the most part of the dashboard's time) and
    read from Django's "charts" cache after. The key is a digest of the inputs themselves, so a figure is never
    stale."""

    @functools.wraps(function)
    def cached(*args, **kwargs) -> dict:
        inputs = json.dumps(_plain([get_language(), function.__name__, args, kwargs]))
        key = "figure:" + hashlib.sha256(inputs.encode()).hexdigest()
        figure = caches["charts"].get(key)
        if figure is None:
            figure = function(*args, **kwargs)
            caches["charts"].set(key, figure)
        return figure

    return cached  # type: ignore[return-value]  # the same signature as the function it wraps


def _json(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


NARROW_WIDTH = 560  # px: a phone held upright; below it charts.js applies the figure's "narrow" changes


@functools.cache
def plotly_template() -> dict:
    """Plotly's default template as plotly.py writes it into a figure: a figure written here as a plain dict (where
    building plotly's validated objects costs too much after a change) looks exactly as one built through them."""
    return json.loads(go.Figure().to_json())["layout"]["template"]


def _wrapped(text: str, width: int = 30) -> str:
    """A title in lines of about `width` characters (plotly does not wrap text): one line runs off a phone."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def with_narrow(figure: dict, *, layout: dict[str, Any] | None = None, traces: dict[str, Any] | None = None) -> dict:
    """The figure with the changes that let it read on a phone, as plotly's dotted paths ("xaxis.dtick"): a smaller
    font, every axis title and annotation wrapped, and what the chart adds (fewer ticks, smaller labels). The page
    draws the figure as it is on a wider screen (and on paper)."""
    changes: dict[str, Any] = {"font.size": 11, "margin.l": 8, "margin.r": 8}
    for name, axis in figure["layout"].items():
        title = axis.get("title", {}).get("text") if name.startswith(("xaxis", "yaxis")) else None
        if title:
            changes[f"{name}.title.text"] = _wrapped(title)
            changes[f"{name}.automargin"] = True
        if name.startswith("yaxis"):
            changes[f"{name}.automargin"] = True
    for i, note in enumerate(figure["layout"].get("annotations", [])):
        if note.get("text"):
            changes[f"annotations[{i}].text"] = _wrapped(note["text"], 44)
    changes.update(layout or {})
    figure["narrow"] = {"below": NARROW_WIDTH, "layout": changes, "traces": traces or {}}
    return figure


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# ---------------------------------------------------------------- the overview


def _percent(value: Decimal) -> str:
    return f"{format_number(value, 0)}%"


def _bar_text(bar: IndicatorBar) -> str:
    if bar.progress is None:
        return bar.flag_label
    return f"{_percent(bar.progress * 100)} · {bar.flag_label}"


def _bar_hover(bar: IndicatorBar) -> str:
    lines = [f"<b>{bar.code}</b> {bar.name}", bar.flag_label]
    if bar.latest:
        lines.append(_("Latest figure: %(value)s") % {"value": bar.latest})
    if bar.goal:
        lines.append(_("Goal: %(goal)s") % {"goal": bar.goal})
    if bar.progress is not None:
        lines.append(_("Way covered: %(share)s") % {"share": _percent(bar.progress * 100)})
    if bar.projection:
        lines.append(_("Trend at the goal year: about %(value)s") % {"value": bar.projection})
    return "<br>".join(lines)


def _bar_length(bar: IndicatorBar) -> float:
    if bar.progress is None:
        return 0.0
    return float(min(max(bar.progress * 100, BAR_FLOOR), BAR_CEILING))


SHORT_NAME = 56  # characters of an indicator's name beside its code on a wide chart (and on paper)
SHORT_NAME_NARROW = 34  # on a phone


def short_name(name: str, limit: int = SHORT_NAME) -> str:
    """The indicator's name cut at a word to at most `limit` characters, "…" where it was cut: the chart's row
    label (the hover, the table under the chart and the indicator page give it whole)."""
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    cut = name[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:(-–")
    return f"{cut}…"


def row_label(bar: IndicatorBar, limit: int = SHORT_NAME) -> str:
    """ "<b>2.7</b> Tỷ lệ dân số trưởng thành có sử dụng dịch vụ công…": a row names its indicator, code and name."""
    return f"<b>{escape(bar.code)}</b> {escape(short_name(bar.name, limit))}"


def axis_range(lengths: list[float]) -> tuple[int, int]:
    """The ticked part of the % axis: from 0 (or the lowest bar, down to a multiple of 25%) to 100% (or the longest
    bar), never wider than BAR_FLOOR..BAR_CEILING."""
    low = min([0.0, *lengths])
    high = max([100.0, *lengths])
    return int(math.floor(low / 25) * 25), int(math.ceil(high / 25) * 25)


def axis_ticks(low: int, high: int) -> list[int]:
    """Every 25% (every 50% on a wider axis), through 0 and 100."""
    step = 25 if high - low <= 150 else 50
    return list(range(math.ceil(low / step) * step, high + 1, step))


def overview_figure(model: Overview, *, height_per_bar: int = 40, width: int | None = None) -> dict:
    """Every indicator's share of the way from its baseline to its goal, one horizontal bar each, grouped by the
    documents' groups (economy, society) in stacked panels, coloured by flag (one trace per group and flag, so
    the legend names the flags), a goal line at 100%. Each row is labelled with the indicator's code and short
    name above its bar, and the whole row (with or without a bar) opens the indicator when clicked: a clear bar
    across the row carries its URL as its first customdata, as the flag's bars do."""
    return _overview_figure(model.bars, height_per_bar=height_per_bar, width=width)


def _subplot_rows(sizes: list[int], spacing: float) -> list[tuple[float, float]]:
    """Each panel's vertical domain (bottom, top) on the page, from the top, as plotly's `make_subplots` places
    stacked rows of the heights given."""
    free = 1.0 - spacing * (len(sizes) - 1)
    total = float(sum(sizes))
    domains: list[tuple[float, float]] = []
    top = 1.0
    for size in sizes:
        bottom = max(0.0, top - free * size / total)
        domains.append((bottom, top))
        top = bottom - spacing
    return domains


@memoized
def _overview_figure(bars: list[IndicatorBar], *, height_per_bar: int, width: int | None) -> dict:
    # Built as a plain dict in plotly's JSON form, not through plotly's objects: validating each trace and layout
    # object took about 200 ms for eighty rows, paid again after any change of a bar. tests/dashboard checks the
    # dict against plotly's schema.
    groups = list(dict.fromkeys(b.group for b in bars)) or [""]
    sizes = [max(1, sum(1 for b in bars if b.group == g)) for g in groups]
    low, high = axis_range([_bar_length(b) for b in bars])
    # Room on the right of the longest bar for its words ("35% · Đúng tiến độ"), unticked.
    x_range = [low - 4, high + (high - low) * 0.4]
    domains = _subplot_rows(sizes, 0.08 if len(groups) > 1 else 0)
    last = len(groups)
    ticks = axis_ticks(low, high)
    # A bar fills the lower part of its row; the row's label stands in the upper part, above it. Its words keep
    # their size (plotly would shrink them to the bar's thickness), smaller on the rows of the printed page.
    roomy = height_per_bar >= 36
    bar_place = {"width": 0.4, "offset": -0.46, "constraintext": "none", "textfont": {"size": 11 if roomy else 9}}
    traces: list[dict[str, Any]] = []
    axes: dict[str, Any] = {}
    titles: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    labelled: list[IndicatorBar] = []
    lines: list[dict[str, Any]] = []
    shown: set[Flag] = set()
    # Each bar's URL and hover, on its row's clear bar and on its flag's bar alike.
    custom = {id(b): [b.url, _bar_hover(b)] for b in bars}
    for row, (group, (bottom, top)) in enumerate(zip(groups, domains, strict=True), start=1):
        suffix = "" if row == 1 else str(row)
        on_axes = {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
        panel = [b for b in bars if b.group == group]
        order = [b.code for b in panel]
        traces.append(
            {
                "customdata": [custom[id(b)] for b in panel],
                "hovertemplate": "%{customdata[1]}<extra></extra>",
                "marker": {"color": "rgba(255,255,255,0)", "line": {"width": 0}},
                "meta": {"role": "row"},
                "name": "",
                "offset": -0.5,
                "orientation": "h",
                "showlegend": False,
                "width": 1.0,
                "base": [x_range[0]] * len(panel),
                "x": [x_range[1] - x_range[0]] * len(panel),
                "y": order,
                "type": "bar",
                **on_axes,
            }
        )
        for flag in FLAG_URGENCY:
            mine = [b for b in panel if b.flag == flag]
            if not mine:
                continue
            traces.append(
                {
                    "cliponaxis": False,
                    "customdata": [custom[id(b)] for b in mine],
                    "hovertemplate": "%{customdata[1]}<extra></extra>",
                    "legendgroup": flag.value,
                    "marker": {"color": FLAG_COLOURS[flag], "line": {"color": "#1d2430", "width": 0.6}},
                    "meta": {"flag": flag.value},
                    "name": str(mine[0].flag_label),
                    "orientation": "h",
                    "showlegend": flag not in shown,
                    "text": [_bar_text(b) for b in mine],
                    "textposition": "outside",
                    "x": [_bar_length(b) for b in mine],
                    "y": [b.code for b in mine],
                    "type": "bar",
                    **bar_place,
                    **on_axes,
                }
            )
            shown.add(flag)
        # The panels share the % axis: every one is ticked alike, the last one's ticks are shown and titled.
        axes[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}",
            "domain": [0.0, 1.0],
            **({"matches": f"x{last}", "showticklabels": False} if row < last else {}),
            "range": x_range,
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": [f"{tick}%" for tick in ticks],
            "gridcolor": "#eef1f6",
            "zeroline": False,
            **(
                {"title": {"text": _("Share of the way from the baseline to the goal covered (%)")}}
                if row == last
                else {}
            ),
        }
        axes[f"yaxis{suffix}"] = {
            "anchor": f"x{suffix}",
            "domain": [bottom, top],
            "categoryorder": "array",
            "categoryarray": list(reversed(order)),
            "showticklabels": False,
        }
        if group:
            titles.append(
                {
                    "font": {"size": 16},
                    "showarrow": False,
                    "text": group,
                    "x": 0.5,
                    "xanchor": "center",
                    "xref": "paper",
                    "y": top,
                    "yanchor": "bottom",
                    "yref": "paper",
                }
            )
        # The goal line (100%) and the baseline (0) across the panel.
        for x, line in (
            (100, {"color": "#1d2430", "dash": "dash", "width": 1.5}),
            (0, {"color": "#5b6575", "width": 1}),
        ):
            lines.append(
                {
                    "line": line,
                    "type": "line",
                    "x0": x,
                    "x1": x,
                    "xref": f"x{suffix}",
                    "y0": 0,
                    "y1": 1,
                    "yref": f"y{suffix} domain",
                }
            )
        # Each row's label (code and short name) above its bar, from the left edge of the plot: on a phone the bars
        # keep the whole width, and the label never crosses another row's. By the category's place from the
        # bottom: plotly reads a code such as "1.1" as a number.
        labels.extend(
            {
                "align": "left",
                "font": {"size": 13 if roomy else 10},
                "showarrow": False,
                "text": row_label(b),
                "x": 0,
                "xanchor": "left",
                "xref": "paper",
                "y": len(panel) - 1 - i,
                "yanchor": "bottom",
                "yref": f"y{suffix}",
                "yshift": 0,
            }
            for i, b in enumerate(panel)
        )
        labelled.extend(panel)
    layout = {
        **_layout(
            barmode="overlay",
            height=120 + height_per_bar * sum(sizes),
            margin={"l": 12, "r": 20, "t": 40, "b": 40},
            showlegend=False,  # the flag counts above the chart are its legend, with the same colours
            clickmode="event",
            hovermode="closest",
        ),
        **axes,
        "annotations": [*titles, *labels],
        "shapes": lines,
        "template": plotly_template(),
    }
    if width is not None:
        layout["width"] = width  # the briefing's is fixed to fit an A4 page, on screen as on paper
    narrow: dict[str, Any] = {}
    for i, b in enumerate(labelled, start=len(titles)):
        narrow[f"annotations[{i}].text"] = row_label(b, SHORT_NAME_NARROW)
        narrow[f"annotations[{i}].font.size"] = 11 if roomy else 10
    return with_narrow({"data": traces, "layout": layout}, layout=narrow, traces={"textfont.size": 10 if roomy else 9})


@memoized
def verdicts_figure(rows: list[VerdictRow]) -> dict:
    """The goals whose year is past: per goal year, how many were met, missed or await the year's figure (one
    stacked horizontal bar per goal year, one trace per verdict)."""
    years = sorted({r.year for r in rows})
    fig = go.Figure()
    for verdict in Verdict:
        counts = [sum(1 for r in rows if r.year == y and r.verdict == verdict) for y in years]
        if not any(counts):
            continue
        codes = [", ".join(r.code for r in rows if r.year == y and r.verdict == verdict) for y in years]
        label = str(VERDICT_LABELS[verdict])
        fig.add_trace(
            go.Bar(
                name=label,
                orientation="h",
                x=counts,
                y=[_("Goals %(year)d") % {"year": y} for y in years],
                text=[f"{c} · {label}" if c else "" for c in counts],
                textposition="inside",
                insidetextanchor="middle",
                customdata=codes,
                hovertemplate=f"{label}: %{{x}}<br>%{{customdata}}<extra></extra>",
                marker={"color": VERDICT_COLOURS[verdict], "line": {"color": "#1d2430", "width": 0.6}},
                textfont={"color": "#1d2430" if VERDICT_COLOURS[verdict] in DARK_TEXT_ON else "#ffffff"},
                meta={"verdict": verdict.value},
            )
        )
    fig.update_layout(
        _layout(
            barmode="stack",
            height=110 + 50 * max(1, len(years)),
            margin={"l": 110, "r": 20, "t": 10, "b": 40},
            xaxis={"title": {"text": _("Number of indicators")}, "dtick": 1, "gridcolor": "#eef1f6"},
        )
    )
    # On a phone a tick for every indicator overprints: one every five, the year's label in its own margin.
    return with_narrow(_json(fig), layout={"xaxis.dtick": 5, "margin.l": 80}, traces={"textfont.size": 10})


# ---------------------------------------------------------------- one indicator


def _measure(data: IndicatorChartData, value: Decimal, unit_written: bool = True) -> str:
    """A value with the indicator's unit, unless its document writes the figure without one (1.2's "4,36")."""
    return format_measure(value, data.measure_unit if unit_written else "", data.decimals)


PROJECTION_NAMES = {
    Projection.LINEAR: lambda: _("Trend (linear, recent years weigh more)"),
    Projection.COMPOUND: lambda: _("Trend (compound growth)"),
}


def _segment_trace(segment: Segment, name: str, hover: str, *, colour: str, dash: str, group: str, show: bool):
    return go.Scatter(
        name=name,
        legendgroup=group,
        showlegend=show,
        x=[float(segment.start_time), float(segment.end_time)],
        y=[float(segment.start_value), float(segment.end_value)],
        mode="lines+markers",
        line={"color": colour, "dash": dash, "width": 2},
        marker={"size": [0, 9], "symbol": "circle-open", "color": colour},
        hovertemplate=hover + "<extra></extra>",
        meta={"role": group},
    )


@memoized
def indicator_figure(data: IndicatorChartData) -> dict:
    """One indicator over time, quarters and years on one axis (a year stands at its end, a quarter at the end
    of its quarter, as the method places them): the figures the method uses joined by a line, official figures
    filled, provisional ones hollow, yearly plans as bars on the axis (─), goals as stars with their verdict, the
    straight path from the baseline to the goal, and the projection with its method in the legend. With no
    figure or no numeric target it still draws what there is and says what is missing."""
    fig = go.Figure()
    if data.trend:
        fig.add_trace(
            go.Scatter(
                name=_("Figures used"),
                x=[float(f.time) for f in data.trend],
                y=[float(f.value) for f in data.trend],
                mode="lines",
                line={"color": "#1d2430", "width": 2},
                hoverinfo="skip",
                meta={"role": "trend"},
            )
        )
    for provisional, name, symbol in (
        (False, _("Official figure"), "circle"),
        (True, _("Provisional estimate"), "circle-open"),
    ):
        figures = [f for f in data.figures if f.provisional == provisional]
        if not figures:
            continue
        fig.add_trace(
            go.Scatter(
                name=name,
                x=[float(f.time) for f in figures],
                y=[float(f.value) for f in figures],
                mode="markers",
                marker={"symbol": symbol, "size": 11, "color": BLUE, "line": {"width": 2, "color": BLUE}},
                customdata=[f"{f.period}: {_measure(data, f.value, f.unit_written)} ({name.lower()})" for f in figures],
                hovertemplate="%{customdata}<extra></extra>",
                meta={"role": "provisional" if provisional else "official"},
            )
        )
    for kind, name, symbol, colour in (
        ("plan", _("Yearly plan target"), "line-ew-open", ORANGE),
        ("goal", _("Strategy goal"), "star", VERMILLION),
    ):
        marks = [t for t in data.targets if t.kind == kind]
        if not marks:
            continue
        hovers = []
        for t in marks:
            hover = _("%(kind)s %(year)d: %(target)s (%(document)s)") % {
                "kind": name,
                "year": t.year,
                "target": t.text,
                "document": t.document,
            }
            if t.verdict is not None:
                hover += f" · {VERDICT_LABELS[t.verdict]}"
            hovers.append(hover)
        fig.add_trace(
            go.Scatter(
                name=name,
                x=[t.year for t in marks],
                y=[float(t.value) for t in marks],
                mode="markers+text" if kind == "goal" else "markers",
                text=[t.text for t in marks] if kind == "goal" else None,
                textposition="top center",
                cliponaxis=False,
                marker={
                    "symbol": symbol,
                    "size": 18 if kind == "goal" else 22,
                    "color": colour,
                    "line": {"width": 3 if kind == "plan" else 1, "color": colour},
                },
                customdata=hovers,
                hovertemplate="%{customdata}<extra></extra>",
                meta={"role": kind},
            )
        )
    if data.path is not None:
        hover = _("Straight path from the baseline (%(start)s) to the goal (%(end)s)") % {
            "start": _measure(data, data.path.start_value, data.path.start_unit_written),
            "end": _measure(data, data.path.end_value),
        }
        fig.add_trace(
            _segment_trace(data.path, _("Path to the goal"), hover, colour=GREY, dash="dot", group="path", show=True)
        )
    for i, segment in enumerate(data.projections):
        method = PROJECTION_NAMES[segment.method]() if segment.method else _("Trend")
        hover = _("%(method)s: about %(value)s in %(year)d") % {
            "method": method,
            "value": _measure(data, segment.end_value),
            "year": int(segment.end_time),
        }
        fig.add_trace(
            _segment_trace(segment, method, hover, colour=GREEN, dash="dash", group="projection", show=i == 0)
        )
    notes = chart_notes(data)
    years = [float(f.time) for f in data.figures] + [t.year for t in data.targets]
    x_range = [min(years) - 0.6, max(years) + 0.6] if years else [2021, 2031]
    fig.update_layout(
        _layout(
            height=400,
            margin={"l": 60, "r": 20, "t": 40 + 18 * len(notes), "b": 40},
            xaxis={
                "dtick": 1,
                "tickformat": "d",
                "range": x_range,
                "gridcolor": "#eef1f6",
                "title": {"text": _("Year (a quarter at the end of its quarter)")},
            },
            yaxis={
                "ticksuffix": "%" if data.measure_unit.strip() == "%" else "",
                "gridcolor": "#eef1f6",
                "title": {"text": "" if data.measure_unit.strip() == "%" else data.measure_unit},
                "rangemode": "tozero",
            },
            legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
            annotations=[
                {
                    "text": note,
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0,
                    "y": 1 + 0.06 * (i + 1),
                    "showarrow": False,
                    "xanchor": "left",
                    "font": {"color": "#5b6575"},
                }
                for i, note in enumerate(notes)
            ],
        )
    )
    # On a phone a tick every year overprints: one every other year, the legend and notes a size smaller.
    return with_narrow(_json(fig), layout={"xaxis.dtick": 2, "legend.font.size": 10})


def chart_notes(data: IndicatorChartData) -> list[str]:
    """What the chart cannot show, in words: no figure yet, no numeric target, too few figures for a trend."""
    notes = []
    if not data.figures:
        notes.append(_("No figure has been recorded yet."))
    elif len(data.trend) == 1:
        notes.append(_("A single figure: no trend can be drawn yet."))
    if not data.targets:
        notes.append(_("No quantified target: nothing to measure the figures against."))
    notes.extend(_("Target %(text)s") % {"text": text} for text in data.text_targets)
    return notes


# ---------------------------------------------------------------- timeliness


@memoized
def timeliness_figure(model: Timeliness) -> dict:
    """Units × quarters, each cell coloured by its state (a discrete colour scale over the state's index) and
    labelled in words."""
    index = {state: i for i, (state, _colour) in enumerate(TIMELINESS_STATES)}
    n = len(TIMELINESS_STATES)
    scale = []
    for i, (_state, colour) in enumerate(TIMELINESS_STATES):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    units = [u.short_name or u.name for u in model.units]
    fig = go.Figure(
        go.Heatmap(
            z=[[index[c.state] + 0.5 for c in row] for row in model.cells] or [[]],
            x=model.period_labels,
            y=units,
            text=[[c.label for c in row] for row in model.cells] or [[]],
            # A cell's words over short lines: a quarter's column is narrow on a phone or beside a dozen units.
            customdata=[[_wrapped(c.label, 18) for c in row] for row in model.cells] or [[]],
            texttemplate="%{customdata}",
            textfont={"size": 11},
            hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>",
            colorscale=scale,
            zmin=0,
            zmax=n,
            showscale=False,
            xgap=3,
            ygap=3,
        )
    )
    fig.update_layout(
        _layout(
            height=90 + 48 * max(1, len(units)),
            margin={"l": 20, "r": 20, "t": 40, "b": 20},
            xaxis={"side": "top"},
            yaxis={"autorange": "reversed", "automargin": True},
        )
    )
    return _json(fig)


def timeliness_legend() -> list[tuple[str, str, str]]:
    """(state, colour, label) for the legend under the heatmap."""
    labels = {s.value: deadline_label(s) for s in DeadlineStatus}
    labels[ACCEPTED] = status_label(ACCEPTED)
    return [(state, colour, str(labels[state])) for state, colour in TIMELINESS_STATES]
