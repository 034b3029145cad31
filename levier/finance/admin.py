from django.contrib import admin

from levier.finance.models import Funder, FunderContact
from levier.tenancy.admin import TenantAdmin, TenantInline


class FunderContactInline(TenantInline):
    """Contact people are invited from the network's pages (an email, an
    account): read here only."""

    model = FunderContact
    view_only = True
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]
    extra = 0


@admin.register(Funder)
class FunderAdmin(TenantAdmin):
    list_display = ["name", "kind", "network", "ticket_min", "ticket_max", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    readonly_fields = ["created_at"]
    inlines = [FunderContactInline]
