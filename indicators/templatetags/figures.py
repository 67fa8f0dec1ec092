from django import template

from indicators.explanations import VERDICT_LABELS, flag_label
from indicators.formatting import format_measure, format_target
from indicators.progress import Verdict

register = template.Library()


@register.simple_tag
def measure(value, indicator):
    """{% measure observation.value indicator %} → 14,26%"""
    return format_measure(value, indicator.measure_unit, indicator.decimals)


@register.simple_tag
def figure_as_written(observation, indicator):
    """{% figure_as_written observation indicator %} → 14,26%; "4,36" where the document writes no unit."""
    unit = indicator.measure_unit if observation.unit_written else ""
    return format_measure(observation.value, unit, indicator.decimals)


@register.simple_tag
def target_figure(target, indicator):
    """{% target_figure target indicator %} → > 50%, or the document's wording when it has no number."""
    return format_target(target.comparator, target.value, indicator.measure_unit, indicator.decimals) or target.wording


@register.filter
def verdict_name(code: str) -> str:
    """{{ past.verdict|verdict_name }} → đạt / không đạt / chờ số liệu"""
    return str(VERDICT_LABELS[Verdict(code)]) if code else ""


@register.filter
def flag_name(code: str) -> str:
    """{{ proposal.flag|flag_name }} → Vượt xa mục tiêu: đề xuất nâng chỉ tiêu"""
    return flag_label(code) if code else ""
