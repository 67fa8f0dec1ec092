from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from indicators.admin import HistoryAdmin
from places.models import Commune, Province, Sector


class PredecessorInline(admin.TabularInline):
    """The former provinces a province became part of, read-only: each is edited on its own page."""

    model = Province
    fk_name = "successor"
    fields = readonly_fields = ("code", "name", "division_type", "valid_to", "source")
    ordering = ["code"]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("former province")
    verbose_name_plural = _("former provinces that became part of it")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Province)
class ProvinceAdmin(HistoryAdmin):
    """The provinces in force come from the package (`load_places`): their codes and names are read-only here. The
    63 former provinces come from `fixtures/former_provinces.csv` (loaded with them): an edit here is kept on record
    and put back to the file's values by the next load. Another former province is added here, with its end date and
    the province it became part of, from a cited source."""

    inlines = [PredecessorInline]

    list_display = ["code", "name", "division_type", "valid_to", "successor"]
    list_filter = ["division_type", "valid_to"]
    search_fields = ["name", "codename"]
    list_select_related = ["successor"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.valid_to is None:
            return ["code", "name", "division_type", "codename", "phone_code", "source"]
        return ["code"] if obj is not None else []


@admin.register(Commune)
class CommuneAdmin(HistoryAdmin):
    """Every commune comes from the package (`load_places`): read-only here."""

    list_display = ["code", "name", "division_type", "province"]
    list_filter = ["division_type", "province"]
    search_fields = ["name", "codename"]
    list_select_related = ["province"]
    readonly_fields = ["code", "name", "division_type", "codename", "province"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Sector)
class SectorAdmin(HistoryAdmin):
    """The sectors come from `fixtures/sectors.csv`, each with the document that names it."""

    list_display = ["order", "name", "kind", "lead", "indicator", "document", "section"]
    list_filter = ["kind"]
    list_select_related = ["indicator", "document"]
    readonly_fields = ["slug"]
