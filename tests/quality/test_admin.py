"""The rules in the admin: the administrator changes a threshold, a message, a severity, on record; nobody else
enters; a rule is switched off, never deleted."""

import pytest

from quality.models import Rule

pytestmark = pytest.mark.django_db


def test_the_administrator_changes_a_rule_on_record(client_for, admin_user, rules):
    rule = rules["share_jump"]
    client = client_for(admin_user)
    assert client.get("/admin/quality/rule/").status_code == 200
    form = {
        "kind": rule.kind,
        "k": "",
        "n": "15",
        "measure_unit": "",
        "low": "",
        "high": "",
        "message": rule.message,
        "severity": "refuse",
        "active": "on",
    }
    response = client.post(f"/admin/quality/rule/{rule.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert (rule.n, rule.severity) == (15, "refuse")
    latest = rule.history.first()
    assert (latest.n, latest.severity, latest.history_user) == (15, "refuse", admin_user)
    assert client.get(f"/admin/quality/rule/{rule.pk}/history/").status_code == 200


def test_a_rule_is_never_deleted_in_the_admin(client_for, admin_user, rules):
    rule = rules["missing_source"]
    response = client_for(admin_user).post(f"/admin/quality/rule/{rule.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403 and Rule.objects.filter(pk=rule.pk).exists()


@pytest.mark.parametrize("person", ["cvt_reporter", "reviewer", "leader"])
def test_only_administrators_enter_the_rules(client_for, request, rules, person):
    response = client_for(request.getfixturevalue(person)).get("/admin/quality/rule/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
