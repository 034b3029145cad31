from django import forms
from django.utils.translation import gettext_lazy as _

from levier.accounts import naf
from levier.lib.text import normalise_identifier
from levier.membership.models import DirectoryEntry, JoinPage, JoinRequest


class JoinRequestForm(forms.ModelForm):
    # Wider than the model fields, as on the organisation form: "732 829 320"
    # and "62 01 Z" are normalised before the model checks them.
    siren = forms.CharField(
        label=_("SIREN"),
        max_length=20,
        help_text=JoinRequest._meta.get_field("siren").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    naf_code = forms.CharField(
        label=_("NAF code"),
        required=False,
        max_length=20,
        help_text=JoinRequest._meta.get_field("naf_code").help_text,
        widget=forms.TextInput(attrs={"list": "naf-codes", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the network's team keeps these details to review this request "
            "and contacts me about it."
        ),
    )

    class Meta:
        model = JoinRequest
        fields = [
            "company_name",
            "siren",
            "legal_form",
            "headcount",
            "naf_code",
            "region",
            "website",
            "contact_name",
            "contact_job",
            "contact_email",
            "motivation",
        ]
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_job": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "company_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "motivation": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_siren(self):
        return normalise_identifier(self.cleaned_data["siren"])

    def clean_naf_code(self):
        code = self.cleaned_data["naf_code"]
        return naf.normalise(code) if code else ""


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Sent with the answer, e.g. another network that would fit."),
    )


class DirectoryEntryForm(forms.ModelForm):
    class Meta:
        model = DirectoryEntry
        fields = ["listed", "job_title", "can_help_with"]
        widgets = {"can_help_with": forms.Textarea(attrs={"rows": 3})}


class JoinPageForm(forms.ModelForm):
    class Meta:
        model = JoinPage
        fields = ["is_open", "welcome"]
        widgets = {"welcome": forms.Textarea(attrs={"rows": 3})}
