"""Documents get a legal rank (higher wins where documents disagree), filled from their kind."""

from django.db import migrations, models


def rank_of(kind: str, number: str) -> int:
    if kind == "decision":
        return 40 if number.strip().endswith("/QĐ-TTg") else 30
    if kind in ("official_letter", "notice"):
        return 20
    if kind in ("report", "press"):
        return 10
    # "proposal": an accepted adjustment is the decision of the ministry's leadership.
    return 30


def fill_document_rank(apps, schema_editor):
    Document = apps.get_model("indicators", "Document")
    for document in Document.objects.all():
        document.rank = rank_of(document.kind, document.number)
        document.save(update_fields=["rank"])


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_target_adjustment_proposals"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="rank",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (40, "Decision of the Prime Minister"),
                    (30, "Decision of a minister"),
                    (20, "Official letter or notice"),
                    (10, "Report or press article"),
                ],
                default=10,
                verbose_name="legal rank",
            ),
        ),
        migrations.RunPython(fill_document_rank, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.CheckConstraint(condition=models.Q(("rank__in", [10, 20, 30, 40])), name="document_rank_valid"),
        ),
    ]
