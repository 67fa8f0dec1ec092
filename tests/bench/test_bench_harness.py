"""A smoke run of the benchmark's pieces on a small generated data set: every route it measures answers its
person, every floor query runs against the current schema, and the after-write column changes a row of each
route's data, times the request after it, puts the row back and tells a stale answer."""

import secrets
import zipfile
from datetime import datetime
from io import BytesIO, StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from bench import bench
from strategy_tracker.versions import versions


@pytest.fixture
def small_data(db):
    call_command(
        "generate_benchmark_data",
        size="small",
        stdout=StringIO(),
        units=3,
        indicators=3,
        quarters=4,
        submission_quarters=2,
    )


@pytest.fixture
def released_data(small_data):
    """The small data set with a quarter released, as the benchmark has it for the public pages."""
    bench.release_quarter()


def _sign_in(client, django_user_model, person):
    client.logout()
    if person is not None:
        username = "bench-reporter-001" if person == "unit" else person
        client.force_login(django_user_model.objects.get(username=username))


@pytest.mark.django_db
def test_every_measured_signed_in_route_answers_its_person(small_data, client, django_user_model):
    for name, path, person, _floor, _content, _write in bench.ROUTES:
        if person is None:
            continue  # the public pages answer once a quarter is released: the benchmark releases one
        username = "bench-reporter-001" if person == "unit" else person
        client.force_login(django_user_model.objects.get(username=username))
        response = client.get(path.format(period=bench.PERIOD))
        assert response.status_code == 200, name


@pytest.mark.django_db
def test_every_floor_query_runs_and_joins_its_rows(small_data):
    for name, (_sql, _params) in bench.FLOORS.items():
        for content in ("html", "csv", "json"):
            assert isinstance(bench._floor(name, content)(), bytes), name
    with connection.cursor() as cursor:
        cursor.execute(bench.FLOORS["indicator"][0], ["9.1"])
        assert cursor.fetchall()


@pytest.mark.django_db
@pytest.mark.urls("bench.urls")
def test_every_floor_is_served_as_a_page_to_its_person(small_data, client, django_user_model):
    for name, _path, person, floor, content, _write in bench.ROUTES:
        floor_path = f"/bench-floor/{floor}/{content}/{int(person is not None)}/"
        client.logout()
        if person is not None:
            assert client.get(floor_path).status_code == 403, name  # a signed-in route's floor checks the person
            username = "bench-reporter-001" if person == "unit" else person
            client.force_login(django_user_model.objects.get(username=username))
        response = client.get(floor_path)
        assert response.status_code == 200, name
        assert response.content == bench._floor(floor, content)(), name
    assert client.get("/bench-floor/no-such-floor/html/0/").status_code == 404


def test_the_project_serves_no_floor_page(client):
    assert client.get("/bench-floor/indicators/html/0/").status_code == 404


def _stored(write: bench.Write):
    return write.model._default_manager.values_list(write.field, flat=True).get(pk=write.pk)


@pytest.mark.django_db
def test_each_routes_write_changes_its_row_by_sql_moving_the_data_versions_and_is_undone(released_data):
    for name, _path, _person, _floor, _content, spec in bench.ROUTES:
        write = bench.write_for(spec.format(period=bench.PERIOD))
        assert _stored(write) == write.stored != write.other, name
        for step, value in enumerate([write.other, write.stored, write.other]):
            before = versions()
            write.make(step)
            assert _stored(write) == value, name
            assert versions() != before, name  # the caches' keys move, as with every write
        write.restore()
        assert _stored(write) == write.stored, name


@pytest.mark.django_db
def test_the_after_write_column_times_the_request_after_each_write_and_puts_the_row_back(
    released_data, client, django_user_model
):
    for name, path, person, _floor, _content, spec in bench.ROUTES:
        _sign_in(client, django_user_model, person)
        path = path.format(period=bench.PERIOD)
        write = bench.write_for(spec.format(period=bench.PERIOD))
        answers: list[bytes] = []

        def call(path=path, name=name, answers=answers):
            response = client.get(path)
            assert response.status_code == 200, name
            answers.append(b"".join(response) if response.streaming else response.content)
            return answers[-1]

        found = bench._timed_after_write(call, write, repeat=3, budget=0)
        assert len(found.times) == 3 and min(found.times) > 0, name
        assert len(answers) == 9, name  # each write between the route before it and after it, then made again
        assert _stored(write) == write.stored, name
        summary = found.summary(write.label)
        assert summary["requests"] == 3 and summary["p95_ms"] >= summary["median_ms"] > 0, name


