from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        # The login receiver that stamps a new session as touched lives beside the middleware, which Django
        # imports only on the first request: a login before it (a management command, a test's force_login) would
        # miss the stamp, and the first page would save the session once more.
        from simple_history.signals import pre_create_historical_record

        from indicators import stored  # noqa: F401  # its receivers keep the stored assessments current
        from strategy_tracker import middleware  # noqa: F401

        pre_create_historical_record.connect(_dated_by_the_tracker_clock, dispatch_uid="history-dated-by-the-clock")


def _dated_by_the_tracker_clock(sender, history_instance, **kwargs) -> None:
    """Every history record (who changed what, when) is dated by the tracker's one clock, as the records it
    describes are (a submission's `updated_at`, a proposal's decision): in production it is the real time."""
    from strategy_tracker import clock

    history_instance.history_date = clock.now()
