from django.contrib import messages
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from dashboard.views import home_url_for


class SingleSignOnCallback(OIDCAuthenticationCallbackView):
    """The provider's return: a person signed in lands where the login form would send them (leadership on the
    dashboard); a refused sign-in comes back to the login page saying so."""

    @property
    def success_url(self) -> str:
        return self.request.session.get("oidc_login_next") or home_url_for(self.user)

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "The single sign-on did not sign you in. Try again, or ask an administrator whether your account "
                "may use the tracker."
            ),
        )
        return super().login_failure()
