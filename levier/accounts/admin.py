"""The back office of network admins: Django's admin, scoped to their networks.

Superusers see everything. A network admin sees and edits the objects of the
networks they administer, and nothing else; Django's per-model permissions
are not used, the network role is the permission.
"""

from django.contrib import admin
from django.db.models import Q

from levier.accounts.models import (
    Invitation,
    Membership,
    Network,
    NetworkRole,
    Organisation,
    User,
)


class NetworkScopedAdmin(admin.ModelAdmin):
    network_lookup = "network"  # path from the model to its Network
    superuser_only_add = False

    def scope_filter(self, request) -> Q:
        return Q(**{f"{self.network_lookup}__in": request.user.administered_network_ids})

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(self.scope_filter(request)).distinct()

    def _in_scope(self, request, obj) -> bool:
        if request.user.is_superuser:
            return True
        if not request.user.is_staff:
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._in_scope(request, obj)

    def has_add_permission(self, request):
        if self.superuser_only_add:
            return request.user.is_superuser
        return request.user.is_staff

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Offer only the networks and organisations the admin may act on."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if request.user.is_superuser or field is None:
            return field
        networks = request.user.administered_network_ids
        if db_field.related_model is Network:
            field.queryset = field.queryset.filter(pk__in=networks)
        elif db_field.related_model is Organisation:
            field.queryset = field.queryset.filter(network__in=networks)
        elif db_field.related_model is User:
            field.queryset = field.queryset.filter(
                Q(memberships__organisation__network__in=networks)
                | Q(network_roles__network__in=networks)
            ).distinct()
        return field


@admin.register(Network)
class NetworkAdmin(NetworkScopedAdmin):
    network_lookup = "pk"
    superuser_only_add = True
    list_display = ["name", "slug", "created_at"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(NetworkScopedAdmin):
    list_display = ["name", "network", "size_band", "naf_code", "region", "siren"]
    list_filter = ["network", "size_band", "naf_section", "region", "is_ess", "is_mission"]
    search_fields = ["name", "siren", "naf_code"]
    readonly_fields = ["size_band", "naf_section", "created_at", "updated_at"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(NetworkScopedAdmin):
    network_lookup = "organisation__network"
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation__network"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(NetworkRole)
class NetworkRoleAdmin(NetworkScopedAdmin):
    list_display = ["user", "network", "role"]
    list_filter = ["role", "network"]
    autocomplete_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(NetworkScopedAdmin):
    network_lookup = "organisation__network"
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token", "accepted_at", "accepted_by", "invited_by", "created_at"]


@admin.register(User)
class UserAdmin(NetworkScopedAdmin):
    superuser_only_add = True
    list_display = ["email", "full_name", "is_active", "last_login", "closed_at"]
    list_filter = ["is_active"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    fields = ["email", "full_name", "is_active", "last_login", "date_joined", "closed_at"]
    readonly_fields = ["last_login", "date_joined", "closed_at"]

    def scope_filter(self, request) -> Q:
        networks = request.user.administered_network_ids
        return Q(memberships__organisation__network__in=networks) | Q(
            network_roles__network__in=networks
        )

    def get_fields(self, request, obj=None):
        if request.user.is_superuser:
            return [*self.fields, "is_superuser"]
        return self.fields
