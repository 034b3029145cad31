from django import forms
from django.utils.translation import gettext_lazy as _

from levier.clubs.models import Club


class ClubForm(forms.ModelForm):
    class Meta:
        model = Club
        fields = ["name", "description", "min_headcount", "resources"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "resources": forms.Textarea(attrs={"rows": 4}),
        }


class JoinForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("For"), coerce=int)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
