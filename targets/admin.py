"""The target rounds in the admin: read only, with their history. A round is proposed by a reviewer and decided by
leadership on its page (/targets/next-period/, /targets/rounds/<id>/), each change on record; the admin shows
them, never changes them."""

from typing import cast

from django.contrib import admin
from django.utils.translation import gettext_lazy

from indicators.admin import RecordAdmin, indicator_code
from targets.models import RoundItem, RoundValue, TargetRound


class RoundItemInline(admin.TabularInline):
    model = RoundItem
    fields = ["indicator", "last_goal", "last_verdict", "reason", "decision", "decided_by", "decided_at", "document"]
    readonly_fields = cast(list[str], fields)  # names only, no groups
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RoundValueInline(admin.TabularInline):
    model = RoundValue
    fields = ["year", "kind", "method", "suggested_comparator", "suggested_value", "suggested_wording", "comparator",
              "value", "wording", "decided_value", "target"]  # fmt: skip
    readonly_fields = cast(list[str], fields)  # names only, no groups
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.display(description=gettext_lazy("Period"))
def round_period(obj: TargetRound) -> str:
    return obj.period_label


@admin.register(TargetRound)
class TargetRoundAdmin(RecordAdmin):
    """Read only: a round is proposed and decided on its own pages."""

    list_display = ["pk", round_period, "proposed_by", "proposed_at"]
    list_filter = ["goal_year"]
    list_select_related = ["proposed_by"]
    inlines = [RoundItemInline]


@admin.register(RoundItem)
class RoundItemAdmin(RecordAdmin):
    """Read only: each indicator of a round, with the reviewer's values and leadership's decision."""

    list_display = ["round", indicator_code, "decision", "decided_by", "decided_at"]
    list_filter = ["decision", "round__goal_year"]
    search_fields = ["indicator__code", "indicator__name", "reason", "decision_note"]
    list_select_related = ["round", "indicator", "decided_by"]
    inlines = [RoundValueInline]


@admin.register(RoundValue)
class RoundValueAdmin(RecordAdmin):
    """Read only: one year of a round's indicator, from the suggestion to the target it became."""

    list_display = ["item", "year", "kind", "method", "suggested_value", "value", "decided_value", "target"]
    list_filter = ["method", "kind", "year"]
    search_fields = ["item__indicator__code"]
    list_select_related = ["item__round", "item__indicator", "target"]
