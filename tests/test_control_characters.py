"""A control character (NUL and the other C0 characters but tab, line feed and carriage return) in any text is
refused in Vietnamese and saves nothing, wherever it is typed or sent: the consolidation note, the entry page, the
write API, the Excel import, the admin's forms (strategy_tracker.text). Tab and line breaks stay welcome."""

import zipfile
from io import BytesIO

import pytest
from django import forms
from django.urls import reverse
from knox.models import AuthToken
from rest_framework import serializers

from indicators.models import Unit
from reporting.models import Submission, SubmissionValue
from reports.models import Consolidation
from strategy_tracker.text import ProhibitControlCharactersValidator, control_character_in
from tests.reporting.conftest import post_entry
from tests.reporting.excel_files import as_upload, download, filled, snapshot
from tests.reporting.test_entry_page import errors_beside
from tests.reports.test_table import text_of

pytestmark = pytest.mark.django_db

NUL = "Nội dung có ký tự null, không lưu được: hãy xóa ký tự này."


def control(code: str) -> str:
    return f"Nội dung có ký tự điều khiển (U+{code}), không lưu được: hãy xóa ký tự này."


# (the text, the message): NUL, the first and last C0 controls, the escape a terminal leaves, a vertical tab and
# a form feed (line breaks of Word and of PDFs), the unit separator
BAD = [
    ("VNNIC\x00", NUL),
    ("VNNIC\x01", control("0001")),
    ("\x1b[31mVNNIC", control("001B")),
    ("Dòng 1\x0bDòng 2", control("000B")),
    ("Trang 1\x0cTrang 2", control("000C")),
    ("VNNIC\x1f2024", control("001F")),
]
GOOD = "Cột 1\tCột 2\r\nDòng 2\nDòng 3"


@pytest.mark.parametrize(("text", "message"), BAD)
def test_the_rule(text, message):
    assert control_character_in(text) == message
    assert control_character_in(GOOD) is None


def test_every_text_field_of_a_form_or_a_serializer_refuses_them():
    """Registered once: every CharField made, by the tracker or by a library (the admin, the filters)."""
    for field in (forms.CharField(), forms.CharField(validators=[]), serializers.CharField()):
        assert any(isinstance(v, ProhibitControlCharactersValidator) for v in field.validators), field
    with pytest.raises(forms.ValidationError) as refused:
        forms.CharField().clean("VNNIC\x01")
    assert refused.value.messages == [control("0001")]
    assert forms.CharField().clean(GOOD) == GOOD.strip()


@pytest.mark.parametrize(("text", "message"), BAD)
def test_the_consolidation_note(client_for, reviewer, on_day, text, message):
    from datetime import date

    on_day(date(2026, 12, 10))
    response = client_for(reviewer).post(
        reverse("reports:consolidate", args=["2026Q4"]), {"confirm_missing": "1", "note": text}, follow=True
    )
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Consolidation.objects.exists()


def test_a_consolidation_note_with_line_breaks_and_tabs_is_sent(client_for, reviewer, on_day):
    from datetime import date

    on_day(date(2026, 12, 10))
    client_for(reviewer).post(reverse("reports:consolidate", args=["2026Q4"]), {"confirm_missing": "1", "note": GOOD})
    assert Consolidation.objects.get().note == GOOD.strip()


@pytest.mark.parametrize(("text", "message"), BAD)
def test_the_entry_page(client_for, cvt_reporter, text, message):
    figures = {"2.1": {"value": "86"}, "2.5": {"value": "81", "source": text}}
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=figures)
    assert response.status_code == 400
    assert errors_beside(response, "v-2.5-source") == [message]
    assert not Submission.objects.exists() and not SubmissionValue.objects.exists()


@pytest.mark.parametrize(("text", "message"), BAD)
def test_the_entry_pages_sections(client_for, cvt_reporter, text, message):
    response = post_entry(
        client_for(cvt_reporter), "cuc-vt", "2026Q4", figures={"2.5": {"value": "81"}}, sections={"difficulties": text}
    )
    assert response.status_code == 400
    assert errors_beside(response, "difficulties") == [message]
    assert not Submission.objects.exists()


