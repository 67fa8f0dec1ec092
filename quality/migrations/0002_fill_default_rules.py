from django.db import migrations


def fill_default_rules(apps, schema_editor):
    from quality.services import rules_seed

    rules_seed(rule_model=apps.get_model("quality", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_rules")]

    operations = [migrations.RunPython(fill_default_rules, migrations.RunPython.noop)]
