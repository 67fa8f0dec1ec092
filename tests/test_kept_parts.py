"""Parts of pages kept per server ({% kept %}): after every kind of change a page reads exactly as if its parts were
made again, in the person's language, and a part that could carry one person's session is refused."""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from indicators.models import Document, Indicator, IndicatorGroup, Observation, Target, Unit
from indicators.templatetags.kept import KeptPartError
from reporting.calendar import ReportingPeriod
from reporting.models import Submission
from strategy_tracker.kept import as_it_is
from tests.conftest import HANOI

pytestmark = pytest.mark.django_db

HOME, DASHBOARD, BRIEFING = reverse("home"), reverse("dashboard:overview"), reverse("dashboard:briefing")
INDICATOR, CHILD = reverse("indicator_detail", args=["2.1"]), reverse("indicator_detail", args=["1.2.1"])
PAGES = [HOME, f"{HOME}?flag=on_track&sort=-gap", DASHBOARD, f"{DASHBOARD}?year=2025", BRIEFING, INDICATOR, CHILD]


def _page(client, url: str) -> str:
    """The page without the CSRF tokens of its forms (the only parts outside {% kept %} that differ between two
    requests: each is masked anew)."""
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _assert_as_made_again(client) -> dict[str, str]:
    """Every page with kept parts reads the same from its kept parts as with them made again; returns the pages."""
    _page(client, PAGES[0])
    kept = {url: _page(client, url) for url in PAGES}
    caches["pages"].clear()
    made = {url: _page(client, url) for url in PAGES}
    assert kept == made
    return made


def test_the_pages_follow_every_change_of_an_indicator(client_for, leader):
    client = client_for(leader)
    first = _assert_as_made_again(client)
    indicator = Indicator.objects.get(code="2.1")
    Observation.objects.create(indicator=indicator, year=2026, quarter=3, value=Decimal("97.3"), source="x")
    after_figure = _assert_as_made_again(client)
    assert after_figure[HOME] != first[HOME] and "97,3%" in after_figure[HOME]
    assert "Quý 3/2026 97,3%" in _text(after_figure[INDICATOR])  # the figures' table, not the part kept before
    Target.objects.create(
        indicator=indicator,
        year=2026,
        kind="plan",
        comparator=">=",
        value=Decimal("88.5"),
        wording="88,5%",
        document=Document.objects.get(slug="qd-466-2023"),
    )
    assert "≥ 88,5%" in _assert_as_made_again(client)[HOME]
    Indicator.objects.filter(code="2.1").update(name="Tỷ lệ hộ gia đình có cáp quang (sửa)")
    renamed = _assert_as_made_again(client)
    assert "(sửa)" in renamed[DASHBOARD] and "(sửa)" in renamed[INDICATOR]
    document = Indicator.objects.get(code="1.2.1").introduced_by
    document.number = f"{document.number} (sửa)"
    document.save()
    assert "(sửa)" in _assert_as_made_again(client)[CHILD]
    group = IndicatorGroup.objects.get(code="2")
    group.name = "Hạ tầng số (đổi tên)"
    group.save()
    assert "Hạ tầng số (đổi tên)" in _assert_as_made_again(client)[DASHBOARD]
    Unit.objects.filter(slug="cuc-vt").update(name="Cục Viễn thông (đổi tên)")
    assert "Cục Viễn thông (đổi tên)" in _assert_as_made_again(client)[DASHBOARD]  # the timeliness heatmap
    added = Indicator.objects.create(
        code="9.1", group=group, name="Chỉ tiêu thử", measure_unit="%", introduced_by=Document.objects.first()
    )
    assert 'href="/indicators/9.1/"' in _assert_as_made_again(client)[HOME]
    added.delete()
    assert 'href="/indicators/9.1/"' not in _assert_as_made_again(client)[HOME]


def test_the_heatmap_follows_the_year_s_submissions(client_for, reviewer, on_day):
    on_day(date(2026, 12, 8))
    client = client_for(reviewer)
    before = _assert_as_made_again(client)
    submission = Submission.objects.create(
        unit=Unit.objects.get(slug="cuc-vt"),
        year=2026,
        quarter=4,
        status="submitted",
        first_submitted_at=datetime(2026, 12, 2, 9, tzinfo=HANOI),
    )
    sent = _assert_as_made_again(client)
    assert sent[DASHBOARD] != before[DASHBOARD]
    Submission.objects.filter(pk=submission.pk).update(status="accepted")
    assert _assert_as_made_again(client)[DASHBOARD] != sent[DASHBOARD]