@pytest.mark.parametrize("field", ["source", "note"])
@pytest.mark.parametrize(("text", "message"), BAD)
def test_the_write_api(client, cvt_reporter, field, text, message):
    token = AuthToken.objects.create(cvt_reporter)[1]
    body = {"indicator": "2.5", "period": "2026Q4", "value": "81,2", field: text}
    response = client.post(
        "/api/v1/observations/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
    )
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert not Submission.objects.exists()


def test_the_write_api_keeps_tabs_and_line_breaks(client, cvt_reporter):
    token = AuthToken.objects.create(cvt_reporter)[1]
    body = {"indicator": "2.5", "period": "2026Q4", "value": "81,2", "note": GOOD}
    response = client.post(
        "/api/v1/observations/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
    )
    assert response.status_code == 201, response.json()
    assert SubmissionValue.objects.get().note == GOOD.strip()


def _with_text(content: bytes, placeholder: str, escaped: str) -> bytes:
    """The workbook with the text `placeholder` replaced by `escaped`, as Excel writes a control character
    (_x0001_): openpyxl cannot write one."""
    source, out = zipfile.ZipFile(BytesIO(content)), BytesIO()
    replaced = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/") and item.filename.endswith(".xml"):
                replaced += data.count(placeholder.encode())
                data = data.replace(placeholder.encode(), escaped.encode())
            target.writestr(item, data)
    assert replaced == 1
    return out.getvalue()


def _excel_escaped(text: str) -> str:
    return "".join(f"_x{ord(c):04X}_" if ord(c) < 0x20 and c not in "\t\n\r" else c for c in text)


@pytest.mark.parametrize(("text", "message"), BAD)
def test_the_excel_import(client_for, cvt_reporter, text, message):
    blank = download(client_for(cvt_reporter))
    content = _with_text(filled(blank, {"D8": "81,2", "F8": "PLACEHOLDER"}), "PLACEHOLDER", _excel_escaped(text))
    token = AuthToken.objects.create(cvt_reporter)[1]
    before = snapshot()
    response = client_for(cvt_reporter).post(
        "/api/v1/submissions/cuc-vt/2026Q4/import/",
        {"file": as_upload(content), "dry_run": "false"},
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["sheet"], error["cell"], error["message"]) == ("Số liệu", "F8", message)
    assert snapshot() == before


def test_the_excel_import_reads_excels_escapes_as_typed(client_for, cvt_reporter):
    """A typed "_x" is written _x005F_x by Excel: it reads back as typed, not as a character."""
    blank = download(client_for(cvt_reporter))
    content = _with_text(filled(blank, {"D8": "81,2", "F8": "PLACEHOLDER"}), "PLACEHOLDER", "VNNIC_x005F_x0041_")
    token = AuthToken.objects.create(cvt_reporter)[1]
    response = client_for(cvt_reporter).post(
        "/api/v1/submissions/cuc-vt/2026Q4/import/",
        {"file": as_upload(content), "dry_run": "false"},
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 200, response.json()
    assert SubmissionValue.objects.get().source == "VNNIC_x0041_"


@pytest.mark.parametrize(("text", "message"), BAD)
def test_the_admins_forms(client_for, admin_user, text, message):
    unit = Unit.objects.get(slug="cuc-vt")
    page = client_for(admin_user).get(f"/admin/indicators/unit/{unit.pk}/change/")
    assert page.status_code == 200
    data = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if name in page.context["adminform"].form.fields and value is not None
    }
    response = client_for(admin_user).post(f"/admin/indicators/unit/{unit.pk}/change/", {**data, "name": text})
    assert response.status_code == 200  # the form again, with its errors
    assert response.context["adminform"].form.errors["name"] == [message]
    assert Unit.objects.get(pk=unit.pk).name == unit.name
