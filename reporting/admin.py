"""Submissions in the Django admin: to look up, with their history. Changes go through the pages, where the
workflow and the version check apply, so the admin does not add, change or delete them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reporting.models import Submission, SubmissionValue


class _ReadOnly(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SubmissionValueInline(admin.TabularInline):
    model = SubmissionValue
    fields = ("indicator", "value", "provisional", "source", "provisional_observation", "official_observation")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(_ReadOnly):
    list_display = ("unit", "year", "quarter", "status", "first_submitted_at", "reviewed_by", "version")
    list_filter = ("status", "year", "quarter", "unit")
    list_select_related = ("unit", "reviewed_by")
    inlines = [SubmissionValueInline]


@admin.register(SubmissionValue)
class SubmissionValueAdmin(_ReadOnly):
    list_display = ("submission", "indicator", "value", "provisional", "source")
    list_select_related = ("submission__unit", "indicator")
    list_filter = ("provisional",)
