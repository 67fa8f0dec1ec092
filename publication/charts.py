"""The public indicator chart, built with plotly from plain data: the published figures and the goals in force.

No query here: the view hands over the public read model's values. The figure goes to the page as JSON
(`figure_json`, as `json_script` writes it); a static script draws it with the plotly.js that the app serves itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

import plotly.graph_objects as go


@dataclass(frozen=True)
class ChartPoint:
    label: str  # "2024", "Q3/2026"
    time: Decimal  # indicators.progress.period_time
    value: Decimal
    provisional: bool


@dataclass(frozen=True)
class ChartGoal:
    year: int
    value: Decimal
    label: str  # "≥ 30%"


@dataclass(frozen=True)
class ChartWords:
    figures: str
    provisional: str
    goals: str
    unit: str
    separators: str  # plotly's decimal mark then thousands separator: ",." in Vietnamese


def indicator_chart(points: list[ChartPoint], goals: list[ChartGoal], words: ChartWords) -> dict:
    """A plotly figure as plain JSON-ready data: the published series (provisional figures hollow) and the goals
    in force as markers at their years."""
    figure = go.Figure(layout={"template": "none"})
    figure.add_trace(
        go.Scatter(
            x=[float(p.time) for p in points],
            y=[float(p.value) for p in points],
            text=[p.label for p in points],
            mode="lines+markers",
            name=words.figures,
            line={"color": "#1f4f8f", "width": 2},
            marker={
                "size": 9,
                "color": ["#ffffff" if p.provisional else "#1f4f8f" for p in points],
                "line": {"color": "#1f4f8f", "width": 2},
            },
            hovertemplate="%{text}: %{y}<extra></extra>",
        )
    )
    if goals:
        figure.add_trace(
            go.Scatter(
                x=[g.year for g in goals],
                y=[float(g.value) for g in goals],
                text=[f"{g.year}: {g.label}" for g in goals],
                mode="markers+text",
                textposition="top center",
                name=words.goals,
                marker={"symbol": "diamond", "size": 12, "color": "#b3261e"},
                hovertemplate="%{text}<extra></extra>",
            )
        )
    years = [int(p.time) for p in points] + [g.year for g in goals]
    ticks = list(range(min(years), max(years) + 1)) if years else []
    figure.update_layout(
        margin={"l": 50, "r": 20, "t": 30, "b": 40},
        height=380,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        font={"family": "Segoe UI, Noto Sans, DejaVu Sans, Arial, sans-serif", "size": 13},
        legend={"orientation": "h", "y": -0.15},
        xaxis={"tickvals": ticks, "ticktext": [str(t) for t in ticks], "gridcolor": "#eef1f6", "fixedrange": True},
        yaxis={"title": {"text": words.unit}, "gridcolor": "#eef1f6", "rangemode": "tozero", "fixedrange": True},
        separators=words.separators,
    )
    return json.loads(figure.to_json())
