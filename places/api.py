from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound

from indicators.codes import MAX_CODE_LENGTH, is_valid_code, normalise_code
from indicators.models import Indicator, Observation
from indicators.serializers import ObservationSerializer
from places.models import Province, Sector
from places.selectors import provinces_in_force
from places.serializers import ProvinceSerializer
from strategy_tracker import query


class ProvinceList(generics.ListAPIView):
    """The provinces in force (the 34 since 1 July 2025) with their official codes, names and types, and the former
    provinces that became part of each. One page: the list is short."""

    serializer_class = ProvinceSerializer
    pagination_class = None

    def get_queryset(self):
        return provinces_in_force()


class FormerProvinceNameSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="code_text", help_text="The former province's two-digit code.")

    class Meta:
        model = Province
        fields = ["code", "name"]


class FigureSerializer(ObservationSerializer):
    province = serializers.SerializerMethodField(
        help_text="The two-digit code of the province in force it is given for (for a former province's figure, the "
        "province it became part of); null for the nation."
    )
    former_province = serializers.SerializerMethodField(
        help_text="The former province the figure names (a period before July 2025), or null."
    )
    sector: serializers.SlugRelatedField[Sector] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="The sector's key; null for the nation."
    )

    class Meta(ObservationSerializer.Meta):
        fields = [*ObservationSerializer.Meta.fields, "province", "former_province", "sector"]

    def get_province(self, observation: Observation) -> str | None:
        province = observation.province
        if province is None:
            return None
        return province.successor.code_text if province.successor else province.code_text

    @extend_schema_field(FormerProvinceNameSerializer(allow_null=True))
    def get_former_province(self, observation: Observation) -> dict[str, str] | None:
        province = observation.province
        if province is None or province.valid_to is None:
            return None
        return {"code": province.code_text, "name": province.name}


PROVINCE = OpenApiParameter(
    "province",
    str,
    OpenApiParameter.QUERY,
    description="A province's two-digit code (/api/v1/provinces/): its figures.",
)
SECTOR = OpenApiParameter("sector", str, OpenApiParameter.QUERY, description="A sector's key: its figures.")


@extend_schema(parameters=[PROVINCE, SECTOR])
class IndicatorFigures(generics.ListAPIView):
    """An indicator's figures of record: the nation's, or with `province` one province's (with those of the former
    provinces that became part of it, each naming its former province), or with `sector` one sector's (never
    both), oldest first. 50 a page (`page`; `page_size` up to 200)."""

    serializer_class = FigureSerializer

    def get_queryset(self):
        raw = self.kwargs["code"]
        code = normalise_code(raw) if len(raw) <= MAX_CODE_LENGTH else ""
        indicator = Indicator.objects.filter(code=code).first() if is_valid_code(code) else None
        if indicator is None:
            raise NotFound(_("No indicator has the code “%(code)s”.") % {"code": raw[:MAX_CODE_LENGTH]})
        province, sector = query.text(self.request, "province"), query.text(self.request, "sector")
        if province is not None and sector is not None:
            raise query.refuse("sector", _("Give a province or a sector, not both."))
        figures = Observation.objects.all()
        if province is not None:
            number = int(province) if province.isascii() and province.isdigit() and len(province) <= 2 else None
            if number is None or not Province.objects.current().filter(code=number).exists():
                raise query.refuse(
                    "province",
                    _("No province in force has the code “%(code)s” (see /api/v1/provinces/).") % {"code": province},
                )
            figures = Observation.breakdowns.for_province(number)
        elif sector is not None:
            if not Sector.objects.filter(slug=sector).exists():
                raise query.refuse("sector", _("No sector has the key “%(key)s”.") % {"key": sector})
            figures = Observation.breakdowns.for_sector(sector)
        return (
            figures.filter(indicator=indicator)
            .select_related("document", "province__successor", "sector")
            .order_by("year", "quarter", "province__code", "pk")
        )
