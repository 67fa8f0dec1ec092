"""Data versions kept by the database: counters that database triggers raise in the same transaction as every
committed change, whatever path made it (the app's services, the admin, `QuerySet.update`, `bulk_create`, a data
migration, `loaddata`, SQL typed into `dbshell`). A cache keyed by them is never read stale, and no application
code has to remember to raise them.

Three grains:
- an **area version** per group of tables (`AREAS`): `strategy_tracker.DataVersion`, one row an area, raised once a
  statement on PostgreSQL and once a row on SQLite. Django's caches key what they keep by it (`data_version`);
- an indicator's **revision** (`Indicator.revision`): raised by any change of the indicator itself, of one of its
  targets or figures, or of a document they cite. Its stored assessment is read only at its revision
  (`indicators.stored`), so one unit's figure makes one indicator's assessment again, not every one;
- a submission's **version** (`Submission.version`): raised by any change of the submission or of one of its
  values. A form or an API write carrying an older version is refused: no lost update, by any path.

The triggers are made by a migration and made again after every `migrate` (`install`): on SQLite a migration that
rebuilds a table drops its triggers. `tests/test_versions.py` checks each exists and fires.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "strategy_tracker_dataversion"
PREFIX = "tracker_"

# area → the models whose every change it counts ("app_label.Model"; auth.User only for the columns shown).
AREAS: dict[str, tuple[str, ...]] = {
    "reference": (
        "indicators.Unit",
        "indicators.Document",
        "indicators.IndicatorGroup",
        "indicators.Indicator",
        "indicators.Target",
        "indicators.Observation",
        "indicators.TargetProposal",
        "indicators.Membership",
        "indicators.Unit_provincial_indicators",
        "targets.TargetRound",
        "targets.RoundItem",
        "targets.RoundValue",
        "places.Province",
        "places.Commune",
        "places.Sector",
        "auth.User",
    ),
    "submissions": ("reporting.Submission", "reporting.SubmissionValue", "reports.Consolidation"),
    "releases": ("publication.Release", "publication.ReleasedFigure"),
    "plans": ("plans.Section", "plans.Task", "plans.ProgressUpdate"),
}
# The columns of a person that pages show: a sign-in (last_login) changes none of them.
USER_COLUMNS = ("username", "first_name", "last_name", "email", "is_active")


@dataclass(frozen=True)
class Counter:
    """A counter kept on the rows of `owner` (its `column`), raised by every change of a row of `model` that refers
    to it through `link` (a column of `model`), and by every update of the owner's row itself."""

    owner: str
    column: str
    model: str
    link: str


COUNTERS = (
    Counter("indicators.Indicator", "revision", "indicators.Target", "indicator_id"),
    Counter("indicators.Indicator", "revision", "indicators.Observation", "indicator_id"),
    Counter("reporting.Submission", "version", "reporting.SubmissionValue", "submission_id"),
)
# A document's rank, date, number and title decide which target is in force and are shown with it: a change of a
# document raises the revision of every indicator whose targets or figures cite it.
CITING = ("indicators.Target", "indicators.Observation")


def _table(label: str) -> str:
    return apps.get_model(label)._meta.db_table


def _area_sql(connection: BaseDatabaseWrapper, tables: set[str] | None = None) -> list[str]:
    """With `tables`, only for the tables that exist: a migration run before a later app's tables are made (the
    first `migrate` of a new database) leaves those to the `install` after it."""
    q = connection.ops.quote_name
    statements = []
    for area, labels in AREAS.items():
        for label in labels:
            table = _table(label)
            if tables is not None and table not in tables:
                continue
            events = [("insert", "INSERT"), ("delete", "DELETE")]
            if label == "auth.User":
                events.append(("update", "UPDATE OF " + ", ".join(q(c) for c in USER_COLUMNS)))
            else:
                events.append(("update", "UPDATE"))
            for name, event in events:
                trigger = q(f"{PREFIX}{table}_area_{name}")
                if connection.vendor == "postgresql":
                    statements.append(
                        f"CREATE OR REPLACE TRIGGER {trigger} AFTER {event} ON {q(table)} "
                        f"FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}area_changed('{area}')"
                    )
                else:
                    statements.append(f"DROP TRIGGER IF EXISTS {trigger}")
                    statements.append(
                        f"CREATE TRIGGER {trigger} AFTER {event} ON {q(table)} BEGIN "
                        f"INSERT INTO {TABLE} (area, version) VALUES ('{area}', 1) "
                        f"ON CONFLICT (area) DO UPDATE SET version = version + 1; END"
                    )
            if connection.vendor == "postgresql":  # a TRUNCATE (flush) empties the table without a row trigger
                trigger = q(f"{PREFIX}{table}_area_truncate")
                statements.append(
                    f"CREATE OR REPLACE TRIGGER {trigger} AFTER TRUNCATE ON {q(table)} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}area_changed('{area}')"
                )
    return statements


