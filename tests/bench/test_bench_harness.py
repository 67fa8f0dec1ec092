"""A smoke run of the benchmark's pieces on a small generated data set: every route it measures answers its
person, and every floor query runs against the current schema."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from bench import bench


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


@pytest.mark.django_db
def test_every_measured_signed_in_route_answers_its_person(small_data, client, django_user_model):
    for name, path, person, _floor, _content in bench.ROUTES:
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
    for name, _path, person, floor, content in bench.ROUTES:
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
