"""How much a document weighs: its legal rank (a decision of the Prime Minister > a minister's decision > an
official letter > a report or a press article), and why a cited document's rank and date change only through a
recorded correction with a reason: they decide which target is in force."""

import importlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from indicators.models import CitedDocumentChangeRefused, Document, DocumentCorrection, Membership, Target, Unit
from indicators.services import document_correct

pytestmark = pytest.mark.django_db

QD466 = "466/QĐ-BTTTT"


def _qd466() -> Document:
    return Document.objects.get(number=QD466)


# --- Ranks ----------------------------------------------------------------------------------------------------


def test_the_ranks_order_the_documents_as_their_legal_force():
    assert list(Document.Rank) == [
        Document.Rank.PRIME_MINISTER, Document.Rank.MINISTRY, Document.Rank.OFFICIAL_LETTER, Document.Rank.REPORT,
    ]  # fmt: skip
    assert [r.value for r in Document.Rank] == [40, 30, 20, 10]


@pytest.mark.parametrize(
    ("kind", "number", "rank"),
    [
        ("decision", "411/QĐ-TTg", 40),
        ("decision", QD466, 30),
        ("official_letter", "5473/BTTTT-KTS&XHS", 20),
        ("notice", "4/TB-VPCP", 20),
        ("report", "", 10),
        ("press", "", 10),
        ("proposal", "", 30),
    ],
)
def test_existing_documents_get_the_rank_of_their_kind(kind, number, rank):
    migration = importlib.import_module("indicators.migrations.0003_document_rank")
    assert migration.rank_of(kind, number) == rank


def test_a_new_document_outranks_nothing_until_it_is_given_a_rank():
    assert Document(slug="x", kind="decision", title="x", issuer="x").rank == Document.Rank.REPORT


# --- A cited document's rank and date -------------------------------------------------------------------------


def test_a_cited_documents_date_cannot_be_changed_silently():
    document = _qd466()
    document.issued_on = date(2025, 1, 1)  # would make 466 later than 5473 and change the targets in force
    with pytest.raises(ValidationError) as refusal:
        document.full_clean()
    assert refusal.value.error_dict["__all__"][0].code == "cited_document"
    with pytest.raises(CitedDocumentChangeRefused):
        document.save()
    with pytest.raises(CitedDocumentChangeRefused):
        Document.objects.filter(number=QD466).update(rank=Document.Rank.PRIME_MINISTER)
    assert (_qd466().issued_on, _qd466().rank) == (date(2023, 3, 28), Document.Rank.MINISTRY)


def test_a_document_nothing_cites_yet_is_edited_freely():
    document = Document.objects.create(slug="tb-99-vpcp", number="99/TB-VPCP", kind="notice", title="x", issuer="VPCP")
    document.issued_on = date(2026, 1, 10)
    document.rank = Document.Rank.OFFICIAL_LETTER
    document.full_clean()
    document.save()
    Document.objects.filter(pk=document.pk).update(issued_on=date(2026, 1, 11))
    document.refresh_from_db()
    assert document.issued_on == date(2026, 1, 11)


def test_other_fields_of_a_cited_document_stay_editable():
    document = _qd466()
    document.note = "Ghi chú mới."
    document.full_clean()
    document.save()
    assert _qd466().note == "Ghi chú mới."


def test_a_correction_changes_rank_and_date_and_keeps_who_when_and_why(admin_user, on_day):
    moment = on_day(date(2026, 12, 2))
    document = _qd466()
    corrections = document_correct(
        document=document,
        rank=Document.Rank.PRIME_MINISTER,
        issued_on=date(2023, 3, 29),
        reason="  Đối chiếu bản gốc: ngày ký 29/3/2023.  ",
        corrected_by=admin_user,
    )
    document.refresh_from_db()
    assert (document.rank, document.issued_on) == (40, date(2023, 3, 29))
    recorded = {(c.field, c.old_value, c.new_value) for c in DocumentCorrection.objects.filter(document=document)}
    assert recorded == {("rank", "30", "40"), ("issued_on", "2023-03-28", "2023-03-29")}
    assert {(c.reason, c.corrected_by, c.corrected_at) for c in corrections} == {
        ("Đối chiếu bản gốc: ngày ký 29/3/2023.", admin_user, moment)
    }
    latest = document.history.latest()
    assert (latest.history_user, latest.rank) == (admin_user, 40)
    document.note = "x"
    document.save()  # the correction does not leave the guard open


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rank": 20, "reason": "   "}, "Hãy nêu lý do đính chính."),
        ({"rank": 20, "reason": "x" * 2001}, "Lý do không quá 2000 ký tự."),
        ({"rank": 30, "reason": "Không đổi."}, "không có gì để đính chính"),
        ({"reason": "Không đổi."}, "không có gì để đính chính"),
    ],
)
def test_a_correction_without_a_reason_or_a_change_is_refused_in_vietnamese(admin_user, changes, message):
    with translation.override("vi"), pytest.raises(ValidationError) as refusal:
        document_correct(document=_qd466(), corrected_by=admin_user, **changes)
    assert message in " ".join(refusal.value.messages)
    assert not DocumentCorrection.objects.exists()
    assert _qd466().rank == Document.Rank.MINISTRY


# --- In the admin ---------------------------------------------------------------------------------------------


