from django import template

from indicators.assessment import Assessment
from places.breakdowns import province_ranking, sector_table
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
