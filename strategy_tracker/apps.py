from pathlib import Path

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


class StrategyTrackerConfig(AppConfig):
    name = "strategy_tracker"
    verbose_name = "Strategy tracker"

    def __init__(self, app_name, app_module) -> None:
        super().__init__(app_name, app_module)
        # Before any model, admin or form module is imported (they make their form fields as they load, and a
        # field takes its validators when made): ready() would come after the admin's modules.
        from strategy_tracker import text

        text.register()

    def ready(self) -> None:
        pre_migrate.connect(_triggers_dropped, sender=self, dispatch_uid="data-version-triggers-dropped")
        post_migrate.connect(_triggers_made_again, sender=self, dispatch_uid="data-version-triggers")
        connection_created.connect(_sqlite_file_private, dispatch_uid="sqlite-file-private")


def _sqlite_file_private(sender, connection, **kwargs) -> None:
    """A SQLite database is a file of the tracker's data: readable by its owner alone (0600), as the backups are.
    SQLite makes its -wal and -shm files with the database file's mode."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{connection.settings_dict['NAME']}{suffix}")
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
        except FileNotFoundError:
            pass


def _triggers_dropped(sender, using, **kwargs) -> None:
    """Before every `migrate` on SQLite (`versions.dropped_for_migrations`)."""
    from django.db import connections

    from strategy_tracker import versions

    versions.dropped_for_migrations(connections[using])


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
        versions.raised_after_migrations(connection)
