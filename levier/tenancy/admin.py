"""The back office obeys the same scope as every page.

Django's admin is the back office of network admins (and of superusers, who
run the platform). Every admin page runs in the person's scope (the models'
managers filter it) and, on top, a network admin sees and changes only the
objects of the networks they administer: the lists, the change pages, the
choices of every form field and the list filters. An object outside answers
404, as everywhere else. Django's per-model permissions are not used: the
network role is the permission.
"""

from django.contrib import admin
from django.contrib.admin.filters import RelatedFieldListFilter
from django.db.models import Q
from django.http import Http404

from levier.tenancy.links import network_path
from levier.tenancy.scope import system


class LevierAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        wrapped = super().admin_view(view, cacheable)

        def scoped(request, *args, **kwargs):
            # Superusers run the platform: the whole database is theirs here,
            # and only here (their pages elsewhere follow their roles).
            if request.user.is_active and request.user.is_superuser:
                with system():
                    return wrapped(request, *args, **kwargs)
            return wrapped(request, *args, **kwargs)

        scoped.__name__ = getattr(view, "__name__", "admin_view")
        return scoped


def administered(request) -> frozenset[int]:
    return request.scope.admin_network_ids


def in_administered_networks(model, request) -> Q | None:
    """The filter keeping a network admin to their networks; None for a
    model that belongs to no network."""
    path = network_path(model)
    if path is None:
        return None
    return Q(**{f"{path}__in": administered(request)})


class AdministeredRelatedFilter(RelatedFieldListFilter):
    """A list filter on a related object offering only those of the admin's
    networks (Django's offers every row of the related table)."""

    def field_choices(self, field, request, model_admin):
        choices = super().field_choices(field, request, model_admin)
        if request.user.is_superuser:
            return choices
        narrowing = in_administered_networks(field.related_model, request)
        if narrowing is None:
            return choices
        allowed = set(
            field.related_model._default_manager.filter(narrowing).values_list("pk", flat=True)
        )
        return [(pk, label) for pk, label in choices if pk in allowed]


class TenantAdmin(admin.ModelAdmin):
    """Base of every ModelAdmin of Levier.

    ``view_only`` models are read, never written, by network admins (people's
    identities and roles inside member organisations belong to those
    organisations); superusers may change them.
    """

    view_only = False
    superuser_only_add = False

    def administered_rows(self, request) -> Q | None:
        """The rows a network admin may see here; None for none at all."""
        return in_administered_networks(self.model, request)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        narrowing = self.administered_rows(request)
        if narrowing is None:
            return queryset.none()
        return queryset.filter(narrowing).distinct()

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
        if self.view_only and not request.user.is_superuser:
            return False
        return self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.view_only and not request.user.is_superuser:
            return False
        return self._in_scope(request, obj)

    def has_add_permission(self, request):
        if request.user.is_superuser:
            return True
        if self.view_only or self.superuser_only_add:
            return False
        return request.user.is_staff

    def _narrow(self, field, request):
        if field is None or request.user.is_superuser:
            return field
        narrowing = in_administered_networks(field.queryset.model, request)
        if narrowing is not None:
            field.queryset = field.queryset.filter(narrowing).distinct()
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Offer only the objects of the admin's networks, for every field."""
        return self._narrow(super().formfield_for_foreignkey(db_field, request, **kwargs), request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._narrow(super().formfield_for_manytomany(db_field, request, **kwargs), request)

    def get_list_filter(self, request):
        """Filters on related objects list only those of the admin's networks."""
        found = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and self._is_relation(entry):
                entry = (entry, AdministeredRelatedFilter)
            found.append(entry)
        return found

    def _is_relation(self, lookup: str) -> bool:
        model = self.model
        for name in lookup.split("__"):
            field = model._meta.get_field(name)
            if not field.is_relation:
                return False
            model = field.related_model
        return True

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index with "doesn't exist, perhaps deleted";
        # outside one's scope an object does not exist: 404, like the site.
        raise Http404


class TenantInline(admin.TabularInline):
    """Inlines follow their admin's rules; ``view_only`` ones are read only
    for network admins."""

    view_only = False

    def _writable(self, request) -> bool:
        return request.user.is_superuser or not self.view_only

    def has_add_permission(self, request, obj=None):
        return self._writable(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._writable(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._writable(request) and super().has_delete_permission(request, obj)
