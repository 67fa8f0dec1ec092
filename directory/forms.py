from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from directory.backends import UNAVAILABLE


class LoginForm(AuthenticationForm):
    """Django's login form; when the directory could not be asked, the refusal says so instead of blaming the
    password (a local account still signs in)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "directory_unavailable": _(
            "The ministry's directory is not answering, so the password could not be checked. Try again in a few "
            "minutes; accounts kept by the tracker itself still sign in."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, UNAVAILABLE, False):
                raise forms.ValidationError(
                    self.error_messages["directory_unavailable"], code="directory_unavailable"
                ) from None
            raise

    @property
    def directory_unavailable(self) -> bool:
        return any(error.code == "directory_unavailable" for error in self.non_field_errors().as_data())
