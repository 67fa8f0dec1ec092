from django import template

from notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_badge_link.html", takes_context=True)
def notification_badge(context):
    """The header's link to the person's notifications, with how many are unread."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"count": unread_count(user) if user is not None else 0}
