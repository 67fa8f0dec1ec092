"""Submissions in the Django admin: to look up, with their history. Changes go through the pages, where the
workflow and the version check apply, so the admin does not add, change or delete them."""

from django.contrib import admin

from indicators.admin import PeriodFilter, RecordAdmin, period
from reporting.models import Submission, SubmissionValue


class SubmissionValueInline(admin.TabularInline):
    model = SubmissionValue
    fields = ("indicator", "value", "provisional", "source", "provisional_observation", "official_observation")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(RecordAdmin):
    list_display = ("unit", period, "status", "first_submitted_at", "reviewed_by", "version")
    list_filter = ("status", PeriodFilter, "unit")
    list_select_related = ("unit", "reviewed_by")
    inlines = [SubmissionValueInline]


@admin.register(SubmissionValue)
class SubmissionValueAdmin(RecordAdmin):
    list_display = ("submission", "indicator", "value", "provisional", "source")
    list_select_related = ("submission__unit", "indicator")
    list_filter = ("provisional",)
