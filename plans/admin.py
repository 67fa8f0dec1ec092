from django.contrib import admin

from indicators.admin import PeriodFilter, RecordAdmin, period
from plans.models import ProgressUpdate, Section, Task


class ReadOnlyAdmin(RecordAdmin):
    """Tasks change through the reference data, progress through the units' updates: both on record. Every admin
    path refuses to change them, simple-history's history form included (RecordAdmin)."""


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
    list_display = ["task", "unit", period, "status", "recorded_by", "recorded_at"]
    list_filter = ["status", "unit", PeriodFilter]
