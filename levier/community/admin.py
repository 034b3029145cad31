from django.contrib import admin

from levier.accounts.admin import NetworkScopedAdmin
from levier.community.models import Club, Event, Programme


@admin.register(Event)
class EventAdmin(NetworkScopedAdmin):
    list_display = ["title", "kind", "start", "network", "capacity", "audience"]
    list_filter = ["kind", "audience"]
    search_fields = ["title"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Club)
class ClubAdmin(NetworkScopedAdmin):
    list_display = ["name", "network"]


@admin.register(Programme)
class ProgrammeAdmin(NetworkScopedAdmin):
    list_display = ["title", "network", "seats"]
