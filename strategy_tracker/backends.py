"""The sign-in backend: Django's, with the person read together with their membership and its unit.

Every signed-in page shows who is signed in, in what role and for which unit (`person_label`), and checks access
through the membership (`strategy_tracker.rights.membership_of`): read with the person, in the one query that the
session's person costs anyway, instead of one query for the membership and one for its unit (a reporter's, a
reviewer's) on every request. Sessions made through Django's own backend are moved to this one by the migration
`indicators.0009_sessions_signed_in_through_member_backend`, so an upgrade signs no one out."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class MemberBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("membership__unit").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
