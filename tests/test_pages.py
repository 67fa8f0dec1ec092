"""The home table and the indicator page, as the people who read them see them."""

import html as htmllib
import re

import pytest
from django.urls import reverse

from indicators.models import Indicator, Observation

pytestmark = pytest.mark.django_db


def _cells(html: str, code: str) -> list[str]:
    """The text of the cells of the home table row whose code is `code`."""
    row = re.search(rf'<tr[^>]*>\s*<td class="col-code">\s*<a [^>]*>{re.escape(code)}</a>.*?</tr>', html, re.S)
    assert row, code
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    return [_text(cell) for cell in cells]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.mark.parametrize("url", ["/", "/indicators/1.1/", "/indicators/9.9/"])
def test_anonymous_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_visitor_is_refused_the_admin(client):
    response = client.get("/admin/indicators/indicator/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_login_page_is_in_vietnamese(client):
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html and "Tên đăng nhập" in html


def test_demo_person_logs_in_with_the_demo_password(client, reviewer):
    # A leader lands on the dashboard instead (tests/dashboard/test_views.py).
    response = client.post(reverse("login"), {"username": "reviewer", "password": "demo"})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_leader_sees_every_indicator_with_its_figures_written_the_vietnamese_way(client_for, leader):
    html = client_for(leader).get(reverse("home")).content.decode()
    # Late 2026, the columns of the strategy period in force, from the data: code, name, unit, the 2022 baseline,
    # the 2023 and 2024 plans, the 2025 goal (past: its verdict), the 2030 goal, latest figure, gap to the goal to
    # steer to (and its year), assessment (tests/test_progress_pages.py), reporting unit
    assert _cells(html, "1.1") == ["1.1", "Tỷ trọng kinh tế số trên GDP", "%", "14,26% tạm tính",
                                   "≥ 15,5%", "≥ 17,5%", "≥ 20% chờ số liệu", "≥ 30%", "18,3% 2024 tạm tính",
                                   "còn 11,7 điểm % 2030", "Đúng tiến độ", "Vụ KTS và XHS"]  # fmt: skip
    assert _cells(html, "2.2")[3] == "74,63% (số liệu 2021)"
    assert _cells(html, "2.3")[3:8] == ["0,34% (số liệu 2021)", "≥ 15%", "≥ 30%", "> 50% chờ số liệu", "—"]
    assert _cells(html, "2.8")[4:7] == ["≥ 10%", "Theo Kế hoạch của Bộ Y tế", "> 30% ≠ chờ số liệu"]
    assert _cells(html, "1.7")[6:] == [
        "> 0,7 doanh nghiệp/1.000 dân chờ số liệu", "—", "—", "—", "Cần đề xuất mục tiêu mới",
        "Chưa phân công",
    ]  # fmt: skip
    codes = re.findall(r'<td class="col-code">\s*<a [^>]*>([0-9.]+)</a>', html)
    assert codes == ["1.1", "1.2", "1.2.1", "1.2.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1", "2.2", "2.3",
                     "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12"]  # fmt: skip


def test_home_table_sorts_by_a_column(client_for, leader):
    html = client_for(leader).get(reverse("home"), {"sort": "-baseline"}).content.decode()
    codes = re.findall(r'<td class="col-code">\s*<a [^>]*>([0-9.]+)</a>', html)
    assert codes[:3] == ["2.1", "2.5", "2.2"]  # 85%, 75%, 74,63%


def test_english_is_selectable(client_for, leader):
    client = client_for(leader)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert "2022 figure (baseline)" in html and "2030 goal" in html and "14.26%" in html


def test_vietnamese_stays_the_default_whatever_the_browser_asks(client_for, leader):
    html = client_for(leader).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Số liệu 2022 (cơ sở)" in html


def test_indicator_page_shows_both_2025_goals_of_2_8_and_which_is_in_force(client_for, reviewer):
    html = client_for(reviewer).get(reverse("indicator_detail", args=["2.8"])).content.decode()
    text = _text(html)
    assert "văn bản ghi khác nhau" in text
    assert re.search(r"> 30% đang áp dụng “Trên 30%” 466/QĐ-BTTTT 28/03/2023 Mục II.1", text)
    assert re.search(r"> 50% “> 50%” 466/QĐ-BTTTT 28/03/2023 Phụ lục 01", text)


def test_a_2030_goal_of_qd_411_restated_by_a_forum_talk_is_cited_to_the_decision_through_it(client_for, leader):
    """2.1's 2030 goal (95%) is Quyết định 411's, quoted at the 2023 forum by a provincial department: the page
    names the decision first and the talk as where it is cited; a target of 466 stays 466's."""
    text = _text(client_for(leader).get(reverse("indicator_detail", args=["2.1"])).content.decode())
    assert re.search(r"“đạt 95% vào năm 2030” Mục tiêu của QĐ 411/QĐ-TTg \(dẫn theo Sở Thông tin và Truyền thông", text)
    assert re.search(r"“80%” 466/QĐ-BTTTT", text)
    # the letter 5473 restating 1.1's 2030 goal, the same way
    text = _text(client_for(leader).get(reverse("indicator_detail", args=["1.1"])).content.decode())
    assert "Mục tiêu của QĐ 411/QĐ-TTg (dẫn theo 5473/BTTTT-KTS&XHS)" in text


def test_indicator_page_marks_provisional_figures_and_says_the_year(client_for, cvt_reporter):
    html = client_for(cvt_reporter).get(reverse("indicator_detail", args=["1.1"])).content.decode()
    text = _text(html)
    assert "2021 11,91% số liệu tạm ước tính Ước tính của Học viện Công nghệ Bưu chính, Viễn thông" in text
    assert "2024 18,3% số liệu tạm ước tính" in text


def test_indicator_page_reads_annex_codes_with_a_comma(client_for, leader):
    assert client_for(leader).get("/indicators/2,10/").status_code == 200


def test_unknown_indicator_is_a_404(client_for, leader):
    assert client_for(leader).get("/indicators/9.9/").status_code == 404


def test_the_header_says_who_is_signed_in_in_what_role_for_which_unit(client_for, cvt_reporter, leader):
    html = client_for(cvt_reporter).get(reverse("home")).content.decode()
    assert 'title="Cán bộ Cục Viễn thông · Cán bộ báo cáo, Cục Viễn thông"' in html
    html = client_for(leader).get(reverse("home")).content.decode()
    assert 'title="Lãnh đạo Bộ · Lãnh đạo"' in html


@pytest.fixture
def nobody(db):
    """Signed in, but given no role in the tracker (an account made with createsuperuser, say)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("nobody", password="x")


@pytest.mark.parametrize("url", ["/", "/indicators/1.1/", "/indicators/2.5/proposals/new/", "/submissions/"])
def test_a_person_without_a_role_is_refused_every_page(client_for, nobody, url):
    response = client_for(nobody).get(url)
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/indicators/", "/api/v1/indicators/2.5/", "/api/v1/schema/"])
def test_a_person_without_a_role_is_refused_every_api_route(client_for, nobody, url):
    assert client_for(nobody).get(url).status_code == 403


def test_a_figure_without_a_document_beside_one_with_does_not_break_the_indicator_page(client_for, leader):
    Observation.objects.create(indicator=Indicator.objects.get(code="1.1"), year=2024, value=18, source="x")
    html = client_for(leader).get(reverse("indicator_detail", args=["1.1"])).content.decode()
    assert _text(html).count("2024 18") == 2  # 18% (no document, listed first) and 18,3%


def test_an_unknown_page_is_a_vietnamese_404(client_for, leader):
    response = client_for(leader).get("/indicators/9.9/")
    assert response.status_code == 404 and "Không tìm thấy" in response.content.decode()


def test_1_2s_estimate_is_shown_as_466_writes_it_without_a_unit(client_for, leader):
    """Quyết định 466 writes row 1.2's 2022 estimate “4,36”, with no unit: no page adds a “%” it does not give."""
    client = client_for(leader)
    cells = _cells(client.get(reverse("home")).content.decode(), "1.2")
    assert cells[3] == "4,36 tạm tính" and cells[-4].startswith("4,36 2022")
    page = client.get(reverse("indicator_detail", args=["1.2"])).content.decode()
    assert "4,36%" not in page and '<td class="num">4,36</td>' in page
    assert "Số liệu mới nhất</dt><dd>4,36 (2022)" in page and "(năm 2022: 4,36)" in page
