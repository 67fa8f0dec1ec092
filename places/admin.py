from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from indicators.admin import HistoryAdmin
from places.models import Commune, Province, Region, Sector
from places.services import region_provinces_set


class RegionForm(forms.ModelForm):
    provinces = forms.ModelMultipleChoiceField(
        label=_("provinces"),
        queryset=Province.objects.current(),
        required=False,
        widget=FilteredSelectMultiple(_("provinces"), is_stacked=False),
        help_text=_(
            "The provinces in force the document names for this region. A province chosen here leaves the region it "
            "was in: a province belongs to one region at most."
        ),
    )

    class Meta:
        model = Region
        fields = ["name", "slug", "order", "source"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["provinces"].initial = list(self.instance.provinces.current().values_list("pk", flat=True))


@admin.register(Region)
class RegionAdmin(HistoryAdmin):
    """A region and its provinces, entered from the document that defines them (none is shipped). Each province
    moved is saved on record (`places.services.region_provinces_set`), in the change form's transaction."""

    form = RegionForm
    list_display = ["order", "name", "slug", "province_count", "source"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(province_total=Count("provinces"))

    @admin.display(description=_("provinces"), ordering="province_total")
    def province_count(self, region: Region) -> int:
        return region.province_total  # type: ignore[attr-defined]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        region_provinces_set(region=form.instance, provinces=form.cleaned_data["provinces"])


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
    the province it became part of, from a cited source. The region is set here or in the region's form."""

    inlines = [PredecessorInline]

    list_display = ["code", "name", "division_type", "region", "valid_to", "successor"]
    list_filter = ["division_type", "region", "valid_to"]
    search_fields = ["name", "codename"]
    list_select_related = ["successor", "region"]

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
