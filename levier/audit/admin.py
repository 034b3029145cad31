"""The audit trail in the back office: network admins read their networks'
entries (their organisations' included), superusers everyone's; nobody adds,
changes or deletes one here (prune_audit forgets old entries)."""

from django.contrib import admin

from levier.audit.models import AuditEntry
from levier.tenancy.admin import TenantAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(TenantAdmin):
    view_only = True
    list_display = ["when", "action", "actor", "subject", "organisation", "network", "detail"]
    list_filter = ["action", "network"]
    list_select_related = ["actor", "subject", "organisation", "network"]
    search_fields = ["detail", "organisation__name"]
    date_hierarchy = "when"
    fields = [
        "when",
        "action",
        "actor",
        "subject",
        "organisation",
        "network",
        "detail",
        "ip_prefix",
        "user_agent",
    ]
    readonly_fields = fields

    # Stricter than view_only, which lets superusers change rows: a trail
    # that can be edited by hand proves nothing.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
