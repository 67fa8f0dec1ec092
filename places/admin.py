from django.contrib import admin

from indicators.admin import HistoryAdmin
from places.models import Commune, Province, Sector


@admin.register(Province)
class ProvinceAdmin(HistoryAdmin):
    """The provinces in force come from the package (`load_places`): their codes and names are read-only here. A
    former province is added here, with its end date and the province it became part of, from a cited source."""

    list_display = ["code", "name", "division_type", "valid_to", "successor"]
    list_filter = ["division_type"]
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
