from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        # The login receiver that stamps a new session as touched lives beside the middleware, which Django
        # imports only on the first request: a login before it (a management command, a test's force_login) would
        # miss the stamp, and the first page would save the session once more.
        from strategy_tracker import middleware  # noqa: F401
