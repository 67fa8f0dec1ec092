from typing import cast

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from knox import admin as knox_admin
from knox.models import AuthToken
from knox.settings import knox_settings
from simple_history.admin import SimpleHistoryAdmin

from indicators.explanations import period_name
from indicators.forms import DocumentCorrectionForm
from indicators.models import (
    Document,
    DocumentCorrection,
    Indicator,
    IndicatorGroup,
    Membership,
    Observation,
    Target,
    TargetProposal,
    Unit,
)
from indicators.periods import format_period, parse_period
from indicators.services import document_correct
from strategy_tracker.rights import role_of

admin.site.site_header = gettext_lazy("Decision 411 tracker administration")
admin.site.site_title = gettext_lazy("Decision 411 tracker")


class ReadOnly:
    """Targets and figures of record change only through their workflows (reference data from the documents,
    accepted submissions, accepted proposals), each on record; the admin shows them and their history."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class HistoryAdmin(SimpleHistoryAdmin):
    """A model read in the admin with its history, whose past versions are viewed, never restored.

    django-simple-history adds a "history form" at <id>/history/<history_id>/ that saves whatever is posted to
    it, after checking only the view permission, with every field editable and outside a transaction: a person
    allowed only to view memberships could give themselves a role. Here it shows the version and refuses any
    POST; a change goes through the change form (its permission, its read-only fields, one transaction, on
    record)."""

    def has_change_history_permission(self, request, obj=None) -> bool:
        return False

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordAdmin(ReadOnly, HistoryAdmin):
    """A record read in the admin with its history, and never changed there: besides the history form
    (HistoryAdmin), Django's own views (add, change, delete, the bulk delete action) refuse."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ["short_name", "name", "kind", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    list_select_related = ["parent", "successor"]
    # A province's unit: the indicators it reports for its province (its province is set by load_places).
    filter_horizontal = ["provincial_indicators"]
    readonly_fields = ["province"]


class DocumentCorrectionInline(ReadOnly, admin.TabularInline):
    model = DocumentCorrection
    extra = 0
    fields = ["field", "old_value", "new_value", "reason", "corrected_by", "corrected_at"]
    readonly_fields = cast(list[str], fields)  # names only, no groups


@admin.register(Document)
class DocumentAdmin(HistoryAdmin):
    """A cited document's rank and date are read-only here: they decide which target is in force, so they change
    only through "Correct rank or date" (services.document_correct), which records the reason."""

    list_display = ["number", "title", "issuer", "issued_on", "rank", "kind"]
    list_filter = ["kind", "rank"]
    search_fields = ["number", "title"]
    inlines = [DocumentCorrectionInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_cited():
            # Its kind too: a proposal's record made a "decision" would be corrected, and shown on the public pages.
            # The record of a proposal is never corrected (has_change_permission): no link to a form that refuses.
            correction = [] if obj.kind == Document.Kind.PROPOSAL else ["correction_link"]
            return ["kind", "rank", "issued_on", *correction]
        return []

    def has_change_permission(self, request, obj=None) -> bool:
        # The record of a leadership decision on a proposal (target_proposal_accept) is read, never changed here:
        # its rank and date decide which target is in force, and only leadership decides that.
        if obj is not None and obj.kind == Document.Kind.PROPOSAL:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description=gettext_lazy("Correction"))
    def correction_link(self, obj: Document) -> str:
        url = reverse("admin:indicators_document_correct", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Correct rank or date"))

    def get_urls(self):
        correct = path(
            "<path:object_id>/correct/",
            self.admin_site.admin_view(self.correct_view),
            name="indicators_document_correct",
        )
        return [correct, *super().get_urls()]

    def correct_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        document = self.get_object(request, unquote(object_id))
        if document is None:
            raise Http404
        if role_of(request.user) != Membership.Role.ADMIN or not self.has_change_permission(request, document):
            raise PermissionDenied
        if request.method == "POST":
            form = DocumentCorrectionForm(request.POST)
            if form.is_valid():
                try:
                    document_correct(document=document, corrected_by=request.user, **form.cleaned_data)
                except ValidationError as refusal:
                    form.add_error(None, refusal)
                else:
                    self.message_user(request, _("The correction is recorded."), messages.SUCCESS)
                    return redirect("admin:indicators_document_change", document.pk)
        else:
            form = DocumentCorrectionForm(initial={"rank": document.rank, "issued_on": document.issued_on})
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("Correct rank or date"),
            "opts": self.model._meta,
            "original": document,
            "form": form,
            "corrections": document.corrections.select_related("corrected_by"),
        }
        return TemplateResponse(request, "admin/indicators/document/correct.html", ctx)


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


