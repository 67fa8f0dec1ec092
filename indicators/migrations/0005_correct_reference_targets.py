"""Reference-data corrections read again from the documents, for databases loaded before them.

- Công văn 5473/BTTTT-KTS&XHS states its 2025 goals in its annex (“Phụ lục … II. MỤC TIÊU ĐẾN NĂM 2025”), not in
  its body: their section is “Phụ lục, Mục II”.
- The “6%” that Phụ lục 01 of Quyết định 466/QĐ-BTTTT writes for 2023 on row 1,2 is the ICT sector's “khoảng 6%”
  of Mục II.1: it belongs to 1.2.1, with the comparator “~”.

The loader matches targets by (indicator, year, document, section), so without this it would add the corrected
rows beside the old ones. Each change is kept in the target's history with its reason.
"""

from django.db import migrations

from strategy_tracker import clock

ANNEX_OF_5473 = "Phụ lục, Mục II"
ICT_NOTE = (
    "Phụ lục 01 ghi “6%” ở dòng 1,2 và để trống các dòng con; Mục II.1 ghi ở dòng 1.2: “Ngành TTTT khoảng 6%.”, "
    "nên đây là chỉ tiêu ngành TTTT, khoảng 6%."
)
TARGET_FIELDS = ("indicator_id", "year", "kind", "comparator", "value", "wording", "document_id", "section", "note")


def _save_on_record(apps, target, fields, reason):
    target.save(update_fields=fields)
    HistoricalTarget = apps.get_model("indicators", "HistoricalTarget")
    HistoricalTarget.objects.create(
        id=target.pk,
        **{field: getattr(target, field) for field in TARGET_FIELDS},
        history_date=clock.now(),
        history_change_reason=reason,
        history_type="~",
    )


def correct_reference_targets(apps, schema_editor):
    Target = apps.get_model("indicators", "Target")
    Indicator = apps.get_model("indicators", "Indicator")
    TargetProposal = apps.get_model("indicators", "TargetProposal")

    def taken(target, **key):
        same = {"indicator_id": target.indicator_id, "year": target.year, "document_id": target.document_id}
        return Target.objects.filter(**{**same, **key}).exists()

    for target in Target.objects.filter(document__slug="cv-5473-2024", section="Mục II"):
        if not taken(target, section=ANNEX_OF_5473):
            target.section = ANNEX_OF_5473
            _save_on_record(apps, target, ["section"], "5473: các mục tiêu 2025 nằm ở Phụ lục, Mục II")

    ict = Indicator.objects.filter(code="1.2.1").first()
    annex_6 = Target.objects.filter(
        indicator__code="1.2", year=2023, document__slug="qd-466-2023", section="Phụ lục 01"
    ).first()
    if ict is None or annex_6 is None or TargetProposal.objects.filter(replaces=annex_6).exists():
        return
    if Target.objects.filter(indicator=ict, year=2023, document_id=annex_6.document_id, section="Phụ lục 01").exists():
        return
    annex_6.indicator = ict
    annex_6.comparator = "~"
    annex_6.note = ICT_NOTE
    _save_on_record(apps, annex_6, ["indicator", "comparator", "note"], "466 Phụ lục 01: “6%” là của ngành TTTT (1.2.1)")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_document_corrections_and_history"),
    ]

    operations = [
        migrations.RunPython(correct_reference_targets, migrations.RunPython.noop),
    ]
