"""The task list's table: each cell classed by its column, an empty cell reads as a dash, a title is escaped, a task
past its deadline is overdue unless done, the headings' sorting keeps the filters, and an empty list says so in the
person's language."""

import re
from datetime import date

import pytest
from django.urls import reverse

from plans.models import Status, Task

pytestmark = pytest.mark.django_db
LIST = reverse("plans:list")


def _cells(html: str, task: Task) -> list[str]:
    """The text of each cell of the task's row."""
    row = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S) if f'href="/tasks/{task.pk}/"' in r)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_an_empty_cell_reads_as_a_dash_and_a_title_is_escaped(client_for, reviewer):
    task = Task.objects.order_by("pk").first()
    Task.objects.filter(pk=task.pk).update(
        lead="", units_text="", due="", deadline=None, title='<script>"x" & y</script>'
    )
    html = client_for(reviewer).get(LIST).content.decode()
    assert "&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;" in html and '<script>"x"' not in html
    ref, _title, lead, units, due, _status = _cells(html, task)
    assert (lead, units, due) == ("—", "—", "—") and task.ref in ref
    classes = ["col-ref", "col-title", "col-lead", "col-units_text", "col-due", "col-task_status"]  # plans.css
    assert re.findall(r'<td class="([^"]+)">', html.split("<tbody", 1)[1])[:6] == classes


def test_a_task_past_its_deadline_is_overdue_unless_done(client_for, reviewer):
    """On 30/11/2026 every task of 466 with a deadline has passed it (nothing has been reported)."""
    task = Task.objects.filter(document__slug="qd-466-2023", deadline__isnull=False).order_by("pk").first()
    client = client_for(reviewer)
    html = client.get(LIST, {"document": "qd-466-2023"}).content.decode()
    assert "quá hạn" in _cells(html, task)[-1]
    Task.objects.filter(pk=task.pk).update(status=Status.DONE)
    html = client.get(LIST, {"document": "qd-466-2023"}).content.decode()
    assert _cells(html, task)[-1] == "Đã hoàn thành"


def test_the_headings_sort_within_the_filters(client_for, reviewer):
    html = client_for(reviewer).get(LIST, {"unit": "cuc-vt", "sort": "-due"}).content.decode()
    heading = re.search(r'<th[^>]*>\s*<a href="([^"]+)">Nhiệm vụ</a>', html)
    assert heading is not None and "unit=cuc-vt" in heading.group(1) and "sort=title" in heading.group(1)
    shown = [
        date(int(y), int(m), int(d)) for d, m, y in re.findall(r"(\d\d)/(\d\d)/(\d{4})", html.split("<tbody", 1)[1])
    ]
    assert len(set(shown)) > 1 and shown == sorted(shown, reverse=True)  # the latest deadline first


def test_an_empty_list_says_so(client_for, reviewer):
    client = client_for(reviewer)
    assert "Không có nhiệm vụ nào" in client.get(LIST, {"status": "done"}).content.decode()
    client.cookies["django_language"] = "en"
    assert "No task matches these filters." in client.get(LIST, {"status": "done"}).content.decode()
