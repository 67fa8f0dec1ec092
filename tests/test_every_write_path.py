"""Correct on every write path: a change made by any path that writes to the database (a model's save as the
services make it, the admin's change form, `QuerySet.update`, `bulk_create`, a data migration through historical
models, SQL through `connection.cursor()`) is on every page and answer that shows it at once, in the same process,
without clearing a cache; and a save from the reporter's quarter page opened before it is refused. The versions the
caches are keyed on are raised by database triggers (strategy_tracker.versions), whichever path wrote.
"""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from indicators.models import Indicator, Target
from reporting.models import Submission, SubmissionValue
from strategy_tracker import versions
from tests.reporting.conftest import entry_data, post_entry, submission_url, version_of

PATHS = ["save", "admin", "update", "bulk_create", "migration", "sql"]


def _historical(model_name: str):
    """A model as a data migration's RunPython gets it: from the migration state, not the app's class."""
    state = MigrationExecutor(connection).loader.project_state()
    return state.apps.get_model("indicators" if model_name != "SubmissionValue" else "reporting", model_name)


def _login(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _as_posted(form) -> dict:
    """What a browser posts back of a form as the admin rendered it: every field's initial value, by its name."""
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = [getattr(v, "pk", v) for v in value]
        elif hasattr(value, "pk"):
            value = value.pk
        elif isinstance(value, bool) and not value:
            continue
        data[form.add_prefix(name)] = value
    return data


def _rename(path: str, admin_client: Client, code: str, name: str) -> None:
    indicator = Indicator.objects.get(code=code)
    if path == "save":
        indicator.name = name
        indicator.save()
    elif path == "admin":
        page = admin_client.get(f"/admin/indicators/indicator/{indicator.pk}/change/")
        data = _as_posted(page.context["adminform"].form)
        for inline in page.context.get("inline_admin_formsets", []):
            formset = inline.formset
            management = formset.management_form
            data.update({management.add_prefix(k): v for k, v in management.initial.items()})
            for form in formset.forms:
                data.update(_as_posted(form))
        data["name"] = name
        response = admin_client.post(f"/admin/indicators/indicator/{indicator.pk}/change/", data)
        assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    elif path in ("update", "bulk_create"):  # a rename has no insert: bulk_update, the bulk path for a change
        if path == "update":
            Indicator.objects.filter(pk=indicator.pk).update(name=name)
        else:
            indicator.name = name
            Indicator.objects.bulk_update([indicator], ["name"])
    elif path == "migration":
        _historical("Indicator").objects.filter(pk=indicator.pk).update(name=name)
    else:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE indicators_indicator SET name = %s WHERE id = %s", [name, indicator.pk])


def _set_goal(path: str, admin_client: Client, code: str, year: int, value: Decimal) -> None:
    target = Target.objects.get(indicator__code=code, year=year, kind="goal")
    if path == "save":
        target.value = value
        target.save()
    elif path == "update":
        Target.objects.filter(pk=target.pk).update(value=value)
    elif path == "bulk_create":  # the target replaced by a new row, as a load does
        Target.objects.filter(pk=target.pk).delete()
        target.pk = None
        target.value = value
        Target.objects.bulk_create([target])
    elif path == "migration":
        _historical("Target").objects.filter(pk=target.pk).update(value=value)
    else:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE indicators_target SET value = %s WHERE id = %s", [str(value), target.pk])


def _set_value(path: str, row: SubmissionValue, value: Decimal) -> None:
    if path == "save":
        row.value = value
        row.save()
    elif path == "update":
        SubmissionValue.objects.filter(pk=row.pk).update(value=value)
    elif path == "bulk_create":
        SubmissionValue.objects.filter(pk=row.pk).delete()
        row.pk = None
        row.value = value
        SubmissionValue.objects.bulk_create([row])
    elif path == "migration":
        _historical("SubmissionValue").objects.filter(pk=row.pk).update(value=value)
    else:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE reporting_submissionvalue SET value = %s WHERE id = %s", [str(value), row.pk])


SHOWING_AN_INDICATOR = ["/", "/indicators/2.1/", "/api/v1/indicators/2.1/", "/dashboard/", "/dashboard/briefing/"]


@pytest.mark.parametrize("path", PATHS)
def test_a_renamed_indicator_is_on_every_page_at_once(path, leader, admin_user, reviewer):
    reader, staff = _login(leader), _login(admin_user)
    pages = {url: reader.get(url) for url in SHOWING_AN_INDICATOR}
    assert all(response.status_code == 200 for response in pages.values())
    table = _login(reviewer).get("/reports/2026Q4/")
    assert "Tên mới của chỉ tiêu" not in table.content.decode()
    _rename(path, staff, "2.1", "Tên mới của chỉ tiêu")
    for url in SHOWING_AN_INDICATOR:
        assert "Tên mới của chỉ tiêu" in reader.get(url).content.decode(), (path, url)
    assert "Tên mới của chỉ tiêu" in _login(reviewer).get("/reports/2026Q4/").content.decode(), path


# Targets and submission values are records the admin shows and never changes (indicators.admin.RecordAdmin):
# the admin is a write path for an indicator's name only (tested below that the admin refuses the others).
RECORD_PATHS = [path for path in PATHS if path != "admin"]


def test_the_admin_changes_no_target_and_no_submission_value(admin_user, cvt_reporter):
    staff = _login(admin_user)
    post_entry(_login(cvt_reporter), "cuc-vt", "2026Q4", version=0, figures={"2.5": {"value": "81,2"}})
    target = Target.objects.get(indicator__code="2.1", year=2030, kind="goal")
    row = SubmissionValue.objects.get(indicator__code="2.5")
    for url in (
        f"/admin/indicators/target/{target.pk}/change/",
        f"/admin/reporting/submissionvalue/{row.pk}/change/",
    ):
        staff.post(url, {"value": "1"})
    assert Target.objects.get(pk=target.pk).value == Decimal(95)
    assert SubmissionValue.objects.get(pk=row.pk).value == Decimal("81.2")


@pytest.mark.parametrize("path", RECORD_PATHS)
def test_a_changed_goal_is_in_force_everywhere_at_once(path, leader, admin_user):
    reader = _login(leader)
    before = reader.get("/api/v1/indicators/2.1/").json()
    assert before["progress"]["goal"]["value"] == "95"
    reader.get("/")
    reader.get("/indicators/2.1/")
    _set_goal(path, _login(admin_user), "2.1", 2030, Decimal("97.5"))
    after = reader.get("/api/v1/indicators/2.1/").json()
    goals = {t["value"] for t in after["targets"] if t["year"] == 2030 and t["kind"] == "goal"}
    # The targets and the progress agree: the stored assessment was made again for the new revision.
    assert goals == {"97.5"} and after["progress"]["goal"]["value"] == "97.5", path
    assert "97,5" in reader.get("/indicators/2.1/").content.decode(), path
    assert "97,5" in reader.get("/").content.decode(), path


@pytest.fixture
def opened_quarter(cvt_reporter):
    """Cục Viễn thông's Q4/2026 draft saved once (2.5 = 81,2), and its page opened again by its reporter."""
    client = _login(cvt_reporter)
    assert post_entry(client, "cuc-vt", "2026Q4", version=0, figures={"2.5": {"value": "81,2"}}).status_code == 302
    page = client.get(submission_url("cuc-vt", "2026Q4"))
    assert page.status_code == 200
    return client, version_of("cuc-vt", "2026Q4")


@pytest.mark.parametrize("path", RECORD_PATHS)
def test_a_value_changed_by_any_path_is_on_the_quarter_and_the_page_opened_before_is_refused(path, opened_quarter):
    client, opened = opened_quarter
    row = SubmissionValue.objects.get(indicator__code="2.5")
    _set_value(path, row, Decimal("72.25"))
    assert version_of("cuc-vt", "2026Q4") > opened, path  # the database raised the version, whatever the path
    assert "72,25" in client.get(submission_url("cuc-vt", "2026Q4")).content.decode(), path
    form = client.get(submission_url("cuc-vt", "2026Q4") + "form.xlsx")
    assert form.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(form.content))
    cells = {cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row}
    assert Decimal("72.25") in {Decimal(str(v)) for v in cells if isinstance(v, (int, float))}, path
    # The page opened before the change is posted: refused with the reload message, what was typed kept on the
    # page, and nothing overwritten.
    response = client.post(
        submission_url("cuc-vt", "2026Q4"), entry_data("cuc-vt", version=opened, figures={"2.5": {"value": "61,5"}})
    )
    assert response.status_code == 409, path
    assert "Người khác đã lưu báo cáo này sau khi bạn mở trang" in response.content.decode()
    assert 'value="61,5"' in response.content.decode()
    assert SubmissionValue.objects.get(indicator__code="2.5").value == Decimal("72.25")


