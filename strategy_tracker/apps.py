from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StrategyTrackerConfig(AppConfig):
    name = "strategy_tracker"
    verbose_name = "Strategy tracker"

    def ready(self) -> None:
        post_migrate.connect(_triggers_made_again, sender=self, dispatch_uid="data-version-triggers")


def _triggers_made_again(sender, using, plan=None, **kwargs) -> None:
    """After every `migrate`, the data-version triggers are made again: on SQLite a migration that rebuilds a
    table (most changes of a column) drops the table's triggers with it."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from strategy_tracker import versions

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("strategy_tracker", "0001_data_versions") in applied:
        versions.install(connection)
