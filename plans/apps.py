from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """The action-plan tasks of the documents (Phụ lục 02 of 466, the tasks of 5473), tied to indicators later."""

    name = "plans"
    verbose_name = _("Action plans")
