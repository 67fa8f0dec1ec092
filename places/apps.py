from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """The administrative units (the provinces and the communes after the 2025 reform) and the sectors a figure may
    be given for."""

    name = "places"
    verbose_name = _("Places and sectors")
