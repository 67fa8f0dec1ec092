from django.db import migrations, models


def make_triggers(apps, schema_editor):
    # The triggers as `strategy_tracker.versions` describes them today; made again after every migrate.
    from strategy_tracker import versions

    versions.install(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    from strategy_tracker import versions

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for name in versions.installed(connection):
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
                    [name],
                )
                (table,) = cursor.fetchone()
                cursor.execute(f'DROP TRIGGER "{name}" ON "{table}"')
            else:
                cursor.execute(f'DROP TRIGGER "{name}"')


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("indicators", "0009_sessions_signed_in_through_member_backend"),
        ("plans", "0002_task_ordering_ends_with_pk"),
        ("reporting", "0001_submissions"),
        ("reports", "0001_consolidations_and_reminders"),
        ("publication", "0001_releases"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("area", models.CharField(max_length=20, primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(make_triggers, drop_triggers),
    ]
