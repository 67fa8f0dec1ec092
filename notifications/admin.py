from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: what each person was told, and what became of its e-mail (a failed one with its error)."""

    list_display = ("recipient", "kind", "created_at", "read_at", "mail_status", "mail_attempts", "mail_error")
    list_filter = ("kind", "mail_status")
    list_select_related = ("recipient",)
    search_fields = ("recipient__username", "recipient__email")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
