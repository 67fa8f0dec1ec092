"""The administrative units a figure may be given for, as the package `vietnam-provinces` ships them (the official
codes of the General Statistics Office after the reform of 1 July 2025), and the sectors.

A unit is refreshed from the installed package (`places.services.places_load`), never typed: a renamed unit keeps
its code and its history (django-simple-history). A former province (one of the 63 before the reform) is a row with
an end date and the province it became part of (`successor`): the 63 before 1 July 2025 are loaded from
`fixtures/former_provinces.csv` (`places.reference_data.former_provinces_load`), read from the package's 0.6.0 release
and Nghị quyết 202/2025/QH15.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from places.regions import NATIONAL


class DivisionType(models.TextChoices):
    """The package's division types, under its own Vietnamese names."""

    PROVINCE = "tỉnh", _("province")
    CENTRAL_CITY = "thành phố trung ương", _("centrally governed city")
    COMMUNE = "xã", _("commune")
    WARD = "phường", _("ward")
    SPECIAL_ZONE = "đặc khu", _("special zone")


PROVINCE_TYPES = (DivisionType.PROVINCE, DivisionType.CENTRAL_CITY)
COMMUNE_TYPES = (DivisionType.COMMUNE, DivisionType.WARD, DivisionType.SPECIAL_ZONE)


class Region(models.Model):
    """A region (vùng) grouping provinces in force, as a document defines it (a decision of the Government or of
    the Prime Minister, a planning): entered by an administrator from that document, which it names (`source`).
    None is shipped: the package `vietnam-provinces` gives no region of the 34 provinces after the reform of 1 July
    2025. Reviewers filter the reporting units by region (`places.regions`)."""

    slug = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        validators=[
            RegexValidator(
                rf"^(?!{NATIONAL}$)[a-z][a-z0-9-]*$",
                _("Letters without diacritics, digits and hyphens, beginning with a letter; not “national”."),
            )
        ],
        help_text=_("In the pages' addresses and the API (?region=…): dong-bang-song-hong."),
    )
    name = models.CharField(_("name"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.TextField(
        pgettext_lazy("place", "source"),
        help_text=_("The document or decision that defines the region and its provinces: number, date, article."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["order", "name"]
        constraints = [
            # NATIONAL is the filters' choice for the ministries' units; a key names a region in a query string.
            models.CheckConstraint(condition=~Q(slug=NATIONAL) & ~Q(slug=""), name="region_slug_not_reserved"),
        ]

    def __str__(self) -> str:
        return self.name


class ProvinceQuerySet(models.QuerySet):
    def current(self) -> ProvinceQuerySet:
        """The provinces in force (the 34 since 1 July 2025), in the order of their codes."""
        return self.filter(valid_to__isnull=True).order_by("code")

    def with_predecessors(self) -> ProvinceQuerySet:
        return self.prefetch_related(former_provinces())


def former_provinces(lookup: str = "predecessors") -> models.Prefetch:
    """The prefetch of a province's former provinces (at `lookup`, "province__predecessors" from a figure), in the
    order of their codes, as its `former` list: one query for all of them."""
    return models.Prefetch(lookup, queryset=Province.objects.order_by("code"), to_attr="former")


class Province(models.Model):
    """A provincial-level unit: a province or a centrally governed city, with the official two-digit code."""

    code = models.PositiveSmallIntegerField(_("code"))
    name = models.CharField(_("name"), max_length=120)
    division_type = models.CharField(_("type"), max_length=30, choices=[(t.value, t.label) for t in PROVINCE_TYPES])
    codename = models.SlugField(_("code name"), max_length=80)
    phone_code = models.PositiveSmallIntegerField(_("phone area code"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"),
        null=True,
        blank=True,
        help_text=_("Empty for a province in force; the last day of a former one."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("became part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    source = models.CharField(
        pgettext_lazy("place", "source"), max_length=255, help_text=_("Where the unit was read from.")
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="provinces",
        help_text=_("The region the province belongs to, as its region's document says; at most one."),
    )
    history = HistoricalRecords()

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["valid_to", "code"]
        constraints = [
            # A code names one province in force; a former province may have had the code a current one has now.
            models.UniqueConstraint(fields=["code"], condition=Q(valid_to__isnull=True), name="province_code_current"),
            models.UniqueConstraint(
                fields=["codename"], condition=Q(valid_to__isnull=True), name="province_codename_current"
            ),
            # A former province is known by its code and its last day: the loader finds it again by them.
            models.UniqueConstraint(
                fields=["code", "valid_to"], condition=Q(valid_to__isnull=False), name="province_code_once_per_end"
            ),
            models.CheckConstraint(condition=Q(code__gte=1, code__lte=99), name="province_code_two_digits"),
            models.CheckConstraint(
                condition=Q(division_type__in=[t.value for t in PROVINCE_TYPES]), name="province_type_valid"
            ),
            models.CheckConstraint(condition=~Q(successor=models.F("id")), name="province_not_own_successor"),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(valid_to__isnull=False), name="province_successor_when_ended"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def code_text(self) -> str:
        """The code as the official lists write it: two digits."""
        return f"{self.code:02d}"

    @property
    def merged_from(self) -> list[Province]:
        """The former provinces a province in force was made of, when it was made of more than one (Tuyên Quang: Hà
        Giang and Tuyên Quang); empty for one that continues a single former province (Hà Nội). Reads the
        predecessors prefetched by `with_predecessors()`: never a query of its own."""
        former: list[Province] = self.former  # type: ignore[attr-defined]
        return former if len(former) > 1 else []


class Commune(models.Model):
    """A commune-level unit (xã, phường, đặc khu) with its official five-digit code and its province."""

    code = models.PositiveIntegerField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    division_type = models.CharField(_("type"), max_length=30, choices=[(t.value, t.label) for t in COMMUNE_TYPES])
    codename = models.CharField(_("code name"), max_length=120)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="communes"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(division_type__in=[t.value for t in COMMUNE_TYPES]), name="commune_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def code_text(self) -> str:
        return f"{self.code:05d}"


class Sector(models.Model):
    """A sector (ngành, lĩnh vực) a figure may be given for, as a document names it: the rows of indicator 1.2 in
    Quyết định 466 and the five focus sectors of Công văn 5473 (Mục III.7). Loaded from `fixtures/sectors.csv`."""

    class Kind(models.TextChoices):
        INDICATOR_ROW = "indicator_row", _("row of indicator 1.2")
        FOCUS = "focus", _("focus sector")

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    lead = models.CharField(_("lead"), max_length=255, blank=True, help_text=_("As the document writes it."))
    indicator = models.OneToOneField(
        "indicators.Indicator",
        verbose_name=_("indicator of its figures"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sector",
        help_text=_("Where a sub-row of an indicator is this sector's figure (1.2.1 for the ICT sector)."),
    )
    document = models.ForeignKey(
        "indicators.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="sectors"
    )
    section = models.CharField(_("section of the document"), max_length=80, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["order", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["indicator_row", "focus"]), name="sector_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name
