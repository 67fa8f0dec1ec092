"""The search page, as each person: what “kinh te so” finds, with or without diacritics, ranked, grouped and
counted; a reporter is never given a link she may not open; a fixed number of queries whatever is found. The same
tests run on SQLite (the rule in Python) and on PostgreSQL (full-text search over unaccent)."""

import pytest
from django.db import connection
from django.urls import reverse

from search.folding import terms
from search.selectors import KINDS, _ranked_postgresql, _ranked_python

pytestmark = pytest.mark.django_db

QUERIES = ("kinh te so", "cục", "trung tam", "bo", "vien thong", "dien tu", "a", "2.5", "NEAC", "chuyển đổi số")


def search(client, query):
    response = client.get(reverse("search:results"), {"q": query})
    assert response.status_code == 200
    return response


def urls_of(response) -> list[str]:
    return [hit.url for group in response.context["results"].groups for hit in group.hits]


def group(response, key):
    return next(g for g in response.context["results"].groups if g.key == key)


def test_the_leader_finds_1_1_by_words_of_its_name_without_diacritics(client_for, leader, django_assert_num_queries):
    client = client_for(leader)
    # 1 session, 2 the person with their membership, its unit and unread notifications (the header),
    # 3 the indicators, 4 the tasks with their documents, 5 the units with whether they report or implement tasks
    with django_assert_num_queries(5):
        response = search(client, "kinh te so")
    indicators = group(response, "indicators")
    assert indicators.hits[0].label == "1.1" and indicators.hits[0].url == "/indicators/1.1/"
    assert {hit.label for hit in indicators.hits} == {"1.1", "1.2", "1.6"}  # the three named “kinh tế số …”
    html = response.content.decode()
    assert 'href="/indicators/1.1/"' in html and "Tỷ trọng kinh tế số trên GDP" in html
    assert f"{response.context['results'].found} kết quả cho “kinh te so”" in html
    # with the diacritics, the same; “d” finds “đ” and “Đ”
    assert urls_of(search(client, "kinh tế số")) == urls_of(response)
    assert urls_of(search(client, "KINH TẾ SỐ")) == urls_of(response)
    assert "/indicators/1.4/" in urls_of(search(client, "dien tu"))  # Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử
    units = group(search(client, "vu kinh te so va xa hoi so"), "units")
    assert [hit.label for hit in units.hits] == ["Vụ KTS và XHS"]


def test_the_query_count_does_not_grow_with_what_is_found(client_for, leader, django_assert_num_queries):
    client = client_for(leader)
    many = search(client, "t").context["results"]
    assert many.found > 100
    for query in ("t", "zzzz", "bộ"):
        with django_assert_num_queries(5):
            search(client, query)


def test_a_code_or_a_number_named_exactly_comes_first(client_for, reviewer):
    client = client_for(reviewer)
    assert group(search(client, "2.5"), "indicators").hits[0].label == "2.5"
    tasks = group(search(client, "A.II.14.1"), "tasks")
    assert tasks.hits[0].label == "14.1" and "A.II.14.1" in tasks.hits[0].detail


def test_a_unit_with_no_page_is_not_a_result(client_for, leader):
    # Bộ Tài chính neither reports an indicator nor implements a task in the tracker: no page to open
    assert group(search(client_for(leader), "Bộ Tài chính"), "units").found == 0


def test_a_unit_is_found_by_its_abbreviation_and_its_name(client_for, reviewer):
    client = client_for(reviewer)
    for query in ("cdsqg", "Cục Chuyển đổi số quốc gia", "cuc chuyen doi so"):
        assert "/submissions/cuc-cdsqg/" in urls_of(search(client, query)), query


@pytest.mark.parametrize("who", ["cvt_reporter", "neac_reporter"])
def test_a_reporter_is_given_only_links_she_may_open(request, client_for, who):
    person = request.getfixturevalue(who)
    client = client_for(person)
    opened = set()
    for query in QUERIES:
        for url in urls_of(search(client, query)):
            if url not in opened:
                assert client.get(url).status_code == 200, (query, url)
                opened.add(url)
    assert len(opened) > 50
    own = person.membership.unit.slug
    # her own unit's page of submissions; another reporting unit's only as the tasks it implements
    assert f"/submissions/{own}/" in opened
    assert not any(url.startswith("/submissions/") and url != f"/submissions/{own}/" for url in opened)


