from django.contrib import admin

from levier.carbon.models import EmissionFactor
from levier.tenancy.admin import TenantAdmin


@admin.register(EmissionFactor)
class EmissionFactorAdmin(TenantAdmin):
    """Network admins see their network's imported factors; the shipped set
    (no network) is code, changed by ``sync_factors``. A factor's figures are
    never edited here: a new value is a new version, through an import."""

    list_display = ["name_fr", "unit", "value", "uncertainty", "source", "source_id", "network"]
    list_filter = ["source", "unit", "network"]
    search_fields = ["name_fr", "name_en", "category", "source_id", "key"]
    readonly_fields = [
        "key",
        "unit",
        "value",
        "source",
        "source_id",
        "source_version",
        "superseded_by",
        "created_at",
    ]
    superuser_only_add = True
