from django.contrib import admin

from reports.models import Consolidation, Reminder


@admin.register(Consolidation)
class ConsolidationAdmin(admin.ModelAdmin):
    """Read-only: a sent version is never changed."""

    list_display = ("year", "quarter", "version", "consolidated_by", "consolidated_at")
    exclude = ("snapshot",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The reminders sent, as sent: a row deleted would have the person reminded again, with no trace."""

    list_display = ("recipient", "year", "quarter", "kind", "unit", "sent_at")
    list_filter = ("kind", "year", "quarter")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
