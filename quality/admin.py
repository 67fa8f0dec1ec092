"""The data-quality rules in the admin: an administrator changes a threshold, a message, a severity or switches a
rule off; every change on record. Rules are switched off, never deleted (their flags stay on the figures)."""

from django.contrib import admin

from indicators.admin import HistoryAdmin
from quality.models import Rule


@admin.register(Rule)
class RuleAdmin(HistoryAdmin):
    list_display = ("kind", "severity", "k", "n", "measure_unit", "low", "high", "active")
    list_filter = ("kind", "severity", "active")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
