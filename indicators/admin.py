from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import (
    Document,
    Indicator,
    IndicatorGroup,
    Membership,
    Observation,
    Target,
    TargetProposal,
    Unit,
)

admin.site.site_header = _("Decision 411 tracker administration")
admin.site.site_title = _("Decision 411 tracker")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "kind", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    list_select_related = ["parent", "successor"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "issuer", "issued_on", "kind"]
    list_filter = ["kind"]
    search_fields = ["number", "title"]


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


class ReadOnly:
    """Targets and figures of record change only through their workflows (reference data from the documents,
    accepted submissions, accepted proposals), each on record; the admin shows them and their history."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TargetInline(ReadOnly, admin.TabularInline):
    model = Target
    extra = 0
    fields = ["year", "kind", "comparator", "value", "wording", "document", "section"]
    autocomplete_fields = ["document"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "measure_unit", "direction", "reporting_unit"]
    list_filter = ["group", "reporting_unit"]
    search_fields = ["code", "name"]
    list_select_related = ["reporting_unit"]
    inlines = [TargetInline]


@admin.display(description=_("code"), ordering="indicator__sort_key")
def indicator_code(obj) -> str:
    return obj.indicator.code


@admin.register(Target)
class TargetAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = [indicator_code, "year", "kind", "comparator", "value", "wording", "document", "section"]
    list_filter = ["year", "kind", "document"]
    search_fields = ["indicator__code", "wording"]
    list_select_related = ["indicator", "document"]


@admin.register(Observation)
class ObservationAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = [indicator_code, "period", "value", "provisional", "document", "recorded_at"]
    list_filter = ["provisional", "year", "document"]
    search_fields = ["indicator__code", "source"]
    list_select_related = ["indicator", "document"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role", "unit"]
    list_select_related = ["user", "unit"]


@admin.register(TargetProposal)
class TargetProposalAdmin(ReadOnly, SimpleHistoryAdmin):
    """Read only: proposals are made by reviewers and decided by leadership on the indicator page."""

    list_display = [indicator_code, "year", "comparator", "value", "status", "proposed_by", "proposed_at", "decided_by"]
    list_filter = ["status", "year"]
    search_fields = ["indicator__code", "reason"]
    list_select_related = ["indicator", "proposed_by", "decided_by"]
