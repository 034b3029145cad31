from django.contrib import admin

from levier.programmes.models import Programme
from levier.tenancy.admin import TenantAdmin


@admin.register(Programme)
class ProgrammeAdmin(TenantAdmin):
    list_display = ["title", "network", "seats"]