def test_every_trigger_exists_after_migrate_and_every_area_has_its_row(db):
    assert versions.expected(connection) <= versions.installed(connection)
    assert set(versions.versions()) == set(versions.AREAS)


def test_a_bulk_insert_raises_the_revision_of_each_indicator_it_wrote_and_no_other(db):
    """Once a statement on PostgreSQL (for the rows it wrote, through its transition table), once a row on SQLite:
    either way each indicator written moves and the others stay."""
    from indicators.models import Observation

    revision = dict(Indicator.objects.values_list("code", "revision"))
    written = {code: Indicator.objects.get(code=code) for code in ("2.1", "2.2")}
    Observation.objects.bulk_create(
        Observation(indicator=indicator, year=2010 + i, value=Decimal(i), source="thử")
        for indicator in written.values()
        for i in range(50)
    )
    after = dict(Indicator.objects.values_list("code", "revision"))
    moved = {code for code in revision if after[code] != revision[code]}
    assert moved == set(written)
    if connection.vendor == "postgresql":  # one statement: each raised once, not fifty times
        assert all(after[code] == revision[code] + 1 for code in written)


def test_a_write_in_a_transaction_rolled_back_moves_no_version(cvt_reporter):
    from django.db import transaction

    before = versions.versions()
    with pytest.raises(RuntimeError), transaction.atomic():
        Indicator.objects.filter(code="2.1").update(name="x")
        raise RuntimeError
    assert versions.versions() == before


