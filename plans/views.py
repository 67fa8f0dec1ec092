from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from plans import selectors
from plans.due import is_overdue
from plans.filters import TaskFilter
from plans.forms import ProgressForm
from plans.models import Task
from plans.services import current_period, progress_update_record
from plans.tables import TaskTable
from strategy_tracker import clock
from strategy_tracker.rights import Person, TaskRights, get_task_for_user, member_required, reporter_unit


@member_required
def task_list(request: HttpRequest) -> HttpResponse:
    filterset = TaskFilter(request.GET or None, queryset=Task.objects.for_table(), request=request)
    tasks = filterset.qs if filterset.is_bound and filterset.is_valid() else Task.objects.for_table()
    table = TaskTable(tasks, today=clock.today(), order_by=request.GET.get("sort"))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    ctx = {"filter": filterset, "table": table, "my_unit": Person.of(request.user).reporting_unit_id}
    return render(request, "plans/task_list.html", ctx)


@member_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    unit = reporter_unit(request.user)
    if unit is None:  # reviewers, leaders and administrators follow every unit
        return redirect("plans:list")
    ctx = {"unit_tasks": selectors.tasks_of_unit(unit, today=clock.today())}
    return render(request, "plans/my_tasks.html", ctx)


@member_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task, rights = get_task_for_user(request.user, pk)
    form = None
    period = current_period()
    if rights.can_update and period is not None:
        mine = next((u for u in selectors.task_updates(task) if u.unit_id == rights.reporting_unit_id), None)
        initial = {"status": task.status}
        if mine is not None and (mine.year, mine.quarter) == (period.year, period.quarter):
            initial = {"status": mine.status, "report": mine.report, "evidence_url": mine.evidence_url}
        form = ProgressForm(initial=initial)
    return _render_task(request, task, rights, form)


def _render_task(request: HttpRequest, task: Task, rights: TaskRights, form: ProgressForm | None, status=200):
    period = current_period()
    ctx = {
        "task": task,
        "overdue": is_overdue(task.deadline, task.status, clock.today()),
        "updates": selectors.task_updates(task),
        "history": selectors.task_history(task),
        "rights": rights,
        "form": form,
        "quarter": _("Q%(quarter)d/%(year)d") % {"quarter": period.quarter, "year": period.year} if period else "",
    }
    return render(request, "plans/task_detail.html", ctx, status=status)


@require_POST
@member_required
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    task, rights = get_task_for_user(request.user, pk)
    if not rights.can_update or current_period() is None:  # outside the reporting calendar: no quarter to record
        raise PermissionDenied
    form = ProgressForm(request.POST)
    if not form.is_valid():
        return _render_task(request, task, rights, form, status=400)
    assert rights.reporting_unit_id is not None  # as can_update says
    progress_update_record(task=task, unit_id=rights.reporting_unit_id, user=request.user, **form.cleaned_data)
    messages.success(request, _("Progress recorded."))
    return redirect("plans:task", pk=task.pk)
