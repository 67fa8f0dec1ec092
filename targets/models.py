"""The target round of a period: every indicator without a goal ahead (or without yearly plans toward it) gets a
suggested goal for the period's end year and a yearly plan for each year before it; a reviewer proposes the round,
leadership decides each indicator. An approved indicator's values become Target rows of the round's record document
(`services.target_round_decide`), so every page, chart, export and the API read them as they read any document's."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.models import Comparator, Document, Indicator, Target
from strategy_tracker import clock


class TargetRoundQuerySet(models.QuerySet):
    def with_items(self) -> TargetRoundQuerySet:
        return self.select_related("proposed_by").prefetch_related(
            models.Prefetch(
                "items",
                queryset=RoundItem.objects.select_related("indicator", "decided_by", "document").order_by(
                    "indicator__sort_key"
                ),
            ),
            "items__values",
        )


class TargetRound(models.Model):
    """One round of proposals for a period (2026–2030), proposed by a reviewer."""

    first_year = models.PositiveSmallIntegerField(_("first year"))
    goal_year = models.PositiveSmallIntegerField(_("goal year"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=clock.now, editable=False)
    history = HistoricalRecords()

    objects = TargetRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("target round")
        verbose_name_plural = _("target rounds")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(goal_year__gt=models.F("first_year")), name="round_years_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.first_year}–{self.goal_year} #{self.pk}"

    @property
    def period_label(self) -> str:
        return f"{self.first_year}–{self.goal_year}"


class RoundItemQuerySet(models.QuerySet):
    def open(self) -> RoundItemQuerySet:
        """Items that await a decision or a reviewer's revision."""
        return self.filter(decision__in=[RoundItem.Decision.PENDING, RoundItem.Decision.SENT_BACK])


class RoundItem(models.Model):
    """One indicator of a round: the reviewer's proposal (its values and reason) and leadership's decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        APPROVED = "approved", _("Approved")
        APPROVED_CHANGED = "approved_changed", _("Approved with a change")
        SENT_BACK = "sent_back", _("Sent back for revision")
        REJECTED = "rejected", _("Rejected")

    round = models.ForeignKey(TargetRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="items")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="round_items"
    )
    last_goal = models.CharField(_("last period's goal"), max_length=255, blank=True)
    last_verdict = models.CharField(_("last period's verdict"), max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("record document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="round_items",
    )
    history = HistoricalRecords()

    objects = RoundItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator of a target round")
        verbose_name_plural = _("indicators of a target round")
        ordering = ["round", "indicator__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="round_item_one_per_indicator"),
            models.CheckConstraint(
                condition=Q(decision__in=["pending", "approved", "approved_changed", "sent_back", "rejected"]),
                name="round_item_decision_valid",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="round_item_has_reason"),
            models.CheckConstraint(
                condition=(Q(decision="pending") & Q(decided_by__isnull=True) & Q(decided_at__isnull=True))
                | (~Q(decision="pending") & Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
                name="round_item_decided_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.indicator.code}"

    @property
    def is_open(self) -> bool:
        return self.decision in (self.Decision.PENDING, self.Decision.SENT_BACK)

    @property
    def is_approved(self) -> bool:
        return self.decision in (self.Decision.APPROVED, self.Decision.APPROVED_CHANGED)


class RoundValue(models.Model):
    """One year of an item: the suggestion with its method and the numbers behind it, the value the reviewer
    proposes, the value leadership decided (when it changed it) and the target it became."""

    class Method(models.TextChoices):
        DOCUMENT = "document", _("Goal of a higher-ranked document")
        DOCUMENT_PATH = "document_path", _("Even path to the higher-ranked document's goal")
        TREND = "trend", _("The indicator's own trend")
        PACE = "pace", _("The pace the last period's goal asked for")
        TEXT = "text", _("Text target kept as text")
        NONE = "none", _("No basis for a suggestion")

    item = models.ForeignKey(RoundItem, verbose_name=_("indicator of a round"), on_delete=models.CASCADE,
                             related_name="values")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Target.Kind.choices)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    basis = models.TextField(_("numbers behind the suggestion"), blank=True)
    suggested_comparator = models.CharField(_("suggested comparator"), max_length=2, choices=Comparator.choices,
                                            blank=True)  # fmt: skip
    suggested_value = models.DecimalField(_("suggested value"), max_digits=14, decimal_places=4, null=True, blank=True)
    suggested_wording = models.TextField(_("suggested wording"), blank=True)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices, blank=True)
    value = models.DecimalField(_("proposed value"), max_digits=14, decimal_places=4, null=True, blank=True)
    wording = models.TextField(_("proposed wording"), blank=True)
    decided_value = models.DecimalField(_("decided value"), max_digits=14, decimal_places=4, null=True, blank=True)
    target = models.OneToOneField(
        Target,
        verbose_name=_("target created"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="round_value",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("year of a round's indicator")
        verbose_name_plural = _("years of a round's indicator")
        ordering = ["item", "year"]
        constraints = [
            models.UniqueConstraint(fields=["item", "year", "kind"], name="round_value_one_per_year"),
            models.CheckConstraint(
                condition=(Q(value__isnull=True) & Q(comparator=""))
                | (Q(value__isnull=False) & Q(comparator__in=[c.value for c in Comparator])),
                name="round_value_has_comparator",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="round_value_year_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.year}"

    @property
    def final_value(self):
        return self.decided_value if self.decided_value is not None else self.value
