"""The write API's Idempotency-Key: a feed whose request got no answer (a 502, a timeout) sends it again as it was,
with the same key and version, and is answered what the first one got, without a second write; the same key with
another request is refused. Keys are the person's own, kept 24 hours, and hold across app servers and at the same
instant (a unique constraint, claimed first in the write's transaction)."""

import time
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from knox.models import AuthToken

from indicators.reference_data import reference_data_load
from indicators.services import demo_users_create
from reporting import services
from reporting.models import IdempotencyKey, Submission, SubmissionValue
from strategy_tracker import clock
from tests.conftest import FIXTURES
from tests.threads import at_once

pytestmark = pytest.mark.django_db

URL = "/api/v1/observations/"
KEY = "5f0c6a1e-8d2b-4a57-9b1e-2f4c8d7a3e10"
KEY_REUSED = (
    "Idempotency-Key này đã được gửi trước đó với một yêu cầu khác: chưa có gì được ghi. Mỗi yêu cầu mới cần một "
    "khóa riêng; khi gửi lại một yêu cầu, hãy dùng đúng khóa đã gửi lần đầu."
)


def feed_of(person):
    """feed(body, key=..., if_match=...): the person's feed posts the JSON body with that Idempotency-Key (KEY
    unless named) and If-Match."""
    client = Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(person)[1]}")

    def post(body: dict, key: str = KEY, if_match: str | None = None):
        headers = {"Idempotency-Key": key} | ({"If-Match": if_match} if if_match is not None else {})
        return client.post(URL, body, content_type="application/json", headers=headers)

    return post


@pytest.fixture
def feed(cvt_reporter):
    return feed_of(cvt_reporter)


def written() -> list:
    """Every value ever written (the history), oldest first."""
    return list(SubmissionValue.history.order_by("history_id").values_list("indicator__code", "value"))


def body(value: str = "81,2", **more) -> dict:
    return {"indicator": "2.5", "period": "2026Q4", "value": value, **more}


def test_a_request_sent_again_with_its_key_is_answered_as_the_first_time_without_writing_again(feed):
    first = feed(body())
    assert first.status_code == 201 and "Idempotent-Replayed" not in first
    again = feed(body())
    assert (again.status_code, again.json(), again["ETag"]) == (201, first.json(), first["ETag"])
    assert again["Idempotent-Replayed"] == "true"
    assert "no-store" in again["Cache-Control"]
    assert len(written()) == 1
    assert f'"{Submission.objects.get().version}"' == first["ETag"]


def test_the_answer_is_the_first_ones_even_after_the_draft_moved_on(feed):
    """The first request was written, its answer lost; meanwhile another write changed the draft. Sent again, it
    is answered as it was (written), not refused as outdated: the feed knows its figure went in."""
    etag = feed(body("80"), key="tao-ban-nhap")["ETag"]
    first = feed(body("81,2"), if_match=etag)
    feed(body("86", indicator="2.1"), key="mot-yeu-cau-khac", if_match=first["ETag"])
    again = feed(body("81,2"), if_match=etag)
    assert (again.status_code, again.json()) == (200, first.json())
    assert written() == [("2.5", Decimal(80)), ("2.5", Decimal("81.2")), ("2.1", Decimal(86))]


def test_the_same_request_spaced_or_ordered_otherwise_is_the_same_request(cvt_reporter, feed):
    first = feed(body(provisional=True, source="VNNIC"))
    token_client = Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(cvt_reporter)[1]}")
    text = '{ "source": "VNNIC",  "provisional": true, "value": "81,2", "period": "2026Q4", "indicator": "2.5" }'
    again = token_client.post(URL, text, content_type="application/json", headers={"Idempotency-Key": KEY})
    assert (again.status_code, again.json(), again["Idempotent-Replayed"]) == (201, first.json(), "true")


@pytest.mark.parametrize(
    "other",
    [body("81,3"), body(source="VNNIC"), body(version=0)],
    ids=["another value", "another field", "a version"],
)
def test_the_same_key_with_another_request_is_422_and_writes_nothing(feed, other):
    feed(body())
    before = (written(), Submission.objects.get().version)
    response = feed(other)
    assert (response.status_code, response.json()) == (422, {"detail": KEY_REUSED})
    assert (written(), Submission.objects.get().version) == before


def test_the_same_key_with_another_if_match_is_another_request(feed):
    etag = feed(body("80"), key="tao-ban-nhap")["ETag"]
    assert feed(body(), if_match=etag).status_code == 200
    assert feed(body(), if_match='"0"').status_code == 422


def test_a_refused_write_keeps_no_key(feed):
    """Refused (an outdated version), the request wrote nothing: its key is free for the request made right."""
    etag = feed(body("80"), key="tao-ban-nhap")["ETag"]
    assert feed(body(), if_match='"0"').status_code == 409
    assert not IdempotencyKey.objects.filter(key=KEY).exists()
    assert feed(body(), if_match=etag).status_code == 200


def test_keys_are_each_persons_own(feed, neac_reporter):
    assert feed(body()).status_code == 201
    neac = feed_of(neac_reporter)(body(indicator="2.3", value="40"))  # the same key from NEAC's feed
    assert (neac.status_code, neac.json()["indicator"]) == (201, "2.3")
    assert "Idempotent-Replayed" not in neac
    assert sorted(IdempotencyKey.objects.filter(key=KEY).values_list("user__username", flat=True)) == ["cvt", "neac"]


