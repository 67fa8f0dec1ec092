from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.models import Document, Indicator, Unit
from plans.due import is_overdue
from plans.models import Task
from strategy_tracker import clock


class TaskSerializer(serializers.ModelSerializer):
    document: serializers.SlugRelatedField[Document] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    document_number = serializers.CharField(source="document.label", read_only=True)
    section = serializers.SerializerMethodField()
    section_title = serializers.SerializerMethodField()
    implementing_units: serializers.SlugRelatedField[Unit] = serializers.SlugRelatedField(  # many: a list of slugs
        source="units", slug_field="slug", many=True, read_only=True
    )
    criterion_indicator: serializers.SlugRelatedField[Indicator] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    criterion_comparator = serializers.CharField(read_only=True)  # ">=", as the indicators' targets write it
    status = serializers.CharField(read_only=True)
    due_kind = serializers.CharField(read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id", "document", "document_number", "ref", "section", "section_title", "number", "title",
            "description", "lead", "period", "implementing_units", "units_text", "product", "criterion",
            "criterion_indicator", "criterion_year", "criterion_comparator", "criterion_value", "due", "due_kind",
            "deadline", "planned", "status", "overdue",
        ]  # fmt: skip

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_section(self, task: Task) -> str | None:
        return task.section.key if task.section is not None else None  # no query for a task without one

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_section_title(self, task: Task) -> str | None:
        return task.section.title if task.section is not None else None

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, task: Task) -> bool:
        return is_overdue(task.deadline, task.status, self.context.get("today") or clock.today())
