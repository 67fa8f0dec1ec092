"""The task list's rows are joined as strings (`TaskTable.body_html`): they must read exactly as django-tables2's own
template renders them, whatever the sort, filter or page, with cells empty, overdue or done."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django_tables2 import RequestConfig

from plans.filters import TaskFilter
from plans.models import Status, Task
from plans.tables import TaskTable
from strategy_tracker import clock

pytestmark = pytest.mark.django_db
LIBRARY = "django_tables2/table.html"


def _rendered(reviewer, query: dict, template: str) -> str:
    """The table as the view makes it, rendered by `template`."""
    request = RequestFactory().get("/tasks/", query)
    request.user = reviewer
    filterset = TaskFilter(request.GET or None, queryset=Task.objects.for_table(), request=request)
    tasks = filterset.qs if filterset.is_bound and filterset.is_valid() else Task.objects.for_table()
    table = TaskTable(tasks, today=clock.today(), order_by=request.GET.get("sort"))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return re.sub(r">\s+<", "><", render_to_string(template, {"table": table}, request=request)).strip()


def _tables(reviewer, query: dict) -> tuple[str, str]:
    return _rendered(reviewer, query, TaskTable.Meta.template_name), _rendered(reviewer, query, LIBRARY)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"sort": "-due"},
        {"sort": "task_status", "page": "2"},
        {"sort": "-ref", "page": "3"},
        {"document": "cv-5473-2024", "sort": "lead"},
        {"status": "done"},
        {"overdue": "on", "sort": "-title"},
        {"lead": "no such agency & <b>"},
    ],
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_read_as_the_library_renders_them(reviewer, query, language):
    task = Task.objects.order_by("pk").first()
    Task.objects.filter(pk=task.pk).update(lead="", units_text="", due="", deadline=None)
    Task.objects.filter(pk=Task.objects.order_by("pk")[1].pk).update(ref="", title="")  # only the database allows it
    Task.objects.filter(document__slug="cv-5473-2024").update(status=Status.DONE)
    Task.objects.filter(pk=Task.objects.order_by("-pk").first().pk).update(title='<script>"x" & y</script>')
    with translation.override(language):
        lean, library = _tables(reviewer, query)
    assert lean == library
    assert "<tbody" in lean and ("<td" in lean or "colspan" in lean)


def test_an_empty_list_says_so(reviewer):
    lean, library = _tables(reviewer, {"status": "done"})
    assert lean == library and "Không có nhiệm vụ nào" in lean
