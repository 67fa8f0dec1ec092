"""Nothing leaks: with data entered by every role (drafts, submitted and accepted-but-unpublished figures, written
sections, proposals, tasks, a release awaiting approval and one not approved), one published figure is all that
every public route and file holds."""

import io
import re
from datetime import datetime
from decimal import Decimal

import plotly
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.utils import translation
from openpyxl import load_workbook

from indicators.formatting import format_number
from indicators.models import Indicator, Observation, Unit
from indicators.services import target_proposal_accept, target_proposal_create
from places.models import Province, Sector
from places.services import demo_provincial_reporter_create
from plans.models import Task
from plans.services import progress_update_record
from publication.services import release_reject
from reporting.calendar import ReportingPeriod
from reporting.services import FigureInput, SectionsInput, submission_accept, submission_save
from tests.conftest import HANOI
from tests.publication.conftest import propose, publish

Q4 = ReportingPeriod(2026, 4)
NOW = datetime(2026, 11, 30, 10, tzinfo=HANOI)
SECRETS = (
    "Đánh giá xu hướng nội bộ của Cục Viễn thông",
    "Khó khăn vướng mắc chưa công bố",
    "Đề xuất kiến nghị của Vụ KTS",
    "Lý do điều chỉnh chỉ tiêu nội bộ",
    "Báo cáo tiến độ nhiệm vụ nội bộ",
    "Ghi chú của đề xuất công bố chưa duyệt",
    "Ghi chú của đề xuất bị từ chối",
    "Nguồn số liệu nháp",
    "Nguồn số liệu tỉnh chưa công bố",
    "Nguồn số liệu ngành chưa công bố",
)


def _figures(unit_slug: str, start: str, source: str = "") -> list[FigureInput]:
    return [
        FigureInput(indicator=i, value=Decimal(start) + n, source=source)
        for n, i in enumerate(Indicator.objects.filter(reporting_unit__slug=unit_slug).order_by("sort_key"))
    ]


def _sections(prefix: str) -> SectionsInput:
    return SectionsInput(
        trend_assessment=SECRETS[0] if prefix == "cvt" else "",
        difficulties=SECRETS[1],
        proposals=SECRETS[2],
    )


def _enter_every_roles_data(cvt_reporter, neac_reporter, kts_reporter, reviewer, leader):
    unit = Unit.objects.get
    # A reporter's draft, another's submitted figures, a third's accepted figures of record (not published).
    submission_save(
        unit=unit(slug="cuc-vt"),
        period=Q4,
        user=cvt_reporter,
        version=0,
        figures=_figures("cuc-vt", "91.37", SECRETS[7]),
        sections=_sections("cvt"),
        submit=False,
        now=NOW,
    )
    submission_save(
        unit=unit(slug="neac"),
        period=Q4,
        user=neac_reporter,
        version=0,
        figures=_figures("neac", "42.57"),
        sections=_sections("neac"),
        submit=True,
        now=NOW,
    )
    kts = submission_save(
        unit=unit(slug="vu-kts"),
        period=Q4,
        user=kts_reporter,
        version=0,
        figures=_figures("vu-kts", "33.17"),
        sections=_sections("kts"),
        submit=True,
        now=NOW,
    )
    submission_accept(submission=kts, user=reviewer, version=kts.version, now=NOW)
    # A reviewer's target proposal, a reporter's task progress.
    target_proposal_create(
        indicator=Indicator.objects.get(code="2.1"),
        year=2030,
        kind="goal",
        comparator=">=",
        value=Decimal("97.5"),
        reason=SECRETS[3],
        proposed_by=reviewer,
    )
    # ... and one leadership accepted: an adjustment decided inside the ministry, not a published goal.
    accepted = target_proposal_create(
        indicator=Indicator.objects.get(code="1.1"),
        year=2030,
        kind="goal",
        comparator=">=",
        value=Decimal("31.75"),
        reason=SECRETS[3],
        proposed_by=reviewer,
    )
    target_proposal_accept(proposal=accepted, decided_by=leader)
    task = Task.objects.filter(units=unit(slug="cuc-vt")).first()
    progress_update_record(
        task=task,
        unit_id=unit(slug="cuc-vt").pk,
        user=cvt_reporter,
        status="in_progress",
        report=SECRETS[4],
        evidence_url="https://example.org/bao-cao",
    )
    # A province's figures: Hà Nội's draft of 2026Q4 and its figures of record of 1.1 for 2023 (never released)
    # and 2022 (in the release awaiting approval below); a sector's figure of record, never released. (Hà Nội's
    # 2024 figure would be released with the nation's: a release of a period holds the provinces' of it too.)
    demo_provincial_reporter_create()
    submission_save(
        unit=unit(slug="skhcn-ha-noi"),
        period=Q4,
        user=get_user_model().objects.get(username="skhcn_hanoi"),
        version=0,
        figures=[FigureInput(indicator=Indicator.objects.get(code="1.1"), value=Decimal("27.93"), source=SECRETS[8])],
        sections=_sections("hanoi"),
        submit=False,
        now=NOW,
    )
    hanoi = Province.objects.current().get(code=1)
    for year, value in ((2022, "23.41"), (2023, "24.67")):
        Observation.objects.create(
            indicator=Indicator.objects.get(code="1.1"), year=year, value=Decimal(value), source=SECRETS[8],
            province=hanoi,
        )  # fmt: skip
    Observation.objects.create(
        indicator=Indicator.objects.get(code="1.2"), year=2024, value=Decimal("3.79"), source=SECRETS[9],
        sector=Sector.objects.get(slug="ict"),
    )  # fmt: skip
    # A release awaiting approval and one the leader did not approve.
    propose(reviewer, "2.1", [(2022, 0)], note=SECRETS[5])
    propose(reviewer, "1.1", [(2022, 0)], note=SECRETS[5])
    release_reject(release=propose(reviewer, "1.1", [(2023, 0)], note=SECRETS[6]), decided_by=leader, reason="Chưa")