def _counter_sql(connection: BaseDatabaseWrapper) -> list[str]:
    q = connection.ops.quote_name
    statements = []
    postgresql = connection.vendor == "postgresql"

    def raise_sql(owner: str, column: str, where: str) -> str:
        return f"UPDATE {q(owner)} SET {q(column)} = {q(column)} + 1 WHERE {where}"

    owners = {(c.owner, c.column) for c in COUNTERS}
    for owner_label, column in sorted(owners):
        owner = _table(owner_label)
        trigger = q(f"{PREFIX}{owner}_{column}_own")
        if postgresql:
            # Any update of the row raises its counter by one from what is stored, whatever the writer sent.
            statements.append(
                f"CREATE OR REPLACE FUNCTION {PREFIX}{owner}_{column}_own() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN NEW.{q(column)} := OLD.{q(column)} + 1; RETURN NEW; END $$"
            )
            statements.append(
                f"CREATE OR REPLACE TRIGGER {trigger} BEFORE UPDATE ON {q(owner)} "
                f"FOR EACH ROW EXECUTE FUNCTION {PREFIX}{owner}_{column}_own()"
            )
        else:
            # SQLite's triggers may not change NEW: the row is updated again (a trigger never fires itself).
            statements.append(f"DROP TRIGGER IF EXISTS {trigger}")
            statements.append(
                f"CREATE TRIGGER {trigger} AFTER UPDATE ON {q(owner)} BEGIN "
                f"UPDATE {q(owner)} SET {q(column)} = OLD.{q(column)} + 1 WHERE id = NEW.id; END"
            )
    for counter in COUNTERS:
        owner, table, link = _table(counter.owner), _table(counter.model), q(counter.link)
        name = f"{PREFIX}{table}_{counter.column}"
        if postgresql:
            statements.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF TG_OP <> 'INSERT' THEN {raise_sql(owner, counter.column, f'id = OLD.{link}')}; END IF; "
                f"IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.{link} IS DISTINCT FROM OLD.{link}) THEN "
                f"{raise_sql(owner, counter.column, f'id = NEW.{link}')}; END IF; "
                f"RETURN NULL; END $$"
            )
            statements.append(
                f"CREATE OR REPLACE TRIGGER {q(name)} AFTER INSERT OR UPDATE OR DELETE ON {q(table)} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
        else:
            for event, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("OLD", "NEW"))):
                trigger = q(f"{name}_{event.lower()}")
                where = " OR ".join(f"id = {row}.{link}" for row in rows)
                statements.append(f"DROP TRIGGER IF EXISTS {trigger}")
                statements.append(
                    f"CREATE TRIGGER {trigger} AFTER {event} ON {q(table)} BEGIN "
                    f"{raise_sql(owner, counter.column, where)}; END"
                )
    indicator, document = _table("indicators.Indicator"), _table("indicators.Document")
    citing = " UNION ".join(
        f"SELECT indicator_id FROM {q(_table(label))} WHERE document_id = NEW.id" for label in CITING
    )
    trigger = q(f"{PREFIX}{document}_revision")
    body = raise_sql(indicator, "revision", f"id IN ({citing})")
    if postgresql:
        statements.append(
            f"CREATE OR REPLACE FUNCTION {PREFIX}{document}_revision() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body}; RETURN NULL; END $$"
        )
        statements.append(
            f"CREATE OR REPLACE TRIGGER {trigger} AFTER UPDATE ON {q(document)} "
            f"FOR EACH ROW EXECUTE FUNCTION {PREFIX}{document}_revision()"
        )
    else:
        statements.append(f"DROP TRIGGER IF EXISTS {trigger}")
        statements.append(f"CREATE TRIGGER {trigger} AFTER UPDATE ON {q(document)} BEGIN {body}; END")
    return statements


def trigger_sql(connection: BaseDatabaseWrapper, tables: set[str] | None = None) -> list[str]:
    """Every statement that makes the triggers on `connection`'s database, each safe to run again."""
    statements = []
    if connection.vendor == "postgresql":
        statements.append(
            f"CREATE OR REPLACE FUNCTION {PREFIX}area_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"INSERT INTO {TABLE} (area, version) VALUES (TG_ARGV[0], 1) "
            f"ON CONFLICT (area) DO UPDATE SET version = {TABLE}.version + 1; RETURN NULL; END $$"
        )
    elif connection.vendor != "sqlite":
        raise NotImplementedError(f"data versions: no triggers for {connection.vendor}")
    return statements + _area_sql(connection, tables) + _counter_sql(connection)


