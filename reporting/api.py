"""The submissions API.

- POST /api/v1/observations/, the write API for automated feeds, puts one figure into the reporter's unit's
  draft submission for the period. The submission still goes through the unit's submit and the reviewer's accept
  before the figure becomes a figure of record. The feed sends the submission's version it last read (If-Match or
  `version`): a write from an outdated one is refused (409), so a request applied late never overwrites a newer
  figure; an Idempotency-Key makes a retry of a request that got no answer safe (`reporting.idempotency`).
- GET /api/v1/submissions/<unit>/<quarter>/ reads a unit's draft back: its values and its version (the ETag).
- GET /api/v1/submissions/?period=2025Q2, for monitoring, lists each reporting unit's submission for the period
  with its status and where it stands against the deadline, as the reviewer's overview page shows them; `kind` and
  `region` keep the units the overview's filters keep (`places.regions`)."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from indicators.codes import is_valid_code, normalise_code
from indicators.fields import figure_error_message
from indicators.formatting import decimal_to_plain
from indicators.models import Indicator
from indicators.values import FigureError, is_percentage, read_figure
from places.models import Region
from places.regions import NATIONAL, UnitKind, unit_kept, unit_place
from quality.rules import Kind, Severity
from reporting import idempotency, selectors, services
from reporting.calendar import FIRST_YEAR, LAST_YEAR, DeadlineStatus, PeriodError, parse_period_code
from reporting.forms import without_null_characters
from reporting.labels import locked_message, period_label, short_date
from reporting.models import IDEMPOTENCY_KEY_MAX_LENGTH, NOTE_MAX_LENGTH, SOURCE_MAX_LENGTH, STATUS_CHOICES
from strategy_tracker import clock, query
from strategy_tracker.rights import Person, reporter_unit

TOO_LONG = gettext_lazy("Keep this to {max_length} characters at most.")
WRITE_TRUE_OR_FALSE = gettext_lazy("Write true or false.")
NESTED_TOO_DEEPLY = gettext_lazy(
    "The JSON body is nested too deeply: send one object with the fields indicator, period and value."
)
WRITE_VERSION = gettext_lazy("Write version as a whole number: the submission's version, as the API answered it.")
MAX_VERSION = 2_147_483_647  # the column's largest value on PostgreSQL


def _messages(*, missing, invalid) -> dict:
    """Every refusal of a field, in the tracker's words: DRF's own catalogue has no Vietnamese for most of its
    messages ("This field may not be null.", "Not a valid string.")."""
    return {"required": missing, "null": missing, "blank": missing, "invalid": invalid, "max_length": TOO_LONG}


class NoSurrogates(ProhibitSurrogateCharactersValidator):
    message = gettext_lazy("This text holds a character that is not valid (U+{code_point:X}): remove it.")


class TrackerCharField(serializers.CharField):
    """DRF's CharField, refusing a null character or a lone surrogate (JSON allows the escape of half a
    character) in the tracker's words. Set up in __init__: a serializer's fields are built again from their
    arguments for each use."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        without_null_characters(self)
        self.validators = [
            NoSurrogates() if isinstance(v, ProhibitSurrogateCharactersValidator) else v for v in self.validators
        ]


class StringField(TrackerCharField):
    """A JSON string, and nothing else: DRF's CharField would take a number and write it back as text, and the
    JSON number 2.10 is the number 2.1 (indicator 2.1, not 2.10)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class FigureValueField(TrackerCharField):
    """A figure as text ("1.234,5", read the Vietnamese way) or as a JSON number (its dot is a decimal mark
    whatever the measure: the number 1.234 is not a thousand). Read in the serializer's validate, where the
    indicator's measure and bounds are known."""

    def to_internal_value(self, data):
        if isinstance(data, int | float) and not isinstance(data, bool):
            return data
        return super().to_internal_value(data)

    def run_validators(self, value) -> None:
        if isinstance(value, str):  # the length and character checks are for texts
            super().run_validators(value)


