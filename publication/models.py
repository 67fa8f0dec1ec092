"""Releases: the figures of record that Vụ KTS và XHS publishes, and the only figures the public pages read.

A release is proposed by a reviewer (chosen figures of one indicator, or every figure of record of a quarter),
approved by leadership (never by the person who proposed it), and may be withdrawn with a reason; a corrected
figure is republished by a new release that names the one it corrects. A release freezes the figures as they were
approved (`ReleasedFigure`): a later change of the figure of record changes nothing public until it is released.

A release of a whole quarter holds every figure of record of that quarter today; when consolidated quarters are
kept as snapshots, a release gains a link to the snapshot it publishes and keeps its figures the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.models import Indicator, Observation
from indicators.periods import format_period


class ReleaseQuerySet(models.QuerySet):
    def published(self) -> ReleaseQuerySet:
        return self.filter(status=Release.Status.PUBLISHED)

    def public(self) -> ReleaseQuerySet:
        """Releases the public ever saw: published, or withdrawn after being published."""
        return self.filter(status__in=[Release.Status.PUBLISHED, Release.Status.WITHDRAWN])

    def with_people(self) -> ReleaseQuerySet:
        return self.select_related("indicator", "proposed_by", "decided_by", "withdrawn_by", "corrects").order_by(
            "-proposed_at", "-pk"
        )


class Release(models.Model):
    class Scope(models.TextChoices):
        FIGURES = "figures", _("Chosen figures of one indicator")
        QUARTER = "quarter", _("A whole quarter")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting approval")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    NOTE_MAX_LENGTH = 2000

    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="releases",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    note = models.TextField(_("release note"), max_length=NOTE_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects the release"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason for not approving"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    history = HistoricalRecords()

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["figures", "quarter"]), name="release_scope_valid"),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "published", "rejected", "withdrawn"]),
                name="release_status_valid",
            ),
            models.CheckConstraint(
                condition=(Q(scope="figures") & Q(indicator__isnull=False))
                | (Q(scope="quarter") & Q(year__isnull=False) & Q(quarter__gte=1) & Q(quarter__lte=4)),
                name="release_scope_complete",
            ),
            models.CheckConstraint(condition=~Q(note=""), name="release_has_note"),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawal_reason=""), name="release_withdrawal_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="release_published_dated"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    @property
    def subject(self) -> str:
        if self.scope == self.Scope.QUARTER:
            return format_period(self.year or 0, self.quarter or 0)
        return self.indicator.code if self.indicator else ""


# The nation first, then the provinces by code, then the sectors in their order (NULLs first on both databases).
PLACE_ORDER = (
    models.F("province__code").asc(nulls_first=True),
    models.F("sector__order").asc(nulls_first=True),
    "sector__slug",
)


class ReleasedFigureQuerySet(models.QuerySet):
    def national(self) -> ReleasedFigureQuerySet:
        """The nation's figures: those of no province and no sector (every national series, chart and verdict)."""
        return self.filter(province__isnull=True, sector__isnull=True)

    def public(self) -> ReleasedFigureQuerySet:
        """Every figure of a release in force, in code and period order: all that the public files hold. A figure of
        record released again later (corrected in place, then republished) is public in its latest release only."""
        published_at = OuterRef("release__published_at")
        republished = ReleasedFigure.objects.filter(
            Q(release__published_at__gt=published_at)
            | Q(release__published_at=published_at, release_id__gt=OuterRef("release_id")),
            observation=OuterRef("observation"),
            release__status=Release.Status.PUBLISHED,
        )
        return (
            self.filter(release__status=Release.Status.PUBLISHED)
            .exclude(Exists(republished))
            .select_related("indicator", "release", "province", "sector")
            .order_by("indicator__sort_key", "year", "quarter", *PLACE_ORDER, "release__published_at", "pk")
        )


class ReleasedFigure(models.Model):
    """A figure of record as a release publishes it, frozen at proposal (checked unchanged at approval): the
    nation's, a province's or a sector's. The province's or sector's name is kept as released, so renaming a province
    later changes nothing public until a new release."""

    release = models.ForeignKey(Release, verbose_name=_("release"), on_delete=models.CASCADE, related_name="figures")
    observation = models.ForeignKey(
        Observation, verbose_name=_("figure of record"), on_delete=models.PROTECT, related_name="releases"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="released_figures"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    provisional = models.BooleanField(_("provisional estimate"), default=False)
    source = models.TextField(_("source"))
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the nation."),
    )
    province_name = models.CharField(_("province name as released"), max_length=120, blank=True)
    sector = models.ForeignKey(
        "places.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the nation."),
    )
    sector_name = models.CharField(_("sector name as released"), max_length=120, blank=True)
    history = HistoricalRecords()

    objects = ReleasedFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("released figure")
        verbose_name_plural = _("released figures")
        ordering = ["indicator__sort_key", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["release", "observation"], name="released_figure_once_per_release"),
            models.CheckConstraint(condition=Q(quarter__gte=0, quarter__lte=4), name="released_figure_quarter_0_to_4"),
            models.CheckConstraint(
                condition=Q(province__isnull=True) | Q(sector__isnull=True), name="released_figure_province_or_sector"
            ),
            models.CheckConstraint(
                condition=(Q(province__isnull=True) & Q(province_name=""))
                | (Q(province__isnull=False) & ~Q(province_name="")),
                name="released_figure_province_named",
            ),
            models.CheckConstraint(
                condition=(Q(sector__isnull=True) & Q(sector_name="")) | (Q(sector__isnull=False) & ~Q(sector_name="")),
                name="released_figure_sector_named",
            ),
        ]

    def __str__(self) -> str:
        place = f" ({self.place_name})" if self.place_name else ""
        return f"{self.indicator.code} {self.period}{place}: {self.value}"

    @property
    def period(self) -> str:
        return format_period(self.year, self.quarter)

    @property
    def is_national(self) -> bool:
        return self.province_id is None and self.sector_id is None

    @property
    def place_name(self) -> str:
        """The province's or the sector's name as released; empty for the nation."""
        return self.province_name or self.sector_name
