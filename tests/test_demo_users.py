import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from indicators.models import Membership

pytestmark = pytest.mark.django_db


def test_demo_people_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("create_demo_users")


@pytest.mark.parametrize(
    ("username", "role", "unit"),
    [
        ("cvt", "reporter", "Cục Viễn thông"),
        ("neac", "reporter", "Trung tâm NEAC"),
        ("cdsqg", "reporter", "Cục CĐSQG"),
        ("attt", "reporter", "Cục ATTT"),
        ("kts", "reporter", "Vụ KTS và XHS"),
        ("skhcn_hanoi", "reporter", "Sở KHCN Hà Nội"),
        ("reviewer", "reviewer", "Vụ KTS và XHS"),
        ("leader", "leader", None),
        ("admin", "admin", None),
    ],
)
def test_each_demo_person_logs_in_with_demo_and_has_a_role(settings, username, role, unit):
    settings.DEBUG = True
    call_command("create_demo_users")  # running it again resets the people, it does not duplicate them
    user = authenticate(RequestFactory().post("/accounts/login/"), username=username, password="demo")
    assert user is not None
    membership = Membership.objects.select_related("unit").get(user=user)
    assert membership.role == role
    assert (membership.unit.short_name if membership.unit else None) == unit
    assert user.is_staff == (role == "admin")
