"""The action-plan tasks of the documents: Phụ lục 02 of Quyết định 466, the framework of Công văn 5473, the
programmes of the 1st forum and the conclusions of the 3rd (Thông báo 4/TB-VPCP), each kept with its document,
its section and its number there, and the quarterly progress its implementing units report on it."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.models import Comparator, Document, Indicator, Unit
from plans.due import DueKind, parse_due

REPORT_MAX_LENGTH = 2000
EVIDENCE_MAX_LENGTH = 500


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    NOT_PLANNED = "not_planned", _("Not planned this year")


DUE_KIND_CHOICES = [
    (DueKind.QUARTER.value, _("A quarter")),
    (DueKind.MONTH.value, _("A month")),
    (DueKind.YEAR.value, _("A year")),
    (DueKind.WHOLE_YEAR.value, _("The whole year of the plan")),
    (DueKind.BEFORE_QUARTER.value, _("Before a quarter")),
    (DueKind.RECURRING.value, _("Recurring")),
    (DueKind.OTHER_PLAN.value, _("Set by another body's plan")),
    (DueKind.NOT_PLANNED.value, _("Not planned this year")),
    (DueKind.NONE.value, _("No deadline")),
    (DueKind.UNKNOWN.value, _("Not understood")),
]


class Section(models.Model):
    """A part of a plan document as the document numbers it: A, A.II, B.V.1, or III.7.a of Công văn 5473."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="+")
    key = models.CharField(_("key"), max_length=40, help_text=_("The numbering path, such as A.II or III.7.a."))
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    number = models.CharField(_("number"), max_length=10)
    title = models.TextField(_("title"))

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        ordering = ["document__issued_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["document", "key"], name="section_one_key_per_document")]

    def __str__(self) -> str:
        return f"{self.document.label} {self.key}. {self.title}"


class TaskQuerySet(models.QuerySet):
    def for_list(self) -> TaskQuerySet:
        """Everything the task list, the API and the indicator page show, in a fixed number of queries."""
        return self.select_related("document", "section", "criterion_indicator").prefetch_related("units")

    def for_table(self) -> TaskQuerySet:
        """What the task list's table shows (`plans.tables.TaskTable`): each task with its document."""
        return self.select_related("document")

    def for_unit(self, unit: Unit) -> TaskQuerySet:
        return self.filter(units=unit)


class Task(models.Model):
    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="tasks")
    ref = models.CharField(
        _("reference"), max_length=40, help_text=_("The section path and the number, unique in the document.")
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )
    number = models.CharField(_("number"), max_length=12)
    order = models.PositiveIntegerField(_("order in the document"))
    title = models.TextField(_("task"))
    description = models.TextField(_("description"), blank=True)
    lead = models.TextField(_("lead agency"), blank=True)
    period = models.CharField(_("period"), max_length=40, blank=True)
    units = models.ManyToManyField(Unit, verbose_name=_("implementing units"), blank=True, related_name="tasks")
    units_text = models.TextField(_("implementing units as written"), blank=True)
    product = models.TextField(_("expected result or product"), blank=True)
    criterion = models.TextField(_("evaluation criterion"), blank=True)
    criterion_indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator of the criterion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    criterion_year = models.PositiveSmallIntegerField(_("year of the criterion"), null=True, blank=True)
    criterion_comparator = models.CharField(
        _("comparator of the criterion"), max_length=2, choices=Comparator.choices, blank=True
    )
    criterion_value = models.DecimalField(
        _("value of the criterion"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    due = models.CharField(_("due"), max_length=200, blank=True, help_text=_("As the document writes it."))
    plan_year = models.PositiveSmallIntegerField(
        _("year of the plan"), null=True, blank=True, help_text=_("The year “Cả năm” refers to.")
    )
    due_kind = models.CharField(_("due form"), max_length=20, choices=DUE_KIND_CHOICES, blank=True, editable=False)
    deadline = models.DateField(_("deadline"), null=True, blank=True, editable=False)
    planned = models.BooleanField(
        _("planned this year"), default=True, help_text=_("No when the document says “chưa thực hiện trong năm nay”.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        # Documents by date (the forum report and Thông báo 4, undated here, after the dated ones), then as numbered.
        ordering = [models.F("document__issued_on").asc(nulls_last=True), "document__pk", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "ref"], name="task_one_ref_per_document"),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in Status]), name="task_status_valid"),
            models.CheckConstraint(
                condition=(Q(criterion_indicator__isnull=True) & Q(criterion_value__isnull=True))
                | (
                    Q(criterion_indicator__isnull=False)
                    & Q(criterion_value__isnull=False)
                    & Q(criterion_year__isnull=False)
                    & ~Q(criterion_comparator="")
                ),
                name="task_criterion_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.label} {self.ref}"

    def save(self, *args, **kwargs):
        due = parse_due(self.due, plan_year=self.plan_year)
        self.due_kind, self.deadline = due.kind.value, due.deadline
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "due_kind", "deadline"}
        super().save(*args, **kwargs)


evidence_url_validator = URLValidator(
    schemes=["http", "https"], message=_("Enter a link that starts with http:// or https://.")
)


class ProgressUpdateQuerySet(models.QuerySet):
    def with_people(self) -> ProgressUpdateQuerySet:
        return self.select_related("unit", "recorded_by").order_by("-year", "-quarter", "unit__name")


class ProgressUpdate(models.Model):
    """One implementing unit's report on one task for one quarter. A second save in the same quarter changes it
    in place; its history keeps every version (who, when, what)."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="updates")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="task_updates")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    report = models.TextField(_("short report"), max_length=REPORT_MAX_LENGTH, blank=True)
    evidence_url = models.CharField(
        _("evidence link"), max_length=EVIDENCE_MAX_LENGTH, blank=True, validators=[evidence_url_validator]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "year", "quarter"], name="progress_one_per_unit_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="progress_quarter_1_to_4"),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in Status]), name="progress_status_valid"),
            models.CheckConstraint(
                condition=Q(evidence_url="")
                | Q(evidence_url__startswith="http://")
                | Q(evidence_url__startswith="https://"),
                name="progress_evidence_http",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.year}Q{self.quarter} {self.unit}"