@pytest.mark.django_db
def test_an_answer_kept_through_the_write_is_stale_and_misses_the_goal(released_data):
    write = bench.write_for("goal 9.1")

    def made() -> bytes:  # the row as stored, with a CSRF token masked anew each time, as a page has it
        token = secrets.token_hex(8)
        return f'{_stored(write)} <input name="csrfmiddlewaretoken" value="{token}">'.encode()

    def kept() -> bytes:  # the same, kept in a server's in-memory cache under a key that ignores the write
        body = caches["template_fragments"].get("bench-test")
        if body is None:
            body = made()
            caches["template_fragments"].set("bench-test", body)
        return body

    fresh = bench._timed_after_write(made, write, repeat=3, budget=0)
    assert (fresh.stale, fresh.same) == (0, 0)
    assert fresh.summary(write.label)["goal_met"]

    stale = bench._timed_after_write(kept, write, repeat=3, budget=0)
    assert (stale.stale, stale.same) == (3, 3)
    assert not stale.summary(write.label)["goal_met"]  # however fast: it measured the cache
    assert _stored(write) == write.stored


def _office_file(sheet: bytes, written_at: tuple[int, int, int, int, int, int]) -> bytes:
    moment = datetime(*written_at).isoformat() + "Z"
    core = f'<cp:coreProperties><dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("docProps/core.xml", date_time=written_at), core.encode())
        archive.writestr(zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=written_at), sheet)
    return buffer.getvalue()


def test_answers_are_compared_without_their_csrf_tokens_nor_the_moment_a_file_was_written():
    def page(value: str, token: str) -> bytes:
        return f'<td>{value}</td><input name="csrfmiddlewaretoken" value="{token}">'.encode()

    assert bench._compared(page("10,69", "a1")) == bench._compared(page("10,69", "b2"))
    assert bench._compared(page("10,69", "a1")) != bench._compared(page("9,69", "a1"))
    one, two = (2026, 11, 30, 12, 0, 0), (2026, 11, 30, 12, 0, 4)
    assert bench._compared(_office_file(b"<v>10.69</v>", one)) == bench._compared(_office_file(b"<v>10.69</v>", two))
    assert bench._compared(_office_file(b"<v>10.69</v>", one)) != bench._compared(_office_file(b"<v>9.69</v>", one))


def test_the_table_prints_the_after_write_column():
    def route(after: bench.AfterWrite, goal: bool = True) -> dict:
        warm = {"median_ms": 5.0, "p95_ms": 6.0, "trivial_ms": 2.5, "floor_ms": 2.0, "floor_query_ms": 1.0}
        return {**warm, "queries": 4, "bytes": 2048, "after_write": after.summary("goal 9.1 2030", goal=goal)}

    routes = {
        "fresh": route(bench.AfterWrite(times=[0.030, 0.020, 0.040])),
        "slow": route(bench.AfterWrite(times=[0.150, 0.120, 0.130])),
        "stale": route(bench.AfterWrite(times=[0.001, 0.001, 0.001], stale=3, same=3)),
        "file": route(bench.AfterWrite(times=[0.300, 0.300, 0.300]), goal=False),
    }
    result = {"size": "small", "trivial_ms": 2.5, "routes": routes}
    lines = bench.table([result, result]).splitlines()
    rows = {line.split()[0]: line.split() for line in lines if line.split()[0] in routes}
    # The after-write columns: median ms, p95 ms, the goal, stale and same answers, requests.
    fresh_p95 = f"{routes['fresh']['after_write']['p95_ms']:.1f}"
    assert rows["fresh"][8:14] == ["30.0", fresh_p95, "met", "0", "0", "3"]
    assert rows["slow"][8] == "130.0" and rows["slow"][10] == "MISS"
    assert rows["stale"][8] == "1.0" and rows["stale"][10:13] == ["MISS", "3", "3"]
    assert rows["file"][8] == "300.0" and rows["file"][10] == "-"  # files have no after-write goal
    assert lines[-1].startswith("after a write (small): 1 of 3 pages and API answers met the goal")
