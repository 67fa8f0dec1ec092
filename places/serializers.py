from rest_framework import serializers

from places.models import Province


class FormerProvinceSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="code_text", help_text="The former province's two-digit code.")

    class Meta:
        model = Province
        fields = ["code", "name", "division_type", "valid_to"]


class ProvinceSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="code_text", help_text="The official two-digit code, such as 01 (Hà Nội).")
    predecessors = FormerProvinceSerializer(
        source="former", many=True, read_only=True, help_text="The former provinces that became part of it."
    )

    class Meta:
        model = Province
        fields = ["code", "name", "division_type", "codename", "predecessors"]
