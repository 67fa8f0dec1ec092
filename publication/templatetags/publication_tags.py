from django import template

from indicators.explanations import short_period

register = template.Library()


@register.filter
def figure_period(figure) -> str:
    """{{ figure|figure_period }} → 2024, Q3/2026 (the short form, the same in Vietnamese)"""
    return short_period(figure)


@register.filter
def release_periods(release) -> str:
    """The periods a release covers: "2021, 2024" or "Q4/2026"."""
    seen = sorted({(f.year, f.quarter): f for f in release.figures.all()}.items())
    return ", ".join(short_period(f) for _key, f in seen)


@register.filter
def release_codes(release) -> str:
    codes = {f.indicator.sort_key: f.indicator.code for f in release.figures.all()}
    return ", ".join(codes[k] for k in sorted(codes))
