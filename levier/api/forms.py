"""Forms of the API access pages: a new token, a new webhook."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.api import outbound, services, webhooks
from levier.api.models import WebhookEvent

EXPIRY_CHOICES = [
    ("30", _("In 30 days")),
    ("90", _("In 90 days")),
    ("365", _("In a year")),
    ("never", _("Never")),
]
RIGHT_LABELS = {"read": _("Read"), "write": _("Write")}


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What it is for, so you recognise it later: “Website”, “HR system”…"),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Access"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Write includes read. Give only what the tool needs."),
        error_messages={"required": _("Choose at least one area.")},
    )
    expiry = forms.ChoiceField(
        label=_("Expires"), choices=EXPIRY_CHOICES, initial="90", widget=forms.RadioSelect
    )

    def __init__(self, *args, owner_is_network: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = services.areas_for(owner_is_network)
        self.fields["scopes"].choices = [
            (f"{area}:{right}", RIGHT_LABELS[right])
            for area in self.areas
            for right in services.RIGHTS
        ]

    def area_rows(self):
        """(area label, its read and write checkboxes) per area."""
        boxes = list(self["scopes"])
        width = len(services.RIGHTS)
        return [
            (label, boxes[index * width : (index + 1) * width])
            for index, label in enumerate(self.areas.values())
        ]

    def expires_at(self):
        days = self.cleaned_data["expiry"]
        return None if days == "never" else timezone.now() + timedelta(days=int(days))


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Levier sends each event there as a signed POST request."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
    )

    def __init__(self, *args, owner_is_network: bool, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(WebhookEvent.choices)
        self.fields["events"].choices = [
            (event.value, labels[event.value]) for event in webhooks.events_for(owner_is_network)
        ]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            outbound.check_url(url)
        except outbound.UnsafeURL as unsafe:
            raise forms.ValidationError(str(unsafe)) from unsafe
        return url
