import functools

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from indicators.assessment import Assessment
from indicators.explanations import flag_label
from indicators.progress import Flag
from places.breakdowns import HeatmapCell, province_ranking, sector_table
from places.charts import province_figure
from strategy_tracker import clock

register = template.Library()


@register.inclusion_tag("places/_province_ranking.html")
def provinces_ranked(assessment: Assessment) -> dict:
    """{% provinces_ranked assessment %}: the provinces' latest figures ranked, the nation's and the goal beside."""
    ranking = province_ranking(assessment)
    return {"ranking": ranking, "figure": province_figure(ranking) if ranking.rows else None}


@register.inclusion_tag("places/_sector_table.html")
def sectors_against_floors(assessment: Assessment) -> dict:
    """{% sectors_against_floors assessment %}: each sector's latest figure against the indicator's goals."""
    return {"table": sector_table(assessment, clock.today())}


@register.filter
def flag_cells(row: list[HeatmapCell]) -> SafeString:
    """{{ row|flag_cells }}: a province's cells of the provinces' table, one per indicator: its flag in words, or a
    dash. Joined from each flag's cell written once (a loop of the template over 34 provinces' every cell was most
    of the page's time once a column had changed)."""
    written = _written_cells(get_language())
    return mark_safe("".join(written[cell.flag] for cell in row))  # noqa: S308  # each made by format_html


@functools.lru_cache(maxsize=8)
def _written_cells(language: str | None) -> dict[Flag | None, str]:
    """Each flag's cell, and the cell of no figure, in `language` (the active one: its labels are translated)."""
    cells: dict[Flag | None, str] = {
        flag: format_html('<td><span class="flag flag-{}">{}</span></td>', flag.value, flag_label(flag))
        for flag in Flag
    }
    cells[None] = "<td>—</td>"
    return cells