def test_each_person_reads_the_heatmap_of_the_units_they_may_read(client, reviewer, cvt_reporter):
    client.force_login(reviewer)
    every_unit = _page(client, DASHBOARD)
    client.force_login(cvt_reporter)
    own_unit = _page(client, DASHBOARD)
    assert "Trung tâm Chứng thực điện tử quốc gia" in every_unit
    assert "Trung tâm Chứng thực điện tử quốc gia" not in own_unit
    assert "Cục Viễn thông" in own_unit


def test_the_parts_are_the_day_s_and_the_language_s(client_for, leader, on_day):
    client = client_for(leader)
    vietnamese = _assert_as_made_again(client)
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        english = _assert_as_made_again(client)
    del client.cookies["django_language"]
    assert vietnamese[HOME] != english[HOME] and "Indicators of Quyết định 411" in english[HOME]
    assert _page(client, HOME) == vietnamese[HOME]
    on_day(date(2031, 1, 15))  # 2030 is past: the goals ahead and the verdicts are another day's
    assert _assert_as_made_again(client)[HOME] != vietnamese[HOME]


def test_the_indicator_page_s_parts_are_each_person_s_own(client, reviewer, leader):
    """A reviewer may propose a target; a leader decides on proposals, in forms of their own session's."""
    client.force_login(reviewer)
    proposing = _page(client, INDICATOR)
    client.force_login(leader)
    deciding = _page(client, INDICATOR)
    propose = reverse("target_proposal_new", args=["2.1"])
    assert propose in proposing and propose not in deciding


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _render(source: str, **context) -> str:
    return Template("{% load kept %}" + source).render(Context(context))


def test_a_part_is_made_once_for_what_it_is_made_from():
    made = []

    def part():
        made.append(1)
        return "nội dung"

    assert _render('{% kept "part" made_from %}{{ part }}{% endkept %}', made_from=(1, 2), part=part) == "nội dung"
    assert _render('{% kept "part" made_from %}{{ part }}{% endkept %}', made_from=(1, 2), part=part) == "nội dung"
    assert len(made) == 1
    _render('{% kept "part" made_from %}{{ part }}{% endkept %}', made_from=(1, 3), part=part)
    _render('{% kept "other" made_from %}{{ part }}{% endkept %}', made_from=(1, 2), part=part)
    assert len(made) == 3


def test_a_part_with_a_session_s_token_or_made_from_nothing_is_refused():
    with pytest.raises(KeptPartError, match="CSRF"):
        _render('{% kept "form" made_from %}<input name="csrfmiddlewaretoken" value="x">{% endkept %}', made_from=(1,))
    with pytest.raises(KeptPartError, match="nothing"):
        _render('{% kept "part" made_from %}x{% endkept %}')


def test_made_up_parameters_make_no_other_home_table(client_for, leader):
    """Only a known flag and a sort that looks like a column's name make another table to keep; anything else is
    left out of the table and of its links."""
    client = client_for(leader)

    def table(url: str) -> str:  # the page without the language form's way back to it, the page's own address
        return re.sub(r'name="next" type="hidden" value="[^"]*"', "", _page(client, url))

    filtered = table(f"{HOME}?flag=on_track")
    kept = len(caches["pages"]._cache)  # type: ignore[attr-defined]  # LocMemCache's own store
    for junk in ("x=1", "x=2", "sort=<script>", "flag=nonsense&flag=on_track", "page=" + "9" * 50):
        assert table(f"{HOME}?flag=on_track&{junk}") == filtered
    assert len(caches["pages"]._cache) == kept  # type: ignore[attr-defined]
    assert "x=" not in filtered and "page=" not in filtered
    assert table(f"{HOME}?flag=nonsense") == table(HOME)  # an unknown flag: every indicator


def _as_made_again(client, urls: list[str]) -> dict[str, str]:
    kept = {url: _page(client, url) for url in urls}
    caches["pages"].clear()
    made = {url: _page(client, url) for url in urls}
    assert kept == made
    return made