def test_a_submission_write_moves_the_submissions_area_only(cvt_reporter):
    post_entry(_login(cvt_reporter), "cuc-vt", "2026Q4", version=0, figures={"2.5": {"value": "81,2"}})
    before = versions.versions()
    SubmissionValue.objects.update(note="ghi chú")
    after = versions.versions()
    assert after["submissions"] > before["submissions"]
    assert (after["reference"], after["releases"], after["plans"]) == (
        before["reference"],
        before["releases"],
        before["plans"],
    )
    assert Submission.objects.get().version > 0


@pytest.mark.parametrize("path", ["save", "update", "migration", "sql"])
def test_a_release_shows_a_renamed_indicator_and_keeps_its_figures_as_released(path, reviewer, leader, admin_user):
    from indicators.models import Observation
    from tests.publication.conftest import publish

    publish(reviewer, leader, "1.1", [(2024, 0)])
    public = Client()
    assert "18,3" in public.get("/public/indicators/1.1/").content.decode()
    public.get("/public/")
    csv = _login(reviewer).get("/reports/2026Q4/table.csv").content.decode()
    _rename(path, _login(admin_user), "1.1", "Tên mới của chỉ tiêu")
    # The figure of record corrected by the same path: the release keeps the figure it released.
    figure = Observation.objects.get(indicator__code="1.1", year=2024, quarter=0)
    if path == "save":
        figure.value = Decimal("18.9")
        figure.save()
    elif path == "update":
        Observation.objects.filter(pk=figure.pk).update(value=Decimal("18.9"))
    elif path == "migration":
        _historical("Observation").objects.filter(pk=figure.pk).update(value=Decimal("18.9"))
    else:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE indicators_observation SET value = %s WHERE id = %s", ["18.9", figure.pk])
    for url in ("/public/", "/public/indicators/1.1/"):
        assert "Tên mới của chỉ tiêu" in public.get(url).content.decode(), (path, url)
    released = public.get("/public/indicators/1.1/").content.decode()
    assert "18,3" in released and "18,9" not in released, path  # frozen on purpose
    assert "18,9" in _login(leader).get("/indicators/1.1/").content.decode(), path  # the figure of record
    after = _login(reviewer).get("/reports/2026Q4/table.csv").content.decode()
    assert "Tên mới của chỉ tiêu" in after and "Tên mới của chỉ tiêu" not in csv, path


