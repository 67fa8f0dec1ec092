"""Login throttling (django-axes' database handler) that does not count a sign-in the directory could not answer:
nobody's password was wrong, and counting it would lock every directory person out after a few tries during an
outage. Only names that are not local accounts with a password reach the directory (directory.backends), so a
guess at a local account's password is counted whatever the directory does."""

from axes.handlers.database import AxesDatabaseHandler  # type: ignore[import-untyped]

from directory.backends import UNAVAILABLE


class DirectoryAwareHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is not None and getattr(request, UNAVAILABLE, False):
            return
        super().user_login_failed(sender, credentials, request, **kwargs)