def _text(max_length: int, *, missing, invalid, **kwargs) -> serializers.CharField:
    return StringField(max_length=max_length, error_messages=_messages(missing=missing, invalid=invalid), **kwargs)


def _optional_text(max_length: int, **kwargs) -> serializers.CharField:
    missing = gettext_lazy("Write a text, or leave the field out.")
    invalid = gettext_lazy("Write a text, in quotes.")
    return _text(max_length, missing=missing, invalid=invalid, allow_blank=True, default="", **kwargs)


class ObservationWriteSerializer(serializers.Serializer):
    default_error_messages = {
        "invalid": gettext_lazy("Send a JSON object with the fields indicator, period and value."),
    }

    indicator = _text(
        20,
        missing=gettext_lazy("Give the indicator's code, such as “2.5”."),
        invalid=gettext_lazy(
            "Write the indicator's code as text, in quotes, such as “2.5” (as a number, 2.10 reads as 2.1)."
        ),
        help_text='Indicator code, as a string: "2.5" (or "2,5"). A JSON number is refused: 2.10 would read as 2.1.',
    )
    period = _text(
        10,
        missing=gettext_lazy("Give the quarter, such as “2024Q3”."),
        invalid=gettext_lazy("Write the quarter as text, in quotes, such as “2024Q3”."),
        help_text='Quarter, as a string such as "2024Q3".',
    )
    value = FigureValueField(
        max_length=40,
        error_messages=_messages(
            missing=gettext_lazy("Enter the figure."), invalid=gettext_lazy("Enter a number, such as 14,26.")
        ),
        help_text=(
            'The figure: "14,26", "14,26 %", "1.234,5" or a JSON number such as 14.26. In a text the dot groups '
            'thousands for a figure that is not a percentage ("45.000" is 45000); for a percentage "1.234" is '
            "refused as ambiguous. In a JSON number the dot is the decimal mark."
        ),
    )
    provisional = serializers.BooleanField(
        default=False,
        error_messages=_messages(missing=WRITE_TRUE_OR_FALSE, invalid=WRITE_TRUE_OR_FALSE),
        help_text="True for a provisional estimate.",
    )
    # DRF takes declared fields off the class: `source` is a field here, not the Field attribute of the stubs.
    source = _optional_text(SOURCE_MAX_LENGTH)  # type: ignore[assignment]
    note = _optional_text(NOTE_MAX_LENGTH)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_VERSION,
        error_messages=dict.fromkeys(
            ("required", "null", "invalid", "min_value", "max_value", "max_string_length"), WRITE_VERSION
        ),
        help_text=(
            "The submission's version the feed last read (the ETag of the draft's GET or of the last write's "
            "answer), here or in If-Match. A write from another version is refused (409). Left out, the write is "
            "taken only when the unit has no submission for the quarter yet (428 otherwise)."
        ),
    )

    def validate_indicator(self, code: str) -> Indicator:
        indicator = Indicator.objects.filter(code=normalise_code(code)).first()
        if indicator is None:
            raise serializers.ValidationError(_("No indicator has the code “%(code)s”.") % {"code": code})
        return indicator

    def validate_period(self, text: str):
        try:
            period = parse_period_code(text)
        except PeriodError as exc:
            raise serializers.ValidationError(
                _("There is no such reporting period: write the year and the quarter, such as 2024Q3 (2023–2030).")
            ) from exc
        if not period.is_open_on(self.context["today"]):
            raise serializers.ValidationError(
                _("%(period)s has not begun: its figures can be entered from %(day)s.")
                % {"period": period_label(period), "day": short_date(period.covers_from)}
            )
        return period

    def validate(self, attrs):
        indicator = attrs["indicator"]
        try:
            attrs["value"] = read_figure(
                attrs["value"],
                percentage=is_percentage(indicator.measure_unit),
                minimum=indicator.min_value,
                maximum=indicator.max_value,
            )
        except FigureError as error:
            raise serializers.ValidationError({"value": [figure_error_message(error)]}) from error
        return attrs


class SubmissionSummarySerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.slug")
    period = serializers.CharField(source="period.code")
    status = serializers.CharField()
    version = serializers.IntegerField()


class DraftValueSerializer(serializers.Serializer):
    """A value of a draft as the write API writes it, and as it reads it back."""

    indicator = serializers.CharField(source="indicator.code")
    value = serializers.SerializerMethodField()
    provisional = serializers.BooleanField()
    # DRF takes declared fields off the class: `source` is a field here, not the Field attribute of the stubs.
    source = serializers.CharField()  # type: ignore[assignment]
    note = serializers.CharField()

    def get_value(self, row) -> str | None:
        return decimal_to_plain(row.value)


class WarningSerializer(serializers.Serializer):
    rule = serializers.ChoiceField(
        choices=[kind.value for kind in Kind], help_text="The data-quality rule that asks about the figure."
    )
    message = serializers.CharField(help_text="Which rule and why, in Vietnamese, with the figure's numbers.")
    severity = serializers.ChoiceField(
        choices=[Severity.CONFIRM.value],
        help_text="`confirm`: the unit confirms the figure with a note on the entry page before submitting. (A rule "
        "that refuses answers 400 and writes nothing.)",
    )


class ObservationWriteResultSerializer(DraftValueSerializer):
    period = serializers.CharField(source="submission.period.code")
    submission = SubmissionSummarySerializer()
    warnings = WarningSerializer(
        many=True,
        source="flags",
        help_text="What the data-quality rules ask about the figure stored (empty when nothing): the figure is "
        "stored, and the submission cannot be submitted until the unit confirms it with a note.",
    )


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


def _messages_of(name: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(), required=False, help_text=f"Why `{name}` is refused (Vietnamese)."
    )


class ObservationWriteErrorSerializer(serializers.Serializer):
    """The 400 of the write API: the messages by field, or one `detail` for a body or a header that cannot be
    read."""

    detail = serializers.CharField(required=False, help_text="Why the body or a header cannot be read.")
    indicator = _messages_of("indicator")
    period = _messages_of("period")
    value = _messages_of("value")
    provisional = _messages_of("provisional")
    # DRF takes declared fields off the class: `source` is a field here, not the Field attribute of the stubs.
    source = _messages_of("source")  # type: ignore[assignment]
    note = _messages_of("note")
    version = _messages_of("version")
    non_field_errors = _messages_of("the body")


def _not_reported(unit, code: str) -> Response:
    detail = _("%(unit)s does not report indicator %(code)s.") % {"unit": unit.short_name, "code": code}
    return Response({"detail": detail}, status=403)


class HeaderError(Exception):
    """A header that cannot be read: its message."""


# A version as an ETag writes it: 0 to MAX_VERSION (2147483647), without leading zeros, in double quotes. The
# schema's pattern for If-Match and the server's reading are this one expression, so they cannot disagree.
VERSION_DIGITS = (
    "0|[1-9][0-9]{0,8}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}|214[0-6][0-9]{6}|2147[0-3][0-9]{5}|21474[0-7][0-9]{4}"
    "|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}|21474836[0-3][0-9]|214748364[0-7]"
)
IF_MATCH_PATTERN = rf'^[ \t]*"({VERSION_DIGITS})"[ \t]*$'
IF_MATCH = re.compile(IF_MATCH_PATTERN)


def _if_match(request: Request) -> int | None:
    """The version an If-Match header names (the ETag an answer gave, such as "12"); None without the header. `*`
    (any version) is refused: a write must say which version it was made from."""
    text = request.headers.get("If-Match")
    if text is None:
        return None
    found = IF_MATCH.fullmatch(text)
    if found is None:
        raise HeaderError(_('Write If-Match as the ETag an answer gave, in double quotes, such as "12".'))
    return int(found[1])


