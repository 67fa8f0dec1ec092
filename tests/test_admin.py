"""The admin, in Vietnamese, shows targets and figures of record but does not change them: they change only
through their workflows, each on record."""

import pytest

from indicators.models import Observation, Target

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["target", "observation", "indicator", "unit", "document"])
def test_the_administrator_reads_every_list_in_vietnamese(client_for, admin_user, model):
    response = client_for(admin_user).get(f"/admin/indicators/{model}/")
    assert response.status_code == 200
    assert "Quản trị hệ thống theo dõi Chiến lược 411" in response.content.decode()


@pytest.mark.parametrize(("model", "instance"), [("target", Target), ("observation", Observation)])
def test_targets_and_figures_cannot_be_added_changed_or_deleted_in_the_admin(client_for, admin_user, model, instance):
    client = client_for(admin_user)
    obj = instance.objects.order_by("pk").first()
    before = (instance.objects.count(), obj.value)
    assert client.get(f"/admin/indicators/{model}/add/").status_code == 403
    assert client.post(f"/admin/indicators/{model}/{obj.pk}/change/", {"value": "1"}).status_code == 403
    assert client.post(f"/admin/indicators/{model}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    obj.refresh_from_db()
    assert (instance.objects.count(), obj.value) == before
    assert client.get(f"/admin/indicators/{model}/{obj.pk}/history/").status_code == 200


def test_the_indicator_form_shows_its_targets_read_only(client_for, admin_user):
    from indicators.models import Indicator

    pk = Indicator.objects.get(code="2.8").pk
    html = client_for(admin_user).get(f"/admin/indicators/indicator/{pk}/change/").content.decode()
    assert "Trên 30%" in html and 'name="targets-0-value"' not in html


@pytest.mark.parametrize("person", ["reviewer", "leader", "cvt_reporter"])
def test_only_administrators_enter_the_admin(client_for, request, person):
    response = client_for(request.getfixturevalue(person)).get("/admin/indicators/target/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
