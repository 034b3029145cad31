"""Frameworks in the back office: network admins upload packs, validated like shipped ones."""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import Network
from levier.frameworks.models import Framework, FrameworkVersion
from levier.frameworks.services import PublishError, publish, size_report
from levier.tenancy.admin import TenantAdmin


class PackUploadForm(forms.ModelForm):
    pack_file = forms.FileField(
        label=_("Pack file (YAML)"),
        help_text=_("Checked like the packs shipped with Levier: see docs/frameworks.md."),
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        required=False,
        help_text=_("The network that may use it; empty for every network."),
    )

    class Meta:
        model = FrameworkVersion
        fields = []

    request = None  # set by FrameworkVersionAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        if user.is_superuser:
            self.fields["network"].queryset = Network.objects.all()
        else:
            self.fields["network"].queryset = Network.objects.filter(
                pk__in=self.request.scope.admin_network_ids
            )
            self.fields["network"].required = True
            self.fields["network"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("pack_file")
        if upload is None or self.errors:
            # Never publish when the network was refused: it would default to all.
            return cleaned
        too_large = size_report(upload.size, upload.name)
        if too_large:
            # Refused on its declared size, before the whole upload is read into memory.
            raise forms.ValidationError(too_large)
        try:
            source = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        try:
            self.published = publish(
                source,
                upload.name,
                network=cleaned.get("network"),
                uploaded_by=self.request.user,
            )
        except PublishError as error:
            raise forms.ValidationError(
                [forms.ValidationError(message) for message in error.messages]
            ) from None
        return cleaned

    def save(self, commit=True):
        return self.published

    def save_m2m(self):
        pass


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(TenantAdmin):
    list_display = ["title_fr", "framework", "version", "question_count", "is_shipped"]
    list_filter = ["is_shipped"]
    search_fields = ["title_fr", "title_en", "framework__code"]
    readonly_fields = [
        "framework",
        "version",
        "title_fr",
        "title_en",
        "question_count",
        "is_shipped",
        "uploaded_by",
        "published_at",
        "digest",
        "source",
    ]

    def administered_rows(self, request) -> Q:
        # The shipped frameworks are every network's: read, never deleted.
        networks = request.scope.admin_network_ids
        return Q(framework__network__isnull=True) | Q(framework__network__in=networks)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        return type("PackUploadFormForRequest", (PackUploadForm,), {"request": request})

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["pack_file", "network"]})]
        return super().get_fieldsets(request, obj)

    def has_change_permission(self, request, obj=None):
        # A published version never changes: it is viewed, or deleted if unused.
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (
            obj.is_shipped or (obj.framework.network_id is None and not request.user.is_superuser)
        ):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Framework)
class FrameworkAdmin(TenantAdmin):
    list_display = ["code", "network", "created_at"]
    readonly_fields = ["code", "network", "created_at"]

    def administered_rows(self, request) -> Q:
        networks = request.scope.admin_network_ids
        return Q(network__isnull=True) | Q(network__in=networks)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