def _idempotency_key(request: Request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not (0 < len(key) <= IDEMPOTENCY_KEY_MAX_LENGTH and key.isascii() and key.isprintable()):
        raise HeaderError(
            _("Write Idempotency-Key as 1 to %(max)d visible ASCII characters, such as a UUID.")
            % {"max": IDEMPOTENCY_KEY_MAX_LENGTH}
        )
    return key


def _with_etag(response: Response, version: int) -> Response:
    response["ETag"] = f'"{version}"'
    return response


def _draft_url(unit, period) -> str:
    return reverse("api_submission_draft", args=[unit.slug, period.code])


ETAG = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description='The submission\'s version, in double quotes ("12"): send it as If-Match with the next write.',
)


@never_cache
@extend_schema(
    operation_id="observations_write",
    summary="Write a figure into the unit's draft submission",
    description=(
        "Token-authenticated as a reporter of a unit (header `Authorization: Token <key>`). Writes the figure of "
        "an indicator the unit reports into the unit's submission for the quarter, creating the draft if needed. "
        "The figure becomes a figure of record only when the unit submits and Vụ KTS và XHS accepts.\n\n"
        'Send the submission\'s version last read (`If-Match: "12"` or the field `version`): a write made from '
        "another version is refused (409) and writes nothing, so a request that arrives late never overwrites a "
        "newer figure. Only the first value of a draft that does not exist yet may go without it.\n\n"
        "A request that got no answer (a timeout, a 502) is sent again as it was, with the same "
        "`Idempotency-Key` and version: if the first one was written, the answer is the first one's "
        "(`Idempotent-Replayed: true`) and nothing is written again.\n\n"
        "The data-quality rules read the figure against the indicator's recent quarters, its sub-rows, its "
        "measure and its source: `warnings` lists what they ask about (the figure is stored; the unit confirms it "
        "with a note on the entry page before submitting), and a rule that refuses answers 400 under `value`."
    ),
    parameters=[
        OpenApiParameter(
            "If-Match",
            str,
            OpenApiParameter.HEADER,
            pattern=IF_MATCH_PATTERN,
            examples=[OpenApiExample("Version 12", value='"12"')],
            description="The submission's version last read, as an ETag: \"12\". Or the body's `version`.",
        ),
        OpenApiParameter(
            "Idempotency-Key",
            str,
            OpenApiParameter.HEADER,
            pattern=f"^[ -~]{{1,{IDEMPOTENCY_KEY_MAX_LENGTH}}}$",  # visible ASCII, as `_idempotency_key` reads it
            examples=[OpenApiExample("A UUID", value="5f0c6a1e-8d2b-4a57-9b1e-2f4c8d7a3e10")],
            description=(
                "A key of your own for this request (a UUID), up to 255 characters: the same key with the same "
                f"request within {settings.API_IDEMPOTENCY_KEY_HOURS} hours is answered as the first time, without "
                "writing again."
            ),
        ),
        ETAG,
    ],
    request=ObservationWriteSerializer,
    responses={
        201: OpenApiResponse(ObservationWriteResultSerializer, description="The value was added to the draft."),
        200: OpenApiResponse(ObservationWriteResultSerializer, description="The value in the draft was replaced."),
        400: OpenApiResponse(
            ObservationWriteErrorSerializer,
            description="The messages by field (under `value` when a data-quality rule refuses the figure); or "
            "`detail` for a body that is not JSON or a bad header.",
        ),
        403: OpenApiResponse(DetailSerializer, description="Not a reporter, or an indicator the unit does not report."),
        409: OpenApiResponse(
            DetailSerializer,
            description="The submission changed since the version sent, or is submitted or accepted: nothing written.",
        ),
        415: OpenApiResponse(DetailSerializer, description="A body that is not JSON."),
        422: OpenApiResponse(DetailSerializer, description="The Idempotency-Key was sent before with another request."),
        428: OpenApiResponse(DetailSerializer, description="No version sent, and the unit's draft exists."),
    },
    examples=[
        OpenApiExample(
            "Fibre broadband, provisional",
            value={
                "indicator": "2.5",
                "period": "2026Q4",
                "value": "81,2",
                "provisional": True,
                "source": "VNNIC",
                "version": 12,
            },
            request_only=True,
        )
    ],
    tags=["submissions"],
)
@api_view(["POST"])
def observation_write(request: Request) -> Response:
    unit = reporter_unit(request.user)
    if unit is None:
        return Response({"detail": _("Only a reporting unit's reporters can write figures.")}, status=403)
    try:
        body = request.data
    except exceptions.UnsupportedMediaType:
        return Response({"detail": _("Send the body as JSON (Content-Type: application/json).")}, status=415)
    except exceptions.ParseError as exc:
        if exc.get_codes() == "too_deep":
            return Response({"detail": str(NESTED_TOO_DEEPLY)}, status=400)
        return Response({"detail": _("The body is not valid JSON.")}, status=400)
    code = body.get("indicator") if isinstance(body, dict) else None
    if isinstance(code, str) and is_valid_code(normalise_code(code)):  # the serializer answers anything else
        indicator = Indicator.objects.filter(code=normalise_code(code)).only("reporting_unit_id").first()
        if indicator is not None and indicator.reporting_unit_id != unit.pk:
            provincial = unit.province_id is not None and Indicator.objects.reported_by(unit).filter(pk=indicator.pk)
            if not (provincial and provincial.exists()):
                return _not_reported(unit, code)
    serializer = ObservationWriteSerializer(data=body, context={"today": clock.today()})
    if not serializer.is_valid():
        return Response(serializer.errors, status=400)
    data = serializer.validated_data
    try:
        if_match, key = _if_match(request), _idempotency_key(request)
    except HeaderError as exc:
        return Response({"detail": str(exc)}, status=400)
    if if_match is not None and data.get("version", if_match) != if_match:
        return Response({"detail": _("If-Match and version name two versions: send the version once.")}, status=400)
    version = data.get("version", if_match)
    period = data["period"]
    figure = services.FigureInput(
        indicator=data["indicator"],
        value=data["value"],
        provisional=data["provisional"],
        source=data["source"].strip(),
        note=data["note"].strip(),
    )
    now = clock.now()

    def write() -> idempotency.Answer:
        # Without a version the feed has read no draft: the write is taken only where there is none (version 0).
        # Taken whatever the draft held, it would let a request applied late overwrite a newer figure.
        expected = 0 if version is None else version
        _submission, row, created = services.submission_value_write(
            unit=unit, period=period, user=request.user, figure=figure, now=now, version=expected
        )
        answered = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return idempotency.Answer(answered, ObservationWriteResultSerializer(row).data)

    try:
        if key is None:
            answer, replayed = write(), False
        else:
            fingerprint = idempotency.request_hash(request.path, body, if_match)
            answer, replayed = idempotency.idempotent_write(
                user=request.user, key=key, request_hash=fingerprint, now=now, write=write
            )
    except idempotency.KeyReused:
        message = _("This Idempotency-Key was sent before with another request: nothing was written. Give each new "
                    "request its own key, and a request sent again the key it was first sent with.")  # fmt: skip
        return Response({"detail": message}, status=422)
    except services.IndicatorNotReported as exc:  # reassigned to another unit since the check above
        return _not_reported(unit, ", ".join(exc.codes))
    except services.SubmissionLocked as exc:
        detail = f"{period_label(period)}: {locked_message(exc.status)}"
        return Response({"detail": detail, "status": exc.status.value}, status=409)
    except services.FigureRefused as exc:
        return Response({"value": [m for messages in exc.messages.values() for m in messages]}, status=400)
    except services.OfficialFigureExists:
        message = _("The official figure has been accepted: a provisional estimate cannot replace it.")
        return Response({"provisional": [message]}, status=400)
    except services.StaleSubmission:
        where = {"period": period_label(period), "url": _draft_url(unit, period), "version": version}
        if version is None:
            detail = _("The unit's submission for %(period)s exists already: nothing was written. Read it (GET "
                       "%(url)s) and send the figure with the version it answers, in If-Match or version.")  # fmt: skip
            return Response({"detail": detail % where}, status=428)
        detail = _("The submission has changed since version %(version)s: nothing was written. Read it again (GET "
                   "%(url)s), then send the figure with the version it answers.")  # fmt: skip
        return Response({"detail": detail % where}, status=409)
    response = _with_etag(Response(answer.body, status=answer.status), answer.body["submission"]["version"])
    if replayed:
        response["Idempotent-Replayed"] = "true"
    return response