def test_a_reporter_finds_another_unit_through_the_tasks_it_implements(client_for, cvt_reporter, leader):
    neac = group(search(client_for(cvt_reporter), "NEAC"), "units").hits
    assert [(hit.label, hit.url) for hit in neac] == [("Trung tâm NEAC", "/tasks/?unit=neac")]
    assert group(search(client_for(leader), "NEAC"), "units").hits[0].url == "/submissions/neac/"


def test_the_suggestions_are_the_page_s_first_results(client_for, leader, django_assert_num_queries):
    client = client_for(leader)
    # 1 session, 2 the person, 3-5 one query a kind, as the page
    with django_assert_num_queries(5):
        data = client.get(reverse("search:suggestions"), {"q": "kinh tế số"}).json()
    page = search(client, "kinh tế số").context["results"]
    assert data["query"] == "kinh tế số" and data["found"] == page.found
    assert data["summary"] == f"{page.found} kết quả cho “kinh tế số”"
    assert data["all"] == {"label": "Xem tất cả kết quả", "url": "/search/?q=kinh+t%E1%BA%BF+s%E1%BB%91"}
    assert [group["heading"] for group in data["groups"]] == ["Chỉ tiêu", "Nhiệm vụ kế hoạch hành động", "Đơn vị"]
    first = data["groups"][0]["hits"][0]
    assert (first["label"], first["title"], first["url"]) == ("1.1", "Tỷ trọng kinh tế số trên GDP", "/indicators/1.1/")
    for group, kind in zip(data["groups"], page.groups, strict=True):
        assert group["found"] == kind.found
        assert [hit["url"] for hit in group["hits"]] == [hit.url for hit in kind.hits[:5]]
    assert client.get(reverse("search:suggestions"), {"q": "xyzzy"}).json()["groups"] == []


def test_a_reporter_s_suggestions_open_and_nobody_else_gets_any(client, client_for, neac_reporter):
    reporter = client_for(neac_reporter)
    for query in QUERIES:
        for group in reporter.get(reverse("search:suggestions"), {"q": query}).json()["groups"]:
            for hit in group["hits"]:
                assert reporter.get(hit["url"]).status_code == 200, (query, hit["url"])
    client.logout()
    response = client.get(reverse("search:suggestions"), {"q": "kinh te so"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_nothing_found_says_so_in_vietnamese(client_for, cvt_reporter):
    html = search(client_for(cvt_reporter), "xyzzy").content.decode()
    assert "0 kết quả cho “xyzzy”" in html
    assert "Không tìm thấy kết quả nào cho “xyzzy”" in html


def test_an_empty_query_or_one_of_punctuation_searches_nothing(client_for, leader, django_assert_num_queries):
    client = client_for(leader)
    with django_assert_num_queries(2):  # the session, the person: no search
        html = search(client, "").content.decode()
    assert "kết quả" not in html and 'id="search-page-q"' in html
    html = search(client, "%%% ---").content.decode()
    assert "Hãy gõ chữ hoặc số để tìm." in html


def test_a_long_query_is_cut_and_still_answers(client_for, leader):
    response = search(client_for(leader), "kinh tế số " * 100)
    assert len(response.context["results"].query) <= 200


def test_the_box_is_in_every_page_s_header_for_a_member_only(client, client_for, cvt_reporter):
    html = client_for(cvt_reporter).get(reverse("plans:list")).content.decode()
    assert 'role="search"' in html and 'action="/search/"' in html and 'id="header-search"' in html
    client.logout()
    assert 'id="header-search"' not in client.get(reverse("login")).content.decode()
    response = client.get(reverse("search:results"), {"q": "kinh te so"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own search")
def test_postgresql_searches_with_unaccent(client_for, leader):
    with connection.cursor() as cursor:
        cursor.execute("SELECT unaccent('Kinh tế số Đổi mới')")
        assert cursor.fetchone()[0] == "Kinh te so Doi moi"
    assert group(search(client_for(leader), "kinh te so"), "indicators").hits[0].label == "1.1"


# Everyday queries. Where the two differ is a number written with a dot or a word joined by “&” (“1.000”,
# “KH&CN”): PostgreSQL's parser reads one word, the Python rule two.
EVERYDAY = QUERIES + ("du lieu", "quốc gia", "(32)", "so hoa", "ha tang so", "thuong mai dien tu", "GDP", "5G", "t")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares PostgreSQL's search with the Python rule")
def test_the_python_rule_of_sqlite_finds_what_postgresql_finds():
    for query in EVERYDAY:
        for kind in KINDS:
            python = {row.pk for row in _ranked_python(kind, query, terms(query))}
            postgresql = {row.pk for row in _ranked_postgresql(kind, query, terms(query))}
            assert python == postgresql, (query, kind.key)
