"""GET /api/v1/reports/<period>/: the consolidated table as JSON, the same read model as the page and the files.

Reviewers, leadership and administrators; a reporter, a person without a role and an anonymous caller get 403. A
period outside the calendar or not yet begun answers 404."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.request import Request
from rest_framework.response import Response

from reporting.calendar import PeriodError, parse_period_code
from reports.selectors import report_data
from strategy_tracker import clock
from strategy_tracker.rights import ReadsReports


class QuarterValueSerializer(serializers.Serializer):
    value = serializers.CharField(allow_null=True, help_text="Exact decimal string ('81.2'), or null.")
    provisional = serializers.BooleanField()
    accepted = serializers.BooleanField(help_text="False while the unit's submission awaits acceptance.")
    comparison = serializers.CharField(help_text="The international comparison, as the unit wrote it.")


class ReportRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    reporting_unit = serializers.CharField()
    measure_unit = serializers.CharField()
    quarters = serializers.DictField(child=QuarterValueSerializer(), help_text="Keyed by quarter, '1' to '4'.")
    target = serializers.CharField(help_text="The year's target in force, as displayed.")
    target_value = serializers.CharField(allow_null=True)
    goal = serializers.CharField(help_text="The period goal in force, as displayed.")
    goal_year = serializers.IntegerField(allow_null=True)
    goal_value = serializers.CharField(allow_null=True)
    gap = serializers.CharField(allow_null=True, source="gap_value")
    flag = serializers.CharField()
    flag_label = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    period = serializers.CharField()
    as_of = serializers.DateField()
    rows = ReportRowSerializer(many=True)
    outstanding = serializers.ListField(child=serializers.DictField(), help_text="Units not submitted or accepted.")


def _row(row: dict) -> dict:
    quarters = {
        q: {
            "value": c["value"],
            "provisional": c["provisional"],
            "accepted": c["accepted"],
            "comparison": c.get("comparison", ""),
        }
        for q, c in row["quarters"].items()
    }
    return {**row, "reporting_unit": row["unit"], "quarters": quarters}


@extend_schema(responses=ReportSerializer, summary="The consolidated quarterly table")
@api_view(["GET"])
@permission_classes([ReadsReports])
def report_detail(request: Request, period_code: str) -> Response:
    try:
        period = parse_period_code(period_code)
    except PeriodError as exc:
        raise Http404 from exc
    today = clock.today()
    if not period.is_open_on(today):
        raise Http404
    data = report_data(period, today)
    payload = {
        "period": data["period"],
        "as_of": data["as_of"],
        "rows": [_row(r) for r in data["rows"]],
        "outstanding": [
            {"unit": o["unit_slug"], "deadline_status": o["deadline_status"], "status": o["status"] or None}
            for o in data["outstanding"]
        ],
    }
    return Response(ReportSerializer(payload).data)
