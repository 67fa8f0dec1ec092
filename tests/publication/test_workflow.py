"""The release workflow: a reviewer of Vụ KTS và XHS proposes, a leader who is not the proposer approves, either
withdraws with a reason, a corrected release republishes; who may do what, and every step on record."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, Membership, Observation
from publication.models import Release
from publication.services import (
    ReleaseError,
    release_approve,
    release_propose,
    release_reject,
    release_withdraw,
)
from tests.publication.conftest import propose, publish


def test_the_reviewer_proposes_from_the_page_and_the_leader_approves(client_for, reviewer, leader):
    client = client_for(reviewer)
    response = client.post(
        reverse("publication:release_new"),
        {
            "scope": "figures",
            "indicator": Indicator.objects.get(code="1.1").pk,
            "periods": ["2023", "2024"],
            "note": "Số liệu PTIT",
        },
    )
    release = Release.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("publication:release", args=[release.pk])
    assert release.status == "proposed" and release.proposed_by == reviewer
    assert sorted((f.year, f.value) for f in release.figures.all()) == [
        (2023, Decimal("16.5")),
        (2024, Decimal("18.3")),
    ]

    client = client_for(leader)
    page = client.get(reverse("publication:release", args=[release.pk])).content.decode()
    assert "Phê duyệt và công bố" in page
    client.post(reverse("publication:release_approve", args=[release.pk]))
    release.refresh_from_db()
    assert release.status == "published" and release.decided_by == leader and release.published_at is not None


def test_a_whole_quarter_releases_every_figure_of_record_of_that_quarter(client_for, reviewer, leader):
    for code, value in (("1.1", "19.1"), ("2.1", "86.5")):
        Observation.objects.create(
            indicator=Indicator.objects.get(code=code), year=2026, quarter=3, value=Decimal(value), source="Báo cáo quý"
        )
    release = release_propose(proposed_by=reviewer, note="Quý 3/2026", quarter=(2026, 3))
    assert release.scope == "quarter" and release.subject == "2026Q3"
    assert sorted(f.indicator.code for f in release.figures.all()) == ["1.1", "2.1"]
    # the page names the quarter as people write it, not by its code
    page = client_for(leader).get(reverse("publication:release", args=[release.pk])).content.decode()
    assert "Toàn bộ một quý: Quý 3/2026" in page and page.count("<td>Quý 3/2026</td>") == 2 and "2026Q3" not in page
    assert release_approve(release=release, approved_by=leader).status == "published"


def test_the_proposer_never_approves_even_after_becoming_a_leader(client_for, reviewer):
    release = propose(reviewer, "1.1", [(2024, 0)])
    Membership.objects.filter(user=reviewer).update(role=Membership.Role.LEADER, unit=None)
    reviewer.refresh_from_db()
    client = client_for(reviewer)
    page = client.get(reverse("publication:release", args=[release.pk])).content.decode()
    assert "Phê duyệt và công bố" not in page
    assert client.post(reverse("publication:release_approve", args=[release.pk])).status_code == 403
    with pytest.raises(ReleaseError, match="người khác phải phê duyệt"):
        release_approve(release=release, approved_by=reviewer)
    release.refresh_from_db()
    assert release.status == "proposed"


@pytest.mark.parametrize("person", ["cvt_reporter", "kts_reporter", "admin_user"])
def test_reporters_and_administrators_neither_propose_nor_approve(client_for, reviewer, person, request):
    release = propose(reviewer, "1.1", [(2024, 0)])
    client = client_for(request.getfixturevalue(person))
    data = {"scope": "figures", "indicator": Indicator.objects.get(code="1.1").pk, "periods": "2023", "note": "x"}
    assert client.post(reverse("publication:release_new"), data).status_code == 403
    assert client.post(reverse("publication:release_approve", args=[release.pk])).status_code == 403
    assert client.post(reverse("publication:release_reject", args=[release.pk]), {"reason": "x"}).status_code == 403
    assert Release.objects.get().status == "proposed" and Release.objects.count() == 1


def test_reporters_read_no_release_and_administrators_read_them(client_for, reviewer, cvt_reporter, admin_user):
    release = propose(reviewer, "1.1", [(2024, 0)])
    for url in (reverse("publication:releases"), reverse("publication:release", args=[release.pk])):
        assert client_for(cvt_reporter).get(url).status_code == 403
        assert client_for(admin_user).get(url).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client, reviewer):
    release = propose(reviewer, "1.1", [(2024, 0)])
    for url in (reverse("publication:releases"), reverse("publication:release", args=[release.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(reverse("publication:release_approve", args=[release.pk])).status_code == 302
    assert Release.objects.get().status == "proposed"


def test_the_leader_rejects_with_a_reason_and_nothing_is_published(client_for, reviewer, leader):
    release = propose(reviewer, "1.1", [(2024, 0)])
    client = client_for(leader)
    client.post(reverse("publication:release_reject", args=[release.pk]), {"reason": ""})
    release.refresh_from_db()
    assert release.status == "proposed"
    client.post(reverse("publication:release_reject", args=[release.pk]), {"reason": "Chờ số liệu chính thức"})
    release.refresh_from_db()
    assert release.status == "rejected" and release.decision_note == "Chờ số liệu chính thức"


@pytest.mark.parametrize("withdrawer", ["reviewer", "leader"])
def test_a_published_release_is_withdrawn_with_a_reason_by_a_reviewer_or_a_leader(
    client_for, reviewer, leader, withdrawer, request
):
    release = publish(reviewer, leader, "1.1", [(2024, 0)])
    client = client_for(request.getfixturevalue(withdrawer))
    url = reverse("publication:release_withdraw", args=[release.pk])
    client.post(url, {"reason": ""})
    release.refresh_from_db()
    assert release.status == "published"
    client.post(url, {"reason": "Nhầm kỳ số liệu"})
    release.refresh_from_db()
    assert release.status == "withdrawn" and release.withdrawal_reason == "Nhầm kỳ số liệu"


def test_a_reporter_cannot_withdraw(client_for, reviewer, leader, cvt_reporter):
    release = publish(reviewer, leader, "1.1", [(2024, 0)])
    response = client_for(cvt_reporter).post(
        reverse("publication:release_withdraw", args=[release.pk]), {"reason": "x"}
    )
    assert response.status_code == 403
    release.refresh_from_db()
    assert release.status == "published"


def test_a_corrected_figure_is_republished_by_a_release_naming_the_withdrawn_one(client_for, reviewer, leader):
    first = publish(reviewer, leader, "1.1", [(2024, 0)])
    release_withdraw(release=first, withdrawn_by=reviewer, reason="Số liệu sai")
    observation = Observation.objects.get(indicator__code="1.1", year=2024, quarter=0)
    observation.value = Decimal("18.4")
    observation.save()
    client = client_for(reviewer)
    form = client.get(reverse("publication:release_new"), {"corrects": first.pk}).content.decode()
    assert re.search(r'<input type="checkbox" name="periods" value="2024"[^>]*checked', form)
    client.post(
        reverse("publication:release_new"),
        {
            "scope": "figures",
            "indicator": observation.indicator_id,
            "periods": ["2024"],
            "note": "Đính chính",
            "corrects": first.pk,
        },
    )
    second = Release.objects.exclude(pk=first.pk).get()
    assert second.corrects == first and second.figures.get().value == Decimal("18.4")


def test_figures_already_public_with_the_same_value_are_not_released_again(reviewer, leader):
    publish(reviewer, leader, "1.1", [(2024, 0)])
    with pytest.raises(ReleaseError, match="đã được công bố với cùng giá trị"):
        propose(reviewer, "1.1", [(2024, 0)])
    assert {f.year for f in propose(reviewer, "1.1", [(2023, 0), (2024, 0)]).figures.all()} == {2023}


def test_a_figure_of_record_changed_after_the_proposal_is_not_approved(reviewer, leader):
    release = propose(reviewer, "1.1", [(2024, 0)])
    Observation.objects.filter(indicator__code="1.1", year=2024).update(value=Decimal("18.9"))
    with pytest.raises(ReleaseError, match="đã thay đổi sau khi đề xuất"):
        release_approve(release=release, approved_by=leader)
    release.refresh_from_db()
    assert release.status == "proposed"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"scope": "figures", "periods": ["2024"]}, "Chọn một chỉ tiêu."),
        (
            {"scope": "figures", "code": "1.1", "periods": ["năm ngoái"]},
            "“năm ngoái” không phải là kỳ đã có số liệu chính thức: hãy chọn trong danh sách.",
        ),
        ({"scope": "figures", "code": "1.1", "periods": ["2019"]}, "“2019” không phải là kỳ đã có số liệu chính thức"),
        ({"scope": "figures", "code": "1.1", "periods": []}, "Chọn ít nhất một kỳ số liệu."),
        ({"scope": "quarter", "quarter": ""}, "Chọn một quý."),
        ({"scope": "quarter", "quarter": "2024"}, "“2024” không phải là kỳ đã có số liệu chính thức"),
        ({"scope": "quarter", "quarter": "2029Q1"}, "“2029Q1” không phải là kỳ đã có số liệu chính thức"),
        ({"scope": "figures", "code": "1.1", "periods": ["2024"], "note": "  "}, "Trường này là bắt buộc"),
    ],
)
def test_bad_input_gets_a_clear_vietnamese_message_and_nothing_is_saved(client_for, reviewer, data, message):
    data = {"note": "Ghi chú"} | data
    if "code" in data:
        data["indicator"] = Indicator.objects.get(code=data.pop("code")).pk
    response = client_for(reviewer).post(reverse("publication:release_new"), data)
    assert response.status_code == 200
    html = response.content.decode().replace("&quot;", '"')
    assert message in html
    assert Release.objects.count() == 0


def test_the_periods_are_chosen_from_those_with_figures_of_record_and_read_as_people_write_them(client_for, reviewer):
    Observation.objects.create(
        indicator=Indicator.objects.get(code="2.1"), year=2026, quarter=4, value=Decimal("86.5"), source="Báo cáo quý"
    )
    html = client_for(reviewer).get(reverse("publication:release_new")).content.decode()
    periods = re.findall(r'name="periods" value="([^"]+)"', html)
    # every period with a figure of record, latest first: the years of the reference data and the new quarter
    assert periods[0] == "2026Q4" and "2024" in periods and "2019" not in periods
    assert sorted(periods, reverse=True) == periods and len(periods) == len(set(periods))
    quarters = re.findall(r'<option value="(\d{4}Q[1-4])"', html)
    assert quarters == ["2026Q4"]
    # a person reads the period, never its code: the code is only the value sent
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Quý 4/2026" in text and not re.search(r"\b\d{4}Q[1-4]\b", text)


def test_a_period_the_indicator_lacks_is_named_as_people_write_it(reviewer):
    Observation.objects.create(
        indicator=Indicator.objects.get(code="2.1"), year=2026, quarter=3, value=Decimal("86.5"), source="Báo cáo quý"
    )
    with pytest.raises(ReleaseError, match="Chỉ tiêu 1.1 chưa có số liệu chính thức cho kỳ Quý 3/2026."):
        propose(reviewer, "1.1", [(2026, 3)])
    with pytest.raises(ReleaseError, match="Chưa có số liệu chính thức cho kỳ Quý 1/2029"):
        release_propose(proposed_by=reviewer, note="x", quarter=(2029, 1))


def test_every_step_is_on_record_with_who(reviewer, leader):
    release = publish(reviewer, leader, "1.1", [(2024, 0)])
    release_withdraw(release=release, withdrawn_by=leader, reason="Sai")
    steps = [(h.status, h.history_user) for h in release.history.order_by("history_date", "history_id")]
    assert steps == [("proposed", reviewer), ("published", leader), ("withdrawn", leader)]
    assert release.figures.get().history.count() == 1


def test_a_release_decided_by_someone_else_first_is_refused(reviewer, leader):
    release = propose(reviewer, "1.1", [(2024, 0)])
    stale = Release.objects.get(pk=release.pk)
    release_reject(release=release, decided_by=leader, reason="Chưa đủ")
    with pytest.raises(ReleaseError, match="tải lại trang"):
        release_approve(release=stale, approved_by=leader)


def test_the_leader_sees_the_public_verdict_the_release_will_publish_beside_the_internal_one(
    client_for, reviewer, leader
):
    """1.1 released for 2023 and 2024 only: the public pages judge it from those two figures, inside the ministry
    from all four; the page the leader approves shows both and why they differ."""
    release = propose(reviewer, "1.1", [(2023, 0), (2024, 0)])
    html = client_for(leader).get(reverse("publication:release", args=[release.pk])).content.decode()
    table = html.split('id="release-verdicts"')[1].split("</table>")[0]
    row = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table.split('data-code="1.1"')[1]))
    public, internal = re.findall(r'class="flag flag-(\w+)"', table)
    assert (public, internal) == ("accelerate", "on_track")
    assert "Cần đẩy nhanh" in row and "Đúng tiến độ" in row
    assert "Số liệu đã ghi nhận nhưng chưa công bố, chỉ dùng trong đánh giá nội bộ: 2021, 2022." in row
    # once published, the page is the record of a decision: the comparison is for the one who decides
    publish_release = release_approve(release=release, approved_by=leader)
    html = client_for(leader).get(reverse("publication:release", args=[publish_release.pk])).content.decode()
    assert 'id="release-verdicts"' not in html
