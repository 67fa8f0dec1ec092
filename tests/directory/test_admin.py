"""The administrator maps directory groups to roles in the admin, with history; the record of role changes and the
directory accounts are read there, never written."""

from django.test import Client

from directory.models import DirectoryGroupRole
from indicators.models import Unit

ADD = "/admin/directory/directorygrouprole/add/"


def test_an_administrator_maps_a_group_to_a_units_reporters_with_history(admin_user):
    admin = Client()
    admin.force_login(admin_user)
    cuc_vt = Unit.objects.get(slug="cuc-vt")

    unitless = admin.post(ADD, {"group": "cn=cuc-vt-reporters,ou=groups,dc=mic,dc=gov,dc=vn", "role": "reporter"})
    assert unitless.status_code == 200
    assert "Nhóm của cán bộ báo cáo phải ghi rõ đơn vị báo cáo." in unitless.content.decode()
    reviewer_with_unit = admin.post(ADD, {"group": "cn=kts", "role": "reviewer", "unit": cuc_vt.pk})
    assert "Chỉ nhóm của cán bộ báo cáo mới ghi đơn vị." in reviewer_with_unit.content.decode()
    assert not DirectoryGroupRole.objects.exists()

    saved = admin.post(
        ADD, {"group": "CN=Cuc-VT-Reporters, OU=Groups,DC=mic,DC=gov,DC=vn", "role": "reporter", "unit": cuc_vt.pk}
    )
    assert saved.status_code == 302
    mapping = DirectoryGroupRole.objects.get()
    assert mapping.group == "cn=cuc-vt-reporters,ou=groups,dc=mic,dc=gov,dc=vn"
    assert str(mapping.grant) == "reporter:cuc-vt"
    assert mapping.history.get().history_user == admin_user
    # The same group typed otherwise is the same group.
    again = admin.post(ADD, {"group": "cn=cuc-vt-reporters,ou=groups,dc=mic,dc=gov,dc=vn", "role": "leader"})
    assert again.status_code == 200 and DirectoryGroupRole.objects.count() == 1


def test_role_changes_and_directory_accounts_are_read_never_written(admin_user, reviewer):
    admin = Client()
    admin.force_login(admin_user)
    assert admin.get("/admin/directory/rolechange/").status_code == 200
    assert admin.get("/admin/directory/rolechange/add/").status_code == 403
    assert admin.get("/admin/directory/directoryaccount/").status_code == 200
    assert admin.get("/admin/directory/directoryaccount/add/").status_code == 403
    someone = Client()
    someone.force_login(reviewer)
    assert someone.get("/admin/directory/directorygrouprole/").status_code in (302, 403)
