from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import NotFound

from plans.filters import TaskFilter
from plans.models import Task
from plans.serializers import TaskSerializer
from strategy_tracker import clock
from strategy_tracker.query import StrictFilterBackend


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """The action-plan tasks with their document, number, lead, implementing units, due and status. Filters as on
    the task list: document (slug), section (id), lead, unit (slug), status, due (a quarter such as 2025Q4),
    overdue (true). 50 a page (`page`; `page_size` up to 200), as the task list shows them."""

    serializer_class = TaskSerializer
    queryset = Task.objects.for_list()
    filter_backends = [StrictFilterBackend]
    filterset_class = TaskFilter

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": clock.today()}

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as exc:
            raise NotFound(_("No task has the number “%(pk)s”.") % {"pk": self.kwargs.get("pk")}) from exc
