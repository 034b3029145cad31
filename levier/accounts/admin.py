"""Networks, organisations and people in the back office.

Network admins onboard organisations and give network roles; the people of a
member organisation, their identity (email, password, name) and their roles
there belong to that organisation: network admins read them, never change
them (people change their own details, organisation admins their roles).
"""

from django.contrib import admin

from levier.accounts.models import (
    Invitation,
    Membership,
    Network,
    NetworkRole,
    Organisation,
    User,
)
from levier.finance.models import FunderContact
from levier.tenancy.admin import TenantAdmin, TenantInline


@admin.register(Network)
class NetworkAdmin(TenantAdmin):
    superuser_only_add = True
    list_display = ["name", "slug", "created_at"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class MembershipInline(TenantInline):
    model = Membership
    extra = 0
    view_only = True
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(TenantAdmin):
    list_display = ["name", "network", "size_band", "naf_code", "region", "siren"]
    list_filter = ["network", "size_band", "naf_section", "region", "is_ess", "is_mission"]
    search_fields = ["name", "siren", "naf_code"]
    readonly_fields = ["size_band", "naf_section", "created_at", "updated_at"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(TenantAdmin):
    view_only = True
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation__network"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(NetworkRole)
class NetworkRoleAdmin(TenantAdmin):
    list_display = ["user", "network", "role"]
    list_filter = ["role", "network"]
    autocomplete_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(TenantAdmin):
    view_only = True
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token", "accepted_at", "accepted_by", "invited_by", "created_at"]


@admin.register(User)
class UserAdmin(TenantAdmin):
    """People of the admin's networks (members, staff, funders' contact
    people), read only: an email changed here would let a password reset
    open the person's other organisations."""

    view_only = True
    list_display = ["email", "full_name", "is_active", "last_login", "closed_at"]
    list_filter = ["is_active"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    fields = ["email", "full_name", "is_active", "last_login", "date_joined", "closed_at"]
    readonly_fields = ["last_login", "date_joined", "closed_at"]

    def get_queryset(self, request):
        queryset = super(TenantAdmin, self).get_queryset(request)
        if request.user.is_superuser:
            return queryset
        networks = request.scope.admin_network_ids
        members = Membership.objects.filter(organisation__network__in=networks).values("user")
        staff = NetworkRole.objects.filter(network__in=networks).values("user")
        funders = FunderContact.objects.filter(funder__network__in=networks).values("user")
        return queryset.filter(pk__in=members.union(staff, funders))

    def get_fields(self, request, obj=None):
        if request.user.is_superuser:
            return [*self.fields, "is_superuser"]
        return self.fields