def test_rows_as_stored_compile_their_query_once_for_its_name_and_values(django_assert_num_queries, monkeypatch):
    from collections import OrderedDict

    from strategy_tracker import kept as kept_module

    monkeypatch.setattr(kept_module, "_COMPILED", OrderedDict())  # none compiled yet, whatever ran before
    made = []

    def units(kind: str):
        def queryset():
            made.append(kind)
            return Unit.objects.filter(kind=kind).order_by("slug").values_list("slug", "name")

        return queryset

    with django_assert_num_queries(1):
        agencies = kept_module.rows_as_stored("test-units", ("agency",), units("agency"))
    assert agencies == tuple(Unit.objects.filter(kind="agency").order_by("slug").values_list("slug", "name"))
    assert agencies and made == ["agency"]
    assert kept_module.rows_as_stored("test-units", ("agency",), units("agency")) == agencies
    assert made == ["agency"]  # compiled once
    Unit.objects.filter(slug=agencies[0][0]).update(name="Đổi tên")
    assert kept_module.rows_as_stored("test-units", ("agency",), units("agency"))[0][1] == "Đổi tên"  # run each time
    others = kept_module.rows_as_stored("test-units", ("ministry_unit",), units("ministry_unit"))
    assert made == ["agency", "ministry_unit"] and others != agencies


def test_instances_compiled_once_are_the_querysets_own_with_each_field_converted(cvt_reporter, monkeypatch):
    from collections import OrderedDict

    from reporting.services import FigureInput, submission_value_write
    from strategy_tracker import clock
    from strategy_tracker import kept as kept_module

    monkeypatch.setattr(kept_module, "_COMPILED", OrderedDict())
    made = []
    unit = Unit.objects.get(slug="cuc-vt")
    submission_value_write(
        unit=unit,
        period=ReportingPeriod(2026, 4),
        user=cvt_reporter,
        figure=FigureInput(Indicator.objects.get(code="2.5"), Decimal("81.2"), True, "VNNIC", ""),
        now=clock.now(),
    )

    def submissions(year: int, quarter: int):
        def queryset():
            made.append((year, quarter))
            return Submission.objects.filter(unit=unit, year=year, quarter=quarter)

        return queryset

    def read(year: int, quarter: int) -> list:
        return kept_module.instances_compiled_once(
            Submission, "test-submission", (unit.pk, year, quarter), submissions(year, quarter)
        )

    [found] = read(2026, 4)
    [expected] = Submission.objects.filter(unit=unit, year=2026, quarter=4)
    assert as_it_is(found) == as_it_is(expected) and isinstance(found.updated_at, datetime)  # converted as the ORM
    assert read(2026, 4)[0].pk == found.pk and made == [(2026, 4)]  # compiled once
    Submission.objects.filter(pk=found.pk).update(version=9)
    assert read(2026, 4)[0].version == 9  # run each time
    assert read(2026, 3) == [] and made == [(2026, 4), (2026, 3)]


def test_the_consolidated_table_s_filters_follow_their_choices(client_for, reviewer):
    client = client_for(reviewer)
    urls = [reverse("reports:table", args=["2026Q4"]), reverse("reports:year", args=[2026]) + "?unit=cuc-vt&flag=x"]

    def pages() -> dict[str, str]:
        return _as_made_again(client, urls)

    first = pages()
    assert 'value="cuc-vt" selected' in first[urls[1]] and "errorlist" in first[urls[1]]  # an unknown flag
    IndicatorGroup.objects.filter(code="2").update(name="Hạ tầng số (đổi tên)")
    assert all("Hạ tầng số (đổi tên)" in page for page in pages().values())
    Unit.objects.filter(slug="cuc-vt").update(short_name="Cục VT (đổi tên)")
    assert all("Cục VT (đổi tên)" in page for page in pages().values())


def test_the_report_page_follows_what_it_is_made_from(client_for, cvt_reporter, reviewer, on_day):
    """Today's report is kept for the counters of its rows and completeness, the proposals as stored, the day and
    the language (the proposals' part: tests/reports/test_kept_rows.py); a sent version's page is its frozen copy,
    apart from today's."""
    from reports.services import consolidation_create
    from tests.reports.conftest import send

    on_day(date(2026, 12, 8))
    client = client_for(reviewer)
    url = reverse("reports:report", args=["2026Q4"])

    def page() -> str:
        kept = _page(client, url)
        caches["pages"].clear()
        made = _page(client, url)
        assert kept == made
        return made

    first = page()
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "80.9"}}, on=date(2026, 12, 4))
    sent = page()
    assert sent != first and "86%" in sent
    Submission.objects.filter(unit__slug="cuc-vt").update(
        status="accepted", reviewed_by=reviewer, reviewed_at=datetime(2026, 12, 8, 9, tzinfo=HANOI), version=9
    )
    accepted = page()
    assert accepted != sent
    consolidation_create(period=ReportingPeriod(2026, 4), user=reviewer)
    version = _page(client, reverse("reports:version_report", args=["2026Q4", 1]))
    assert "Lần gửi 1, do" in _text(version) and page() == accepted
    Indicator.objects.filter(code="2.1").update(name="Tỷ lệ hộ gia đình có cáp quang (sửa)")
    assert "(sửa)" in page()
    on_day(date(2026, 12, 20))
    assert "20/12/2026" in page()
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        assert "Consolidated quarterly report" in page()
    del client.cookies["django_language"]
    assert _page(client, reverse("reports:version_report", args=["2026Q4", 1])) == version


