"""The provinces ranked on one indicator as a plotly bar chart, from `places.breakdowns.ProvinceRanking`: no query
here, no rule decided here. Built as the dashboard's figures are (`dashboard.charts`: a JSON-ready dict that the
page hands to plotly.js through `figure_json`, drawn by `dashboard/charts.js`), in the same palette and formats."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dashboard.charts import (
    BLUE,
    FLAG_COLOURS,
    FONT,
    GREY,
    ORANGE,
    VERMILLION,
    memoized,
    plotly_template,
    separators,
    with_narrow,
)
from indicators.explanations import flag_label
from indicators.formatting import format_measure
from indicators.periods import format_period
from indicators.progress import Flag
from places.breakdowns import HeatmapFlags, ProvinceRanking, ProvinceRow


def _hover(row: ProvinceRow, unit: str, decimals: int) -> str:
    figure = row.figure
    value, period = format_measure(figure.value, unit, decimals), format_period(figure.year, figure.quarter)
    text = f"{row.province.name}: {value} ({period})"
    return text + (f" · {_('provisional estimate')}" if figure.provisional else "")


@memoized
def province_figure(ranking: ProvinceRanking) -> dict:
    """One bar a province, best on top; the nation's latest figure (dashed) and the next goal (dotted) as lines
    across, each named in the legend and in words on the chart. Written as plotly's JSON directly (as the heatmap):
    building plotly's objects was a fifth of the indicator's page after a change of its goal."""
    indicator = ranking.indicator
    unit, decimals = indicator.measure_unit, indicator.decimals
    rows = list(reversed(ranking.rows))  # plotly draws the first category at the bottom
    names = [f"{row.rank}. {row.province.name}" for row in rows]
    data: list[dict] = [
        {
            "hoverinfo": "text",
            "hovertext": [_hover(row, unit, decimals) for row in rows],
            "marker": {"color": BLUE},
            "name": _("Province"),
            "orientation": "h",
            "text": [format_measure(row.figure.value, unit, decimals) for row in rows],
            "textposition": "auto",
            "x": [float(row.figure.value) for row in rows],
            "y": names,
            "type": "bar",
        }
    ]
    lines = []
    if ranking.national is not None:
        national = ranking.national
        label = _("Nation %(value)s (%(period)s)") % {
            "value": format_measure(national.value, unit, decimals),
            "period": format_period(national.year, national.quarter),
        }
        lines.append((float(national.value), label, ORANGE, "dash"))
    if ranking.goal is not None and ranking.goal.value is not None:
        label = _("Goal %(year)d: %(value)s") % {
            "year": ranking.goal.year,
            "value": format_measure(ranking.goal.value, unit, decimals),
        }
        lines.append((float(ranking.goal.value), label, VERMILLION, "dot"))
    for x, label, colour, dash in lines:
        data.append(
            {
                "hoverinfo": "name",
                "line": {"color": colour, "dash": dash, "width": 2},
                "mode": "lines",
                "name": label,
                "x": [x, x],
                "y": [names[0], names[-1]] if names else [],
                "type": "scatter",
            }
        )
    layout = {
        "template": plotly_template(),
        "separators": separators(),
        "font": {"family": FONT, "size": 13, "color": "#1d2430"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": max(240, 26 * len(rows) + 120),
        "margin": {"l": 10, "r": 20, "t": 10, "b": 40},
        "xaxis": {"title": {"text": unit}, "gridcolor": "#e5e5e5", "zerolinecolor": GREY},
        "yaxis": {"automargin": True},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        "bargap": 0.25,
    }
    return with_narrow({"data": data, "layout": layout})


def _flag_scale() -> tuple[dict[Flag, int], list[list]]:
    flags = list(FLAG_COLOURS)
    n = len(flags) + 1  # the last colour: no figure
    scale: list[list] = []
    for i, colour in enumerate([*FLAG_COLOURS.values(), "#FFFFFF"]):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return {flag: i for i, flag in enumerate(flags)}, scale


@memoized
def heatmap_figure(model: HeatmapFlags) -> dict:
    """Provinces × indicators, each cell coloured by the flag of the province's progress (the dashboard's flag
    colours) and labelled in words; a province without a figure for the indicator is a white cell. Written as
    plotly's JSON directly (as the dashboard's overview): plotly's objects validate every one of the 34 × 80 cells
    again after any change of one."""
    index, scale = _flag_scale()
    blank = len(index)
    z = [[index[flag] + 0.5 if flag else blank + 0.5 for flag in row] for row in model.flags]
    text = [[flag_label(flag) if flag else _("no figure") for flag in row] for row in model.flags]
    heatmap = {
        "colorscale": scale,
        "hovertemplate": "%{y} · %{x}<br>%{text}<extra></extra>",
        "showscale": False,
        "text": text or [[]],
        "x": list(model.codes),
        "xgap": 2,
        "y": list(model.provinces),
        "ygap": 2,
        "z": z or [[]],
        "zmax": blank + 1,
        "zmin": 0,
        "type": "heatmap",
    }
    layout = {
        "separators": separators(),
        "font": {"family": FONT, "size": 12, "color": "#1d2430"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": 90 + 24 * max(1, len(model.provinces)),
        "margin": {"l": 20, "r": 20, "t": 40, "b": 20},
        "xaxis": {"side": "top", "type": "category"},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "template": plotly_template(),
    }
    return with_narrow({"data": [heatmap], "layout": layout})


def heatmap_legend(model: HeatmapFlags) -> list[tuple[str, str]]:
    """(swatch, words) for each flag the heatmap holds, in the colours' order, and the white cell of no figure when
    a province has none: the legend under the heatmap."""
    present = {flag for row in model.flags for flag in row}
    legend = [(flag.value, str(flag_label(flag))) for flag in FLAG_COLOURS if flag in present]
    return legend + ([("none", _("no figure"))] if None in present else [])
