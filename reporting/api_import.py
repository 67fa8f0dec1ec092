"""POST /api/v1/submissions/<unit>/<period>/import/: the Excel round trip for automated feeds. The same checks as
the upload page (reporting.imports) and the same save (reporting.services.submission_import); `dry_run` (the
default) answers the changes without saving."""

from __future__ import annotations

from typing import cast

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from reporting import excel, imports, services
from reporting.api import SubmissionSummarySerializer, WarningSerializer
from reporting.calendar import PeriodError, parse_period_code
from reporting.labels import locked_message
from reporting.models import Submission
from reporting.selectors import entry_rows, reporting_units
from reporting.uploads import LimitedRequest, limit_upload
from strategy_tracker import clock
from strategy_tracker.rights import Person

TRUE, FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}


@extend_schema_field(OpenApiTypes.BINARY)
class UploadField(serializers.FileField):
    """A file sent in a multipart body: binary in the schema (drf-spectacular writes a FileField as the URL it
    answers with), so that a generated client uploads it."""


class ImportRequestSerializer(serializers.Serializer):
    file = UploadField(help_text="The unit's Phụ lục 01 form (.xlsx) downloaded from the tracker, filled in.")
    dry_run = serializers.BooleanField(
        default=True, help_text="true (the default): answer the changes and save nothing; false: save them."
    )
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The submission's version a dry run answered: the save is refused (409) if it changed since.",
    )


class ChangeSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="code", help_text='Indicator code; "" for a written section.')
    field = serializers.CharField()
    # DRF takes declared fields off the class: `label` is a field here, not the Field attribute of the stubs.
    label = serializers.CharField()  # type: ignore[assignment]
    cell = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    cell = serializers.CharField()
    message = serializers.CharField()
    text = serializers.CharField(help_text="The message with its sheet and cell, as the upload page shows it.")


class ImportWarningSerializer(WarningSerializer):
    indicator = serializers.CharField(help_text="The code of the indicator whose figure is asked about.")


class ImportResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    saved = serializers.BooleanField()
    version = serializers.IntegerField(help_text="The submission's version the changes were computed on.")
    downloaded_version = serializers.IntegerField(allow_null=True)
    changed_since_download = serializers.BooleanField()
    changes = ChangeSerializer(many=True)
    warnings = ImportWarningSerializer(
        many=True,
        help_text="What the data-quality rules ask about the file's figures: saved anyway, confirmed with a note on "
        "the entry page before submitting.",
    )
    submission = SubmissionSummarySerializer(allow_null=True)


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()
    # DRF takes declared fields off the class: `errors` is a field here, not the Field attribute of the stubs.
    errors = ProblemSerializer(many=True, required=False)  # type: ignore[assignment]


def _refused(detail: str, status: int, problems=()) -> Response:
    body: dict = {"detail": detail}
    if problems:
        body["errors"] = [p.as_dict() for p in problems]
    return Response(body, status=status)


def _flag(raw, default: bool) -> bool | None:
    if raw is None or raw == "":
        return default
    text = str(raw).strip().lower()
    return True if text in TRUE else False if text in FALSE else None


def _summary(submission: Submission | None):
    return SubmissionSummarySerializer(submission).data if submission is not None else None


