"""Forms of the mentoring pairs a network's staff follow."""

from django import forms
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import Organisation
from levier.finance.models import Funder, MentoringNote, MentoringPair

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MentoringPairForm(forms.ModelForm):
    """The model's own checks (one mentor, not oneself, end after start) show
    above the form."""

    class Meta:
        model = MentoringPair
        fields = [
            "kind",
            "mentor_organisation",
            "mentor_funder",
            "mentee",
            "goals",
            "started_on",
            "ended_on",
        ]
        widgets = {"started_on": DATE, "ended_on": DATE}
        help_texts = {
            "mentor_organisation": _("Either a member or a funder."),
            "mentor_funder": _("Either a member or a funder."),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.network = network
        organisations = Organisation.objects.filter(network=network).order_by("name")
        self.fields["mentor_organisation"].queryset = organisations
        self.fields["mentee"].queryset = organisations
        self.fields["mentor_funder"].queryset = Funder.objects.filter(network=network)


class MentoringEndForm(forms.ModelForm):
    class Meta:
        model = MentoringPair
        fields = ["ended_on"]
        widgets = {"ended_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].required = True


class MentoringNoteForm(forms.ModelForm):
    class Meta:
        model = MentoringNote
        fields = ["on", "text"]
        widgets = {"on": DATE}
