from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import ProgressUpdate, Section, Task


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Tasks change through the reference data, progress through the units' updates: both on record."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["document", "key", "title"]
    list_filter = ["document"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["document", "ref", "title", "lead", "due", "status"]
    list_filter = ["document", "status", "due_kind"]
    search_fields = ["title", "lead", "units_text"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ["task", "unit", "year", "quarter", "status", "recorded_by", "recorded_at"]
    list_filter = ["status", "unit", "year", "quarter"]
