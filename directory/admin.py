from django.contrib import admin

from directory.models import DirectoryAccount, DirectoryGroupRole, RoleChange
from indicators.admin import HistoryAdmin, ReadOnly, RecordAdmin


@admin.register(DirectoryGroupRole)
class DirectoryGroupRoleAdmin(HistoryAdmin):
    """Which directory group gives which role (beside LDAP_GROUP_ROLES, and read before it); every change kept."""

    list_display = ["group", "role", "unit"]
    list_filter = ["role", "unit"]
    search_fields = ["group"]
    list_select_related = ["unit"]


@admin.register(DirectoryAccount)
class DirectoryAccountAdmin(ReadOnly, admin.ModelAdmin):
    """Who signs in through a directory, written by their sign-ins only. A role given by hand (in Memberships) is
    kept whatever their groups say: `role from the directory` shows which ones follow the groups."""

    list_display = ["user", "source", "identifier", "role_from_directory", "signed_in_at"]
    list_filter = ["source", "role_from_directory"]
    search_fields = ["user__username", "identifier"]
    list_select_related = ["user"]
    readonly_fields = ["user", "source", "identifier", "groups", "role_from_directory", "signed_in_at"]


@admin.register(RoleChange)
class RoleChangeAdmin(RecordAdmin):
    """Who gained or lost which role at a directory sign-in: a record, never changed."""

    list_display = ["changed_at", "user", "source", "role_before", "unit_before", "role_after", "unit_after", "reason"]
    list_filter = ["source", "role_after", "role_before"]
    search_fields = ["user__username"]
    list_select_related = ["user", "unit_before", "unit_after"]
    date_hierarchy = "changed_at"