def install(connection: BaseDatabaseWrapper) -> None:
    """Make (or make again) every trigger, and a row for every area."""
    with connection.cursor() as cursor:
        for statement in trigger_sql(connection, set(connection.introspection.table_names(cursor))):
            cursor.execute(statement)
        for area in AREAS:
            cursor.execute(f"INSERT INTO {TABLE} (area, version) VALUES (%s, 0) ON CONFLICT (area) DO NOTHING", [area])


def dropped_for_migrations(connection: BaseDatabaseWrapper) -> None:
    """On SQLite, drop every trigger before migrations run: a migration that rebuilds a table (a constraint or a
    column changed) renames a copy into its place, and SQLite refuses the rename while another table's trigger names
    the table (a document's trigger names the targets and figures). `install` makes them again after `migrate`,
    and `raised_after_migrations` raises every version, so nothing kept before or written during the migrations is
    read as current. PostgreSQL alters tables in place and keeps its triggers."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in installed(connection):
            cursor.execute(f"DROP TRIGGER IF EXISTS {connection.ops.quote_name(name)}")


def raised_after_migrations(connection: BaseDatabaseWrapper) -> None:
    """On SQLite, after `migrate` (its triggers made again): every area's version and every indicator's revision
    raised once, for the writes the migrations made while the triggers were dropped."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        cursor.execute(f"UPDATE {TABLE} SET version = version + 1")
        if "indicators_indicator" in tables:
            cursor.execute("UPDATE indicators_indicator SET revision = revision + 1")


@contextmanager
def row_counters_paused(connection: BaseDatabaseWrapper, label: str) -> Iterator[None]:
    """For a bulk load of millions of rows of `label` in one transaction (`generate_benchmark_data --size communes`):
    on PostgreSQL, the row-level triggers that raise a counter for each row of `label` are disabled for the block,
    and every owner's counter (every indicator's revision) is raised once after it, as `raised_after_migrations`
    does; the area versions keep their statement-level triggers. The table is locked from the block to the commit
    (ALTER TABLE), and a rollback undoes it all: no other transaction ever writes while the triggers are off. Each
    row's trigger raised the same indicator's row once per figure, 133,000 times in one transaction, and PostgreSQL
    walks a row's chain of versions made in the transaction at every raise. On SQLite nothing changes: a raise is
    one row written in place."""
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("row counters are paused only inside a transaction")
    q = connection.ops.quote_name
    counters = [c for c in COUNTERS if c.model == label]
    table = q(_table(label))
    with connection.cursor() as cursor:
        # ALTER TABLE refuses a table with checks of foreign keys still to come (Django defers them to the commit):
        # they are made now, and at the end of each statement within the block.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for counter in counters:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {q(f'{PREFIX}{_table(label)}_{counter.column}')}")
    yield
    with connection.cursor() as cursor:
        for counter in counters:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {q(f'{PREFIX}{_table(label)}_{counter.column}')}")
            cursor.execute(f"UPDATE {q(_table(counter.owner))} SET {q(counter.column)} = {q(counter.column)} + 1")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def installed(connection: BaseDatabaseWrapper) -> set[str]:
    """The names of this module's triggers that exist in `connection`'s database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE %s", [PREFIX + "%"])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [PREFIX + "%"])
        return {row[0] for row in cursor.fetchall()}


def expected(connection: BaseDatabaseWrapper) -> set[str]:
    """The names of the triggers `install` makes."""
    names = set()
    for statement in trigger_sql(connection):
        if "CREATE OR REPLACE TRIGGER" in statement or statement.startswith("CREATE TRIGGER"):
            words = statement.replace("CREATE OR REPLACE TRIGGER", "CREATE TRIGGER").split()
            names.add(words[2].strip('"'))
    return names


def versions(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Every area's version, in one query."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT area, version FROM {TABLE}")
        found = dict(cursor.fetchall())
    return {area: int(found.get(area, 0)) for area in AREAS}


def data_version(*areas: str, using: str = DEFAULT_DB_ALIAS) -> str:
    """The versions of `areas` (every area when none is named) as one key, in one query: what a cache entry made
    from those areas' data is kept under. Read it before the data: data read after it is at least as new, so an
    entry is never kept under a key newer than what it shows."""
    return version_key(versions(using), *areas)


def version_key(found: dict[str, int], *areas: str) -> str:
    """The versions of `areas` (every area when none is named) out of `versions()`, as one key."""
    return ".".join(f"{area[0]}{found[area]}" for area in (areas or tuple(AREAS)))