def test_keys_are_kept_24_hours_then_purged_by_the_persons_next_write(feed, on_day):
    on_day(date(2026, 11, 20))
    etag = feed(body())["ETag"]
    on_day(date(2026, 11, 21), hour=11)  # 23 hours later: still kept
    assert feed(body("81,3"), if_match=etag).status_code == 422
    on_day(date(2026, 11, 21), hour=13)  # 25 hours later: purged, the key is free
    assert feed(body("81,3"), if_match=etag).status_code == 200
    assert IdempotencyKey.objects.get().created_at == clock.now()


def test_the_command_purges_the_expired_keys_of_everyone(feed, neac_reporter, on_day, capsys):
    on_day(date(2026, 11, 20))
    feed(body())
    on_day(date(2026, 11, 22))
    feed_of(neac_reporter)(body(indicator="2.3", value="40"))
    call_command("purge_idempotency_keys")
    assert capsys.readouterr().out == "1 expired idempotency key(s) deleted\n"
    assert list(IdempotencyKey.objects.values_list("user__username", flat=True)) == ["neac"]


@pytest.mark.parametrize("key", ["", "x" * 256, "khóa", "a\tb"], ids=["empty", "256", "not ascii", "a tab"])
def test_a_key_that_is_not_1_to_255_visible_ascii_characters_is_400(feed, key):
    response = feed(body(), key=key)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Ghi Idempotency-Key gồm từ 1 đến 255 ký tự ASCII hiển thị được, ví dụ một UUID."
    }
    assert not Submission.objects.exists()


def test_a_write_with_a_key_and_its_replay_cost_a_fixed_number_of_queries(feed, django_assert_num_queries):
    etag = feed(body("80"), key="tao-ban-nhap")["ETag"]
    # The write's 15 (tests/reporting/test_api.py) and, for the key: the person's expired keys purged, the key
    # claimed in a savepoint of its own (three), the answer stored, all in one more savepoint (two).
    with django_assert_num_queries(22):
        first = feed(body(), if_match=etag)
    # The token with its person, their membership and unit, the indicator (the unit's check, then the field's); in
    # a savepoint (two): the purge, the claim refused (its savepoint, the insert, the rollback, the release), the
    # key's row read. Nothing of the submission is read or written.
    with django_assert_num_queries(13):
        again = feed(body(), if_match=etag)
    assert again.json() == first.json()


# ---------------------------------------------------------------- two app servers, at the same instant

HELD = 0.3  # seconds each write holds its transaction after writing: the other request arrives meanwhile


@pytest.fixture
def cvt_token(transactional_db):
    """Cục Viễn thông's reporter's token, in a database the threads share (these tests commit for real)."""
    reference_data_load(directory=FIXTURES)
    demo_users_create()
    return AuthToken.objects.create(get_user_model().objects.get(username="cvt"))[1]


@pytest.fixture
def slow_write(monkeypatch):
    write = services.submission_value_write

    def held(**kwargs):
        result = write(**kwargs)
        time.sleep(HELD)
        return result

    monkeypatch.setattr(services, "submission_value_write", held)


def _post(token: str, payload: dict, key: str = KEY):
    def call():
        client = Client(HTTP_AUTHORIZATION=f"Token {token}")
        response = client.post(URL, payload, content_type="application/json", headers={"Idempotency-Key": key})
        return response.status_code, response.json(), response.get("Idempotent-Replayed")

    return call


@pytest.mark.django_db(transaction=True)
def test_one_request_sent_twice_at_once_is_written_once_and_answered_twice(cvt_token, slow_write):
    """As a feed that timed out and sent its request again through the other app server while the first one was
    still running: the second waits for the first one's transaction, then is answered from it."""
    results = at_once(_post(cvt_token, body()), _post(cvt_token, body()))
    assert sorted(r[0] for r in results) == [201, 201], results
    assert results[0][1] == results[1][1]
    assert sorted(str(r[2]) for r in results) == ["None", "true"]
    assert len(written()) == 1 and IdempotencyKey.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_key_on_two_requests_at_once_writes_one_and_refuses_the_other(cvt_token, slow_write):
    results = at_once(_post(cvt_token, body("81,2")), _post(cvt_token, body("81,3")))
    assert sorted(r[0] for r in results) == [201, 422], results
    won = next(r[1] for r in results if r[0] == 201)
    assert written() == [("2.5", Decimal(won["value"]))]


@pytest.mark.django_db(transaction=True)
def test_two_requests_from_one_version_at_once_write_one_and_refuse_the_other(cvt_token, slow_write):
    """Without keys in common: the version decides (the submission's row lock, then its version)."""
    etag = Client(HTTP_AUTHORIZATION=f"Token {cvt_token}").post(URL, body("80"), content_type="application/json")[
        "ETag"
    ]
    first, second = (body("81,2", version=int(etag.strip('"'))), body("81,3", version=int(etag.strip('"'))))
    results = at_once(_post(cvt_token, first, key="mot"), _post(cvt_token, second, key="hai"))
    assert sorted(r[0] for r in results) == [200, 409], results
    assert len(written()) == 2


def test_one_row_per_person_and_key_is_what_makes_two_servers_agree(feed, cvt_reporter):
    feed(body())
    with pytest.raises(IntegrityError), transaction.atomic():
        IdempotencyKey.objects.create(
            user=cvt_reporter, key=KEY, request_hash="0" * 64, created_at=clock.now(), status=0, answer={}
        )
