from django import forms
from django.utils.translation import gettext_lazy as _

from levier.accounts import naf
from levier.accounts.models import SizeBand
from levier.lib.text import MultiLineFormField
from levier.practices.models import Cost, Effort, Practice


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    pillar = forms.ChoiceField(label=_("Pillar"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    size_band = forms.ChoiceField(label=_("Size"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    effort = forms.ChoiceField(label=_("Effort"), required=False)
    cost = forms.ChoiceField(label=_("Cost"), required=False)
    question = forms.CharField(required=False, widget=forms.HiddenInput)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Relevance")),
            ("adopted", _("Most adopted")),
            ("newest", _("Newest")),
        ],
    )

    def __init__(self, *args, pack=None, language="fr", **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        if pack is not None:
            self.fields["pillar"].choices = everything + [
                (p.code, p.title.get(language)) for p in pack.pillars
            ]
            self.fields["theme"].choices = everything + [
                (t.code, t.title.get(language)) for t in pack.themes
            ]
        else:
            self.fields["pillar"].choices = self.fields["theme"].choices = everything
        self.fields["size_band"].choices = everything + list(SizeBand.choices)
        self.fields["sector"].choices = everything + naf.section_choices()
        self.fields["effort"].choices = everything + list(Effort.choices)
        self.fields["cost"].choices = everything + list(Cost.choices)


class PracticeForm(forms.ModelForm):
    """What a member proposes, or an animator edits."""

    themes = forms.MultipleChoiceField(
        label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    size_bands = forms.MultipleChoiceField(
        label=_("Sizes it suits"),
        choices=SizeBand.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Practice
        fields = [
            "title",
            "summary",
            "context",
            "steps",
            "results",
            "effort",
            "cost",
            "themes",
            "size_bands",
            "author_named",
            "title_en",
            "summary_en",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "context": forms.Textarea(attrs={"rows": 4}),
            "steps": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, pack=None, language="fr", **kwargs):
        super().__init__(*args, **kwargs)
        if pack is not None:
            self.fields["themes"].choices = [(t.code, t.title.get(language)) for t in pack.themes]
        self.fields["author_named"].help_text = _(
            "Other members see your organisation's name on the practice."
        )


class ReviewForm(forms.Form):
    comment = MultiLineFormField(
        label=_("Comment for the authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to send it back: say what to change."),
    )
    is_public = forms.BooleanField(label=_("Also show it to the public"), required=False)


class ImportForm(forms.Form):
    # The file itself is checked by exchange.read_file, whose refusals the page lists.
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("The columns of the export. A file with an error imports nothing."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
