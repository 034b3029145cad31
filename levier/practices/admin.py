from django.contrib import admin

from levier.practices.forms import SourcesField
from levier.practices.models import Practice, PracticeLink
from levier.tenancy.admin import TenantAdmin


class PracticeLinkInline(admin.TabularInline):
    model = PracticeLink
    extra = 0


@admin.register(Practice)
class PracticeAdmin(TenantAdmin):
    """Network admins edit their network's practices; the shipped library is code."""

    list_display = ["title", "network", "status", "effort", "cost", "updated_at"]
    list_filter = ["status", "effort", "cost", "network"]
    search_fields = ["title", "title_en", "summary", "code"]
    readonly_fields = ["search_document", "created_at", "updated_at"]
    inlines = [PracticeLinkInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The sources are typed as in a spreadsheet cell, one "name | year | url" a line.
        if db_field.name == "sources":
            return SourcesField()
        return super().formfield_for_dbfield(db_field, request, **kwargs)