def _public_routes() -> list[str]:
    return [
        "/public/",
        "/public/releases/",
        "/public/indicators/1.1/",
        "/public/data.csv",
        "/public/data.json",
        "/public/data/2024.csv",
        "/public/indicators/1.1/data.csv",
        "/public/indicators/1.1/metadata.json",
        "/public/data.xlsx",
        "/public/data/2024.xlsx",
        "/public/indicators/1.1/data.xlsx",
        "/public/datapackage.json",
    ]


def _text(response) -> str:
    """What a file holds as text: a workbook's every cell, sheet by sheet."""
    if not response["Content-Type"].startswith("application/vnd.openxmlformats"):
        return response.content.decode()
    wb = load_workbook(io.BytesIO(response.content))
    return "\n".join(
        " ".join(str(c) for c in row if c is not None) for ws in wb for row in ws.iter_rows(values_only=True)
    )


def _number_forms(value: Decimal) -> set[str]:
    plain = format(value.normalize(), "f")
    with translation.override("vi"):
        vi = format_number(value, 4)
    return {plain, vi}


def test_one_published_figure_is_all_that_every_public_route_and_file_holds(
    client, cvt_reporter, neac_reporter, kts_reporter, reviewer, leader, admin_user
):
    names = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang")
    for person, name in zip(
        (cvt_reporter, neac_reporter, kts_reporter, reviewer, leader, admin_user), names, strict=True
    ):
        person.first_name, person.last_name = name.rsplit(" ", 1)
        person.save()
    _enter_every_roles_data(cvt_reporter, neac_reporter, kts_reporter, reviewer, leader)
    published = publish(reviewer, leader, "1.1", [(2024, 0)], note="Tỷ trọng kinh tế số năm 2024")
    figure = published.figures.get()
    assert (figure.indicator.code, figure.period, figure.value) == ("1.1", "2024", Decimal("18.3"))

    # Every other figure of record (reference data and accepted submissions) and every figure entered in a
    # submission: none may appear. Whole numbers are left out of the text search (they collide with layout
    # numbers); the files are checked row by row below.
    every = Observation._base_manager  # the provinces' and sectors' too
    others = {v for v in every.exclude(pk=figure.observation_id).values_list("value", flat=True)}
    from reporting.models import SubmissionValue

    others |= {v for v in SubmissionValue.objects.exclude(value=None).values_list("value", flat=True)}
    others = {v for v in others if v != v.to_integral_value() and v != figure.value}
    assert Decimal("91.37") in others and Decimal("33.17") in others and Decimal("14.26") in others
    assert {Decimal("27.93"), Decimal("23.41"), Decimal("24.67"), Decimal("3.79")} <= others
    forbidden_numbers = set().union(*(_number_forms(v) for v in others))
    forbidden_texts = [*SECRETS, "05/12/2026", "10/12/2026", "97,5", "31,75", "31.75", "Đề xuất điều chỉnh"]
    forbidden_texts += ["https://example.org/bao-cao"]
    forbidden_texts += list(names)
    forbidden_texts += ["Thành phố Hà Nội", "Ngành TTTT", "skhcn_hanoi"]
    forbidden_texts += [p.username for p in (cvt_reporter, neac_reporter, kts_reporter)]
    forbidden_texts += [t.title[:60] for t in Task.objects.all()[:50]]

    for language in ("vi", "en"):
        client.cookies["django_language"] = language
        for url in _public_routes():
            response = client.get(url)
            assert response.status_code == 200, url
            text = _text(response)
            if url == "/public/datapackage.json":  # what the files hold, not the values
                assert "data.csv" in text
            elif url == "/public/releases/":  # the calendar says what was published when, not the values
                assert "1.1" in text and "2024" in text
            else:
                assert "18,3" in text or "18.3" in text, url
            for number in forbidden_numbers:
                assert not re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", text), (url, number)
            for secret in forbidden_texts:
                assert secret not in text, (url, secret)

    rows = client.get("/public/data.json").json()["data"]
    assert [(r["code"], r["period"], r["value"]) for r in rows] == [("1.1", "2024", "18.3")]
    assert (rows[0]["province_code"], rows[0]["sector"]) == (None, None)
    for url in ("/public/data.csv", "/public/data/2024.csv", "/public/indicators/1.1/data.csv"):
        assert client.get(url).content.decode().count("\n") == 2, url  # the header and the one figure
    # No other indicator, no other period has a public page or file.
    for code in Indicator.objects.exclude(code="1.1").values_list("code", flat=True):
        assert client.get(f"/public/indicators/{code}/").status_code == 404
        assert client.get(f"/public/indicators/{code}/data.csv").status_code == 404
    for period in ("2021", "2022", "2023", "2026Q4"):
        assert client.get(f"/public/data/{period}.csv").status_code == 404

    # The static files the public page loads hold no data at all.
    assert client.get(f"/public/plotly-{plotly.__version__}.min.js").status_code == 200
    for name in ("publication/chart.js", "publication/public.css"):
        with open(finders.find(name), encoding="utf-8") as handle:
            content = handle.read()
        assert not any(number in content for number in forbidden_numbers | {"18,3", "18.3"})