@extend_schema(
    operation_id="submission_import",
    summary="Import the unit's filled-in Excel form (Phụ lục 01) into its submission",
    description=(
        "Multipart upload (field `file`) by a reporter of the unit, with a token (`Authorization: Token <key>`). "
        "The file is checked cell by cell as the upload page checks it; `dry_run=true` (the default) answers the "
        "changes (old → new, by indicator and cell) and saves nothing; `dry_run=false` saves them as the unit's "
        "draft in one transaction (the unit submits on the page). Messages are in Vietnamese."
    ),
    request={"multipart/form-data": ImportRequestSerializer},
    responses={
        200: OpenApiResponse(ImportResultSerializer, description="The changes; saved when dry_run is false."),
        400: OpenApiResponse(RefusalSerializer, description="The file or a cell is wrong: `errors` by sheet and cell."),
        403: OpenApiResponse(RefusalSerializer, description="Not a reporter of this unit."),
        404: OpenApiResponse(RefusalSerializer, description="No such unit, or a period not open."),
        409: OpenApiResponse(RefusalSerializer, description="Submitted or accepted, or changed since the dry run."),
        413: OpenApiResponse(RefusalSerializer, description="The file is larger than 5 MB."),
        415: OpenApiResponse(RefusalSerializer, description="Not a multipart body."),
    },
    tags=["submissions"],
)  # fmt: skip
@limit_upload(excel.MAX_UPLOAD_BYTES)
@api_view(["POST"])
@parser_classes([MultiPartParser])
def submission_import(request: Request, unit_slug: str, period_code: str) -> Response:
    unit = reporting_units().filter(slug=unit_slug).first()
    if unit is None:
        return _refused(_("No reporting unit has the key “%(key)s”.") % {"key": unit_slug}, 404)
    if not Person.of(request.user).edits_unit(unit.pk):
        return _refused(_("Only the reporters of %(unit)s can import its form.") % {"unit": unit.short_name}, 403)
    today = clock.today()
    try:
        period = parse_period_code(period_code)
    except PeriodError:
        period = None
    if period is None or not period.is_open_on(today):
        return _refused(_("There is no such reporting period open now: write it like 2026Q4."), 404)

    try:
        upload = request.FILES.get("file")
    except exceptions.UnsupportedMediaType:
        return _refused(_("Send the form as a multipart upload in the field “file”."), 415)
    except exceptions.ParseError:
        return _refused(_("The upload could not be read: send it again."), 400)
    if cast(LimitedRequest, request).upload_limit.exceeded:
        return _refused(str(excel.too_large_problem()), 413, [excel.too_large_problem()])
    if upload is None:
        return _refused(_("Send the form as a multipart upload in the field “file”."), 400)
    dry_run = _flag(request.data.get("dry_run"), True)
    if dry_run is None:
        return _refused(_("Write dry_run as true or false."), 400)
    version_text = request.data.get("version")
    if version_text not in (None, "") and not (str(version_text).isascii() and str(version_text).isdigit()):
        return _refused(_("Write version as a whole number, as a dry run answered it."), 400)

    submission = Submission.objects.with_people().for_unit(unit).for_period(period).first()
    rows = entry_rows(unit, period, submission)
    try:
        preview = imports.import_preview(
            content=upload.read(), unit=unit, period=period, submission=submission, rows=rows, today=today
        )
    except imports.ImportRefused as refused:
        detail = {
            409: refused.problems[0].message if refused.problems else "",
            413: str(excel.too_large_problem()),
        }.get(refused.status, _("The file cannot be imported: nothing was saved."))
        return _refused(detail, refused.status, refused.problems)
    if version_text not in (None, "") and int(str(version_text)) != preview.version:
        return _refused(_("The submission was changed after your dry run: nothing was saved. Run it again."), 409)

    saved = False
    if not dry_run and preview.changes:
        try:
            submission = services.submission_import(
                unit=unit, period=period, user=request.user, version=preview.version, figures=preview.figures,
                sections=preview.sections, now=clock.now(),
            )  # fmt: skip
        except services.SubmissionLocked as exc:
            return _refused(locked_message(exc.status), 409)
        except services.SubmissionError:
            return _refused(_("Someone saved the submission at the same moment: send it again."), 409)
        saved = True
    body = {
        "dry_run": dry_run,
        "saved": saved,
        "version": preview.version,
        "downloaded_version": preview.downloaded_version,
        "changed_since_download": preview.changed_since_download,
        "changes": ChangeSerializer(preview.changes, many=True).data,
        "warnings": [{"indicator": code, **w.as_dict()} for code, asked in preview.warnings.items() for w in asked],
        "submission": _summary(submission),
    }
    return Response(body, status=200)
