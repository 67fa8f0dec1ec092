from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory sign-in")

    def ready(self) -> None:
        from directory import signals  # noqa: F401  # a role given by hand is kept apart from the directory's