# An indicator's API answers are kept under its own revision (one indicator's change makes one item again) and
# under the names it shows of other rows, which its revision does not count: its group's, its parent's code, its
# reporting unit's. Each renamed in SQL, as no code of the app would see it.
OTHER_ROWS = {
    "group": (
        "UPDATE indicators_indicatorgroup SET name = %s WHERE id = (SELECT group_id FROM indicators_indicator "
        "WHERE code = '1.2.1')",
        "Nhóm đổi tên",
    ),
    "unit": (
        "UPDATE indicators_unit SET name = %s WHERE id = (SELECT reporting_unit_id FROM indicators_indicator "
        "WHERE code = '1.2.1')",
        "Đơn vị đổi tên",
    ),
    "parent": ("UPDATE indicators_indicator SET code = %s WHERE code = '1.2'", "1.20"),
}


@pytest.mark.parametrize("row", OTHER_ROWS)
def test_the_api_shows_a_renamed_group_unit_or_parent_at_once(row, leader):
    reader = _login(leader)
    urls = ["/api/v1/indicators/1.2.1/", "/api/v1/indicators/", "/api/v1/indicators/?nested=1"]
    assert all(reader.get(url).status_code == 200 for url in urls)
    sql, name = OTHER_ROWS[row]
    with connection.cursor() as cursor:
        cursor.execute(sql, [name])
    detail = reader.get(urls[0]).json()
    shown = {"group": detail["group"], "unit": detail["reporting_unit"]["name"], "parent": detail["parent"]}
    assert shown[row] == name
    for url in urls[1:]:
        item = next(i for i in reader.get(url).json()["results"] if i["code"] == "1.2.1")
        assert {"group": item["group"], "unit": item["reporting_unit"]["name"], "parent": item["parent"]}[row] == name


@pytest.mark.parametrize("path", RECORD_PATHS)
def test_a_submitted_value_changed_by_any_path_is_in_the_consolidated_table_and_its_files_at_once(
    path, cvt_reporter, reviewer
):
    sent = post_entry(_login(cvt_reporter), "cuc-vt", "2026Q4", version=0, action="submit", figures=FIBRE)
    assert sent.status_code == 302
    assert Submission.objects.get().status == "submitted"
    reader = _login(reviewer)
    # The pages show the figure the Vietnamese way, the CSV for machines with a decimal point.
    pages = {"/reports/2026Q4/": ("81,2", "72,25"), "/reports/2026/": ("81,2", "72,25")}
    pages["/reports/2026Q4/table.csv"] = ("81.2", "72.25")
    for url, (before, after) in pages.items():
        shown = _text(reader.get(url))  # the pages and their rows warm in the caches
        assert before in shown and after not in shown, url
    _set_value(path, SubmissionValue.objects.get(indicator__code="2.5"), Decimal("72.25"))
    for url, (before, after) in pages.items():
        shown = _text(reader.get(url))
        assert after in shown and before not in shown, (path, url)
    table = openpyxl.load_workbook(io.BytesIO(reader.get("/reports/2026Q4/table.xlsx").content))
    cells = {cell.value for sheet in table.worksheets for row in sheet.iter_rows() for cell in row}
    assert any("72,25" in str(v) or v == 72.25 for v in cells), path


FIBRE = {"2.1": {"value": "86"}, "2.5": {"value": "81,2"}}  # both of Cục Viễn thông's indicators


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")
