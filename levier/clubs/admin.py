from django.contrib import admin

from levier.clubs.models import Club
from levier.tenancy.admin import TenantAdmin


@admin.register(Club)
class ClubAdmin(TenantAdmin):
    list_display = ["name", "network"]
