from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from indicators.admin import HistoryAdmin, PeriodFilter, period
from reports.models import Consolidation, Reminder, ReportIssuer


@admin.register(Consolidation)
class ConsolidationAdmin(admin.ModelAdmin):
    """Read-only: a sent version is never changed."""

    list_display = (period, "version", "consolidated_by", "consolidated_at")
    exclude = ("snapshot",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The reminders as the runs left them: sent, failed (with the error) and skipped (with why). Read-only: a row
    deleted would have the person reminded again, with no trace."""

    list_display = ("recipient", "unit", period, "kind", "outcome", "address", "reason", "sent_at")
    list_filter = ("outcome", "kind", PeriodFilter)
    list_select_related = ("recipient", "unit")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportIssuer)
class ReportIssuerAdmin(HistoryAdmin):
    """The one row of who issues and signs the report: added once, changed since (every change on record, and a
    sent version's file keeps the row as it was), never deleted."""

    list_display = ("issuing_body", "governing_body", "authority", "signer_title", "signer_name")
    fieldsets = (
        (_("Issuing body"), {"fields": ("governing_body", "issuing_body", "symbol", "place", "addressee")}),
        (_("Signer"), {"fields": ("authority", "head_title", "signer_title", "signer_name")}),
        (None, {"fields": ("recipients",)}),
    )

    def add_view(self, request, form_url="", extra_context=None):
        # The one row, once added, is changed: "add" opens it (asked here, not in has_add_permission, which every
        # admin page asks for its menu).
        existing = ReportIssuer.objects.first()
        if existing is not None:
            return redirect("admin:reports_reportissuer_change", existing.pk)
        return super().add_view(request, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # One row: "save and add another" would lead to a refused page.
        extra_context = {**(extra_context or {}), "show_save_and_add_another": False}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False
