from django.contrib import admin

from indicators.admin import PeriodFilter, period
from reports.models import Consolidation, Reminder


@admin.register(Consolidation)
class ConsolidationAdmin(admin.ModelAdmin):
    """Read-only: a sent version is never changed."""

    list_display = (period, "version", "consolidated_by", "consolidated_at")
    exclude = ("snapshot",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The reminders as the runs left them: sent, failed (with the error) and skipped (with why). Read-only: a row
    deleted would have the person reminded again, with no trace."""

    list_display = ("recipient", "unit", period, "kind", "outcome", "address", "reason", "sent_at")
    list_filter = ("outcome", "kind", PeriodFilter)
    list_select_related = ("recipient", "unit")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