class TargetInline(ReadOnly, admin.TabularInline):
    model = Target
    extra = 0
    fields = ["year", "kind", "comparator", "value", "wording", "document", "section"]
    autocomplete_fields = ["document"]


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["code", "name", "measure_unit", "direction", "reporting_unit"]
    list_filter = ["group", "reporting_unit"]
    search_fields = ["code", "name"]
    list_select_related = ["reporting_unit"]
    inlines = [TargetInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        # An indicator carries targets and figures of record (and tasks cite it): it is never deleted here.
        return False


@admin.display(description=gettext_lazy("code"), ordering="indicator__sort_key")
def indicator_code(obj) -> str:
    return obj.indicator.code


@admin.display(description=gettext_lazy("Period"), ordering=F("year") * 10 + F("quarter"))
def period(obj) -> str:
    """A record's year and quarter as people read them ("Quý 4/2026", "2024"), in one column."""
    return period_name(obj.year, obj.quarter)


class PeriodFilter(admin.SimpleListFilter):
    """The periods of the listed records, as people read them, latest first (not a year list and a "Quý: 4")."""

    title = gettext_lazy("Period")
    parameter_name = "period"

    def lookups(self, request, model_admin):
        periods = model_admin.get_queryset(request).values_list("year", "quarter").distinct()
        return [(format_period(y, q), period_name(y, q)) for y, q in periods.order_by("-year", "-quarter")]

    def queryset(self, request, queryset):
        code = self.value()
        if code is None:
            return queryset
        try:
            year, quarter = parse_period(code)
        except ValueError:
            return queryset.none()
        return queryset.filter(year=year, quarter=quarter)


@admin.register(Target)
class TargetAdmin(RecordAdmin):
    list_display = [indicator_code, "year", "kind", "comparator", "value", "wording", "document", "section"]
    list_filter = ["year", "kind", "document"]
    search_fields = ["indicator__code", "wording"]
    list_select_related = ["indicator", "document"]


@admin.register(Observation)
class ObservationAdmin(RecordAdmin):
    list_display = [indicator_code, period, "value", "provisional", "document", "recorded_at"]
    list_filter = ["provisional", PeriodFilter, "document"]
    search_fields = ["indicator__code", "source"]
    list_select_related = ["indicator", "document"]


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role", "unit"]
    list_select_related = ["user", "unit"]


@admin.register(TargetProposal)
class TargetProposalAdmin(RecordAdmin):
    """Read only: proposals are made by reviewers and decided by leadership on the indicator page."""

    list_display = [indicator_code, "year", "comparator", "value", "status", "proposed_by", "proposed_at", "decided_by"]
    list_filter = ["status", "year"]
    search_fields = ["indicator__code", "reason"]
    list_select_related = ["indicator", "proposed_by", "decided_by"]


class ApiTokenCreateForm(knox_admin.AuthTokenCreateForm):
    """A new token expires (API_TOKEN_DAYS from now unless the administrator picks another day)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expiry"].required = True
        self.fields["expiry"].initial = timezone.now() + knox_settings.TOKEN_TTL


admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class ApiTokenAdmin(knox_admin.AuthTokenAdmin):
    """API tokens are stored as a hash: the key is shown once, in the message after the token is created, and
    never again. The list shows the first characters of the key to tell tokens apart."""

    add_form = ApiTokenCreateForm
    list_display = ("token_key", "user", "created", "expiry")
    search_fields = ("token_key", "user__username")

    def has_change_permission(self, request, obj=None):
        return False


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    """People are deactivated (“Active” unticked: they can no longer sign in), never deleted: the history of
    every figure, target, submission and decision names who made each change, and a deleted person's changes would
    lose their author (simple-history sets it to nothing) with the admin's own log of them."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
