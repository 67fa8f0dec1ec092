"""The sign-in backend: Django's, with the person read together with their membership and its unit.

Every signed-in page shows who is signed in, in what role and for which unit (`person_label`), and checks access
through the membership (`strategy_tracker.rights.membership_of`): read with the person, in the one query that the
session's person costs anyway, instead of one query for the membership and one for its unit (a reporter's, a
reviewer's) on every request. The same query counts the person's unread notifications, for the header's badge.
Sessions made through Django's own backend are moved to this one by the migration
`indicators.0009_sessions_signed_in_through_member_backend`, so an upgrade signs no one out."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from notifications.selectors import unread_count_subquery


class MemberBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = (
                User._default_manager.select_related("membership__unit")
                .annotate(unread_notifications=unread_count_subquery())
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