# ---------------------------------------------------------------- monitoring: GET /api/v1/submissions/


# The enums' own values, so that a status added there appears here and in the schema (settings name them).
SUBMISSION_STATUSES = [value for value, _label in STATUS_CHOICES]
DEADLINE_STATUSES = [status.value for status in DeadlineStatus]


class UnitSummarySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    region = serializers.SerializerMethodField(
        help_text="The key of the region of the province the unit reports for; null for a ministry's unit, or a "
        "province in no region."
    )

    def get_region(self, unit) -> str | None:
        return unit_place(unit)[1] or None


class PeriodSubmissionSerializer(serializers.Serializer):
    """One row of `reporting.selectors.period_overview`: a unit, its submission for the period (or none) and its
    deadline status. The choices are the enums' own, so a status added there appears here and in the schema."""

    unit = UnitSummarySerializer()
    period = serializers.CharField(source="period.code", help_text='The quarter, such as "2025Q2".')
    status = serializers.ChoiceField(
        source="submission.status",
        choices=SUBMISSION_STATUSES,
        allow_null=True,
        help_text="The submission's status; null when the unit has no submission for the period.",
    )
    deadline_status = serializers.ChoiceField(
        source="deadline",
        choices=DEADLINE_STATUSES,
        help_text="Where the unit stands against the period's deadline, as of today.",
    )
    first_submitted_at = serializers.DateTimeField(
        source="submission.first_submitted_at",
        allow_null=True,
        help_text="When the submission was first sent (it decides on time or late); null if never.",
    )


