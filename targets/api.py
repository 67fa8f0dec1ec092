"""GET /api/v1/target-rounds/ and /api/v1/target-rounds/<id>/: the rounds of the next period's targets with their
suggestions, proposals and decisions, the same read model as the page and the files. Reviewers, leadership and
administrators, as the page; a reporter, a person without a role and an anonymous caller get 403."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.formatting import decimal_to_plain
from strategy_tracker.rights import ReadsRounds, get_round_for_user
from targets.models import TargetRound
from targets.selectors import round_table


class RoundYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    kind = serializers.CharField(help_text="'plan' (a yearly plan) or 'goal' (the period's goal).")
    method = serializers.CharField(help_text="document, document_path, trend, pace, text or none.")
    method_label = serializers.CharField()
    basis = serializers.CharField(help_text="The numbers behind the suggestion, in one sentence.")
    suggested_comparator = serializers.CharField()
    suggested_value = serializers.CharField(allow_null=True, help_text="Exact decimal string, or null.")
    suggested_wording = serializers.CharField()
    comparator = serializers.CharField()
    proposed_value = serializers.CharField(allow_null=True)
    proposed_wording = serializers.CharField()
    decided_value = serializers.CharField(allow_null=True, help_text="Set when leadership approved another value.")
    target_id = serializers.IntegerField(allow_null=True, help_text="The target in force it became, once approved.")


class RoundItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    last_goal = serializers.CharField()
    last_verdict = serializers.CharField()
    reason = serializers.CharField()
    decision = serializers.CharField(help_text="pending, approved, approved_changed, sent_back or rejected.")
    decision_label = serializers.CharField()
    decision_note = serializers.CharField()
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    document = serializers.CharField(allow_null=True, help_text="The record document of the approved targets.")
    years = RoundYearSerializer(many=True)


class RoundSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_year = serializers.IntegerField()
    goal_year = serializers.IntegerField()
    proposed_by = serializers.CharField()
    proposed_at = serializers.DateTimeField()
    indicators = serializers.IntegerField()
    open = serializers.IntegerField(help_text="Indicators awaiting a decision or a revision.")
    url = serializers.CharField()


class RoundSerializer(RoundSummarySerializer):
    items = RoundItemSerializer(many=True)


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _summary(request: Request, target_round: TargetRound) -> dict:
    items = list(target_round.items.all())
    return {
        "id": target_round.pk,
        "first_year": target_round.first_year,
        "goal_year": target_round.goal_year,
        "proposed_by": _person(target_round.proposed_by),
        "proposed_at": target_round.proposed_at,
        "indicators": len(items),
        "open": sum(1 for item in items if item.is_open),
        "url": request.build_absolute_uri(reverse("target-round-detail", args=[target_round.pk])),
    }


def _item(row: dict) -> dict:
    item = row["item"]
    return {
        "code": row["indicator"].code,
        "name": row["indicator"].name,
        "last_goal": row["last_goal"],
        "last_verdict": row["last_verdict"],
        "reason": row["reason"],
        "decision": item.decision,
        "decision_label": row["decision"],
        "decision_note": row["decision_note"],
        "decided_by": row["decider"],
        "decided_at": item.decided_at,
        "document": item.document.label if item.document_id else None,
        "years": [
            {
                "year": y["value"].year,
                "kind": y["value"].kind,
                "method": y["value"].method,
                "method_label": y["method"],
                "basis": y["value"].basis,
                "suggested_comparator": y["value"].suggested_comparator,
                "suggested_value": decimal_to_plain(y["value"].suggested_value),
                "suggested_wording": y["value"].suggested_wording,
                "comparator": y["value"].comparator,
                "proposed_value": decimal_to_plain(y["value"].value),
                "proposed_wording": y["value"].wording,
                "decided_value": decimal_to_plain(y["value"].decided_value),
                "target_id": y["value"].target_id,
            }
            for y in row["years"]
        ],
    }


@extend_schema(responses=RoundSummarySerializer(many=True), summary="The target rounds, latest first")
@api_view(["GET"])
@permission_classes([ReadsRounds])
def round_list(request: Request) -> Response:
    rounds = TargetRound.objects.select_related("proposed_by").prefetch_related("items").order_by("-proposed_at")
    return Response([_summary(request, r) for r in rounds])


@extend_schema(responses=RoundSerializer, summary="A target round: suggestions, proposals and decisions")
@api_view(["GET"])
@permission_classes([ReadsRounds])
def round_detail(request: Request, pk: int) -> Response:
    target_round, _rights = get_round_for_user(request.user, pk, TargetRound.objects.with_items())
    items = [_item(row) for row in round_table(target_round)]
    return Response(_summary(request, target_round) | {"items": items})
