import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plans.due import is_overdue
from plans.models import Task
from strategy_tracker.tables import CellColumn, cell


def short_label(document) -> str:
    """The document's number (466/QĐ-BTTTT), or its kind where it has none (the forum report)."""
    return document.number or str(document.get_kind_display())


def status_badge(task, overdue: bool, label: str):
    """The task's status as a badge with its label (a table translates each label once, not once per row),
    "overdue" beside it when it is."""
    badge = format_html('<span class="status task-status-{}">{}</span>', task.status, label)
    if overdue:
        badge = format_html('{} <span class="badge badge-missing">{}</span>', badge, _("overdue"))
    return badge


class TaskTable(tables.Table):
    """The task list: each task with its document and number, lead, implementing units, due and status."""

    ref = CellColumn(verbose_name=_("No."), order_by=("document__pk", "order"))
    title = CellColumn(verbose_name=_("Task"))
    lead = CellColumn(verbose_name=_("Lead agency"), default="—")
    units_text = CellColumn(verbose_name=_("Implementing units"), default="—", orderable=False)
    due = CellColumn(verbose_name=pgettext_lazy("task deadline", "Due"), order_by=("deadline",), default="—")
    # Not named "status": the cells are classed by their column's name, and .status is a badge.
    task_status = CellColumn(accessor="status", verbose_name=_("Status"))

    class Meta:
        model = None
        template_name = "column_classed_table.html"  # its cells classed col-ref, col-title, … (plans.css)
        attrs = {"class": "table task-table"}
        orderable = True
        empty_text = _("No task matches these filters.")

    def __init__(self, *args, today, **kwargs):
        self.today = today
        self._status_labels: dict[str, str] = {}
        self._urls: dict[int, str] = {}
        super().__init__(*args, **kwargs)

    def _url(self, record) -> str:
        """The task's page, reversed once for the two cells that link to it."""
        url = self._urls.get(record.pk)
        if url is None:
            url = self._urls[record.pk] = reverse("plans:task", args=[record.pk])
        return url

    def _status_label(self, status: str) -> str:
        label = self._status_labels.get(status)
        if label is None:
            # As get_status_display reads it: the field's choice, or the value itself.
            label = self._status_labels[status] = str(
                dict(Task._meta.get_field("status").flatchoices).get(status, status)
            )
        return label

    @cell
    def render_ref(self, value, record):
        return format_html(
            '<span class="doc">{}</span><br><a href="{}">{}</a>',
            short_label(record.document),
            self._url(record),
            value,
        )

    @cell
    def render_title(self, value, record):
        return format_html('<a href="{}">{}</a>', self._url(record), Truncator(value).words(45, truncate=" …"))

    @cell
    def render_units_text(self, value, record):
        return value

    @cell
    def render_due(self, value, record):
        if record.deadline is None:
            return value
        return format_html(
            '{}<br><span class="muted small">{}</span>', value, date_format(record.deadline, "SHORT_DATE_FORMAT")
        )

    @cell
    def render_task_status(self, value, record):
        overdue = is_overdue(record.deadline, record.status, self.today)
        return status_badge(record, overdue, self._status_label(record.status))