# A quarter of the calendar, as the schema says it: "2025Q2" (years FIRST_YEAR to LAST_YEAR).
QUARTER_PATTERN = "^({years})Q[1-4]$".format(years="|".join(str(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)))


@extend_schema(
    operation_id="submissions_list",
    summary="Each reporting unit's submission for a quarter",
    description=(
        "For monitoring: every reporting unit with its submission's status for the quarter and where it stands "
        "against the deadline, as of today. Reviewers, leadership and administrators see every unit; a "
        "reporter sees their own unit only."
    ),
    parameters=[
        OpenApiParameter(
            "period",
            str,
            OpenApiParameter.QUERY,
            required=True,
            pattern=QUARTER_PATTERN,
            description='The quarter, such as "2025Q2" (from 2023 to 2030).',
        ),
        OpenApiParameter(
            "kind",
            str,
            OpenApiParameter.QUERY,
            enum=[kind.value for kind in UnitKind],
            description="`ministry`: the nation's units only (ministries and agencies); `province`: the provinces' "
            "units only.",
        ),
        OpenApiParameter(
            "region",
            str,
            OpenApiParameter.QUERY,
            description=f"A region's id or key: only the units of the provinces in it (never a ministry's unit); "
            f"`{NATIONAL}`: the nation's units only.",
        ),
    ],
    responses={
        200: PeriodSubmissionSerializer(many=True),
        400: OpenApiResponse(
            description="No period, or not a quarter of the calendar (`detail`); a kind or a region that is not one "
            "(a message under its name)."
        ),
        401: OpenApiResponse(DetailSerializer, description="Not signed in (no token)."),
        403: OpenApiResponse(DetailSerializer, description="No role in the tracker."),
    },
    tags=["submissions"],
)
@api_view(["GET"])
def submission_list(request: Request) -> Response:
    code = request.query_params.get("period", "")
    if not code.strip():
        return Response({"detail": _("Give the quarter, such as “2024Q3”.")}, status=400)
    try:
        period = parse_period_code(code)
    except PeriodError:
        message = _("There is no such reporting period: write the year and the quarter, such as 2024Q3 (2023–2030).")
        return Response({"detail": message}, status=400)
    scope = _unit_scope(request)
    person = Person.of(request.user)
    placed = selectors.reporting_units_placed()
    if person.reads_everything:
        found = list(placed)  # every reporting unit
    elif (unit_id := person.reporting_unit_id) is not None:
        found = list(placed.filter(pk=unit_id))
    else:
        found = []
    units = [unit for unit in found if unit_kept(unit, **scope)]
    overview = selectors.period_overview(period, clock.today(), units=units)
    return Response(PeriodSubmissionSerializer(overview.rows, many=True).data)


