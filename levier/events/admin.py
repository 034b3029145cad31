from django import forms
from django.contrib import admin
from django.db import models

from levier.events.models import Event
from levier.tenancy.admin import TenantAdmin


@admin.register(Event)
class EventAdmin(TenantAdmin):
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}
    }
    list_display = ["title", "kind", "start", "network", "capacity", "audience"]
    list_filter = ["kind", "audience"]
    search_fields = ["title"]
    readonly_fields = ["created_at", "updated_at"]