def _change_url(document) -> str:
    return f"/admin/indicators/document/{document.pk}/change/"


def _correct_url(document) -> str:
    return f"/admin/indicators/document/{document.pk}/correct/"


def test_the_admin_shows_a_cited_documents_rank_and_date_read_only_with_the_way_to_correct_them(client_for, admin_user):
    document = _qd466()
    client = client_for(admin_user)
    html = client.get(_change_url(document)).content.decode()
    assert 'name="issued_on"' not in html and 'name="rank"' not in html and 'name="kind"' not in html
    assert _correct_url(document) in html and "Đính chính cấp hoặc ngày văn bản" in html
    data = {
        "slug": document.slug, "number": document.number, "kind": "report", "title": document.title,
        "issuer": document.issuer, "note": document.note, "issued_on": "2025-01-01", "rank": "40",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert client.post(_change_url(document), data).status_code == 302
    assert (_qd466().issued_on, _qd466().rank, _qd466().kind) == (date(2023, 3, 28), 30, "decision")


def test_the_administrator_corrects_a_date_with_a_reason(client_for, admin_user):
    document = _qd466()
    client = client_for(admin_user)
    assert client.get(_correct_url(document)).status_code == 200
    refused = client.post(_correct_url(document), {"rank": "30", "issued_on": "2023-03-29", "reason": ""})
    assert "Hãy nêu lý do đính chính." in refused.content.decode()
    assert _qd466().issued_on == date(2023, 3, 28)

    reason = "Ngày ký trên bản gốc là 29/3/2023."
    response = client.post(_correct_url(document), {"rank": "30", "issued_on": "2023-03-29", "reason": reason})
    assert response.status_code == 302 and response["Location"] == _change_url(document)
    assert _qd466().issued_on == date(2023, 3, 29)
    correction = DocumentCorrection.objects.get()
    assert (correction.field, correction.reason, correction.corrected_by) == ("issued_on", reason, admin_user)
    assert reason in client.get(_change_url(document)).content.decode()


def test_a_cited_documents_date_cannot_be_reverted_through_the_admin_history_form(client_for, admin_user):
    document = _qd466()
    document_correct(document=document, issued_on=date(2023, 3, 29), reason="Bản gốc.", corrected_by=admin_user)
    before = document.history.earliest()
    data = {
        "slug": before.slug, "number": before.number, "kind": before.kind, "title": before.title,
        "issuer": before.issuer, "note": before.note, "issued_on": "2023-03-28", "rank": "30",
    }  # fmt: skip
    client_for(admin_user).post(f"/admin/indicators/document/{document.pk}/history/{before.history_id}/", data)
    assert _qd466().issued_on == date(2023, 3, 29)


@pytest.mark.parametrize("person", ["reviewer", "leader", "cvt_reporter"])
def test_only_administrators_correct_a_document(client_for, request, person):
    document = _qd466()
    client = client_for(request.getfixturevalue(person))
    response = client.post(_correct_url(document), {"rank": "40", "issued_on": "2023-03-28", "reason": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert _qd466().rank == 30 and not DocumentCorrection.objects.exists()


def test_a_staff_account_without_the_administrator_role_cannot_correct(client_for, admin_user):
    admin_user.membership.role = Membership.Role.LEADER
    admin_user.membership.save()
    response = client_for(admin_user).post(_correct_url(_qd466()), {"rank": "40", "reason": "x"})
    assert response.status_code == 403
    assert _qd466().rank == 30


# --- History of documents, units and memberships --------------------------------------------------------------


def test_documents_units_and_memberships_keep_their_history(client_for, admin_user, cvt_reporter):
    client = client_for(admin_user)
    unit = Unit.objects.get(slug="cuc-vt")
    unit.note = "Sáp nhập năm 2025."
    unit._history_user = admin_user
    unit.save()
    membership = cvt_reporter.membership
    membership.role = Membership.Role.LEADER
    membership.unit = None
    membership._history_user = admin_user
    membership.save()
    assert unit.history.latest().history_user == admin_user
    assert [h.role for h in membership.history.order_by("history_date")][-1] == "leader"
    for label, pk in (("unit", unit.pk), ("membership", membership.pk), ("document", _qd466().pk)):
        assert client.get(f"/admin/indicators/{label}/{pk}/history/").status_code == 200


def test_the_targets_in_force_are_unchanged_by_a_refused_edit():
    before = list(Target.objects.values_list("pk", "document__issued_on", "document__rank"))
    with pytest.raises(CitedDocumentChangeRefused):
        Document.objects.update(issued_on=None)
    assert list(Target.objects.values_list("pk", "document__issued_on", "document__rank")) == before


def test_the_correction_page_costs_a_fixed_number_of_queries(client_for, admin_user, django_assert_num_queries):
    document = _qd466()
    client = client_for(admin_user)
    for reason in ("Bản gốc.", "Đối chiếu lại."):
        day = date(2023, 3, 29) if reason == "Bản gốc." else date(2023, 3, 28)
        document_correct(document=document, issued_on=day, reason=reason, corrected_by=admin_user)
    # session, the person with their membership (the role check), the document, the corrections with who made them
    with django_assert_num_queries(4):
        response = client.get(_correct_url(document))
    assert response.status_code == 200 and "Đối chiếu lại." in response.content.decode()