def _unit_scope(request: Request) -> dict[str, str]:
    """`kind` and `region` read strictly (a value that is not one answers 400 under its name), as `places.regions.kept`
    takes them. A region given by id or key: one query."""
    kind = query.text(request, "kind") or ""
    if kind and kind not in UnitKind.values:
        raise query.refuse("kind", _("Write kind as ministry or province."))
    region = query.text(request, "region") or ""
    if region and region != NATIONAL:
        by: dict[str, object] = {"slug": region}
        if region.isascii() and region.isdigit() and len(region) <= 18:
            by = {"pk": int(region)}
        slug = Region.objects.filter(**by).values_list("slug", flat=True).first()
        if slug is None:
            raise query.refuse("region", _("No region has the id or key “%(region)s”.") % {"region": region[:60]})
        region = slug
    return {"kind": kind, "chosen_region": region}


# ---------------------------------------------------------------- read back: GET /api/v1/submissions/<unit>/<quarter>/


class DraftSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="The unit's key, such as cuc-vt.")
    period = serializers.CharField(help_text='The quarter, such as "2026Q4".')
    status = serializers.ChoiceField(
        choices=SUBMISSION_STATUSES,
        allow_null=True,
        help_text="The submission's status; null when the unit has no submission for the quarter.",
    )
    version = serializers.IntegerField(
        help_text=(
            "The submission's version, also the answer's ETag: send it with the next write (If-Match or version). "
            "0 when the unit has no submission for the quarter. A number that only grows, by one or more a write."
        )
    )
    values = DraftValueSerializer(many=True)


@never_cache
@extend_schema(
    operation_id="submission_draft",
    summary="A unit's submission for a quarter: its values and its version",
    description=(
        "What a feed reads back before writing: each value of the unit's submission for the quarter, as the write "
        "API writes it, with the submission's status and version (also the `ETag` header), which the next write "
        "sends. The unit's reporters read their own unit's; reviewers, leadership and administrators every "
        "unit's."
    ),
    parameters=[ETAG],
    responses={
        200: OpenApiResponse(DraftSerializer, description="The submission, or an empty one (version 0)."),
        403: OpenApiResponse(DetailSerializer, description="A reporter of another unit, or no role."),
        404: OpenApiResponse(DetailSerializer, description="No such reporting unit or quarter."),
    },
    tags=["submissions"],
)
@api_view(["GET"])
def submission_draft(request: Request, unit_slug: str, period_code: str) -> Response:
    unit = selectors.reporting_units().filter(slug=unit_slug).first()
    if unit is None:
        return Response({"detail": _("No reporting unit has the key “%(key)s”.") % {"key": unit_slug}}, status=404)
    if not Person.of(request.user).reads_unit(unit.pk):
        detail = _("Only the reporters of %(unit)s, the reviewers and leadership can read its submissions.")
        return Response({"detail": detail % {"unit": unit.short_name}}, status=403)
    try:
        period = parse_period_code(period_code)
    except PeriodError:
        message = _("There is no such reporting period: write the year and the quarter, such as 2024Q3 (2023–2030).")
        return Response({"detail": message}, status=404)
    submission, values = selectors.draft_values(unit, period)
    version = submission.version if submission is not None else 0
    status_ = submission.status if submission is not None else None
    draft = {"unit": unit.slug, "period": period.code, "status": status_, "version": version, "values": values}
    return _with_etag(Response(DraftSerializer(draft).data), version)
