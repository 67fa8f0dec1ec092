from django import template

from strategy_tracker.rights import Person

register = template.Library()


@register.filter
def reads_everything(user) -> bool:
    """{% if user|reads_everything %}: the menu shows the consolidated report and the releases to whom they are
    open (reviewers, leadership and administrators)."""
    return Person.of(user).reads_everything


@register.filter
def person_label(user) -> str:
    """'Cán bộ Cục Viễn thông · Cán bộ báo cáo, Cục Viễn thông': who is signed in, in what role, for which unit."""
    label = user.get_full_name() or user.get_username()
    membership = getattr(user, "membership", None)
    if membership is None:
        return label
    role = membership.get_role_display()
    return f"{label} · {role}, {membership.unit.short_name}" if membership.unit else f"{label} · {role}"