def test_a_part_made_now_is_not_kept_and_a_kept_form_takes_the_request_s_token():
    from strategy_tracker.kept import MADE_NOW

    made = []

    def part():
        made.append(1)
        return "nội dung"

    source = '{% kept "part" made_from %}<form>{% kept_csrf %}</form>{{ part }}{% endkept %}'
    for token in ("token-one", "token-two"):
        html = _render(source, made_from=(1,), part=part, csrf_token=token)
        assert html == f'<form><input type="hidden" name="csrfmiddlewaretoken" value="{token}"></form>nội dung'
    assert len(made) == 1  # kept once, each request's token put in
    _render(source, made_from=MADE_NOW, part=part, csrf_token="x")
    _render(source, made_from=MADE_NOW, part=part, csrf_token="x")
    assert len(made) == 3


def test_a_part_made_while_what_it_is_made_from_changes_is_not_kept():
    """A write committed between reading what a part is made from and making it: the part shows the newer data, so
    it is not kept under the older key (which a change undone would bring back)."""
    from strategy_tracker.kept import AsStored

    state = {"name": "cũ"}
    seen = []

    def part():
        seen.append(state["name"])
        state["name"] = "mới"  # committed while the part is made
        return state["name"]

    source = '{% kept "part" made_from %}{{ part }}{% endkept %}'
    assert _render(source, made_from=AsStored(lambda: state["name"]), part=part) == "mới"
    state["name"] = "cũ"  # undone
    assert _render(source, made_from=AsStored(lambda: state["name"]), part=lambda: "cũ, làm lại") == "cũ, làm lại"
    assert _render(source, made_from=AsStored(lambda: "khác"), part=lambda: "khác") == "khác"
    assert _render(source, made_from=AsStored(lambda: "khác"), part=lambda: "không đọc") == "khác"  # kept


def test_an_error_in_a_part_s_data_is_raised_not_rendered_empty():
    from strategy_tracker.kept import PartNotMade, lazily

    def broken():
        raise AttributeError("a bug in the read model")

    with pytest.raises(PartNotMade, match="a bug in the read model"):
        _render('{% kept "part" made_from %}[{{ data.rows }}]{% endkept %}', made_from=(1,), data=lazily(broken))
    assert _render('{% kept "part" made_from %}[{{ data.rows }}]{% endkept %}', made_from=(1,), data={}) == "[]"


def test_a_key_tells_apart_every_two_values_and_is_the_same_for_equal_ones():
    from strategy_tracker.kept import _key

    rows = ((1, "Nhiệm vụ", date(2026, 11, 30), Decimal("14.26"), None), (2, "khác", None, Decimal("1.0"), True))
    same = tuple(tuple(list(row)) for row in rows)  # equal, other objects
    assert _key(("tasks", rows)) == _key(("tasks", same))
    different = [
        ("tasks", ((1, "Nhiệm vụ", date(2026, 11, 30), Decimal("14.26"), None),)),
        ("tasks", rows[:1] + ((2, "khác", None, Decimal("1.00"), True),)),  # 1.0 and 1.00 show apart
        ("tasks", rows[:1] + ((2, "khác", None, Decimal("1.0"), 1),)),  # True and 1 too
        ("tasks", rows[:1] + ((2, "khác ", None, Decimal("1.0"), True),)),
        ("task", rows),
    ]
    keys = {_key(("tasks", rows))} | {_key(value) for value in different}
    assert len(keys) == len(different) + 1
    with translation.override("en"):
        assert _key(("tasks", rows)) not in keys  # the language is in the key
    unpicklable = ("tasks", lambda: None)
    assert _key(unpicklable) != _key(("tasks", None))  # keyed by its repr, not refused
