"""An indicator code in an address that is not written like a code is "not found", never a server error: a NUL
byte (PostgreSQL refuses it in a query), a very long string, digits of another script, an empty part. The suite
runs on SQLite and on PostgreSQL (DATABASE_URL), so both are covered."""

import pytest

from indicators.codes import is_valid_code

pytestmark = pytest.mark.django_db

ODD_CODES = [
    "%00",
    "1%002",
    "1.1%00",
    "1" * 300,
    "9" * 21,
    "%D9%A1.%D9%A1",  # ١.١ (Arabic-Indic digits)
    "%EF%BC%91.%EF%BC%91",  # １.１ (full-width digits)
    "1..2",
    "1%0A1",
    ".1",
    "0.1",
    "%20",
    "%F0%9F%98%80",
]


@pytest.mark.parametrize("code", ODD_CODES)
def test_an_odd_code_in_the_indicator_page_address_is_a_404(client_for, leader, code):
    response = client_for(leader).get(f"/indicators/{code}/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


@pytest.mark.parametrize("code", ODD_CODES)
def test_an_odd_code_in_the_proposal_form_address_is_a_404(client_for, reviewer, code):
    url = f"/indicators/{code}/proposals/new/"
    assert client_for(reviewer).get(url).status_code == 404
    assert client_for(reviewer).post(url, {"value": "1"}).status_code == 404


@pytest.mark.parametrize("code", ODD_CODES)
def test_an_odd_code_in_the_api_address_is_a_json_404(client_for, leader, code):
    response = client_for(leader).get(f"/api/v1/indicators/{code}/")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert detail.startswith("Không có chỉ tiêu nào mang mã") and len(detail) < 80


def test_both_spellings_of_a_real_code_still_open_the_page(client_for, leader):
    assert client_for(leader).get("/indicators/2,10/").status_code == 200
    assert client_for(leader).get("/indicators/2.10/").status_code == 200


@pytest.mark.parametrize("code", ["1.1\n", "1\x002", "١.١", "1" * 21, "", "1.", "01"])
def test_what_is_not_written_like_a_code(code):
    assert not is_valid_code(code)
