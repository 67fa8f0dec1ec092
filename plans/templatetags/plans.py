from django import template

from plans.selectors import tasks_for_indicator
from strategy_tracker import clock

register = template.Library()


@register.inclusion_tag("plans/_indicator_tasks.html")
def indicator_tasks(indicator):
    """The tasks whose evaluation criterion is this indicator, for its page (one query; none when the indicator was
    read with `has_tasks` false)."""
    has_tasks = getattr(indicator, "has_tasks", True)
    return {"rows": tasks_for_indicator(indicator, today=clock.today()) if has_tasks else [], "indicator": indicator}
