from django import forms
from django.utils.translation import gettext_lazy as _

from levier.accounts import naf
from levier.accounts.models import SizeBand
from levier.accounts.regions import Region


class DashboardFilterForm(forms.Form):
    size = forms.ChoiceField(label=_("Size"), required=False)
    sector = forms.ChoiceField(label=_("Sector (NAF section)"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    club = forms.TypedChoiceField(label=_("Club"), required=False, coerce=int, empty_value=None)
    programme = forms.TypedChoiceField(
        label=_("Programme cohort"), required=False, coerce=int, empty_value=None
    )
    framework = forms.TypedChoiceField(
        label=_("Assessment"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, versions, clubs=(), programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        self.fields["size"].choices = everyone + list(SizeBand.choices)
        self.fields["sector"].choices = everyone + naf.section_choices()
        self.fields["region"].choices = everyone + list(Region.choices)
        self.fields["club"].choices = everyone + [(club.pk, club.name) for club in clubs]
        self.fields["programme"].choices = everyone + [(p.pk, p.title) for p in programmes]
        if not clubs:
            del self.fields["club"]
        if not programmes:
            del self.fields["programme"]
        self.fields["framework"].choices = [
            (version.pk, f"{version.title} ({version.version})") for version in versions
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v and k != "framework"}
