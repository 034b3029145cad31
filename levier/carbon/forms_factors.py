"""Forms of the emission factors' pages: the search and the import."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from levier.carbon import labels
from levier.carbon.models import FactorSource, Post, Unit
from levier.lib.text import SingleLineFormField

SEARCH_MAX_LENGTH = 100


class FactorSearchForm(forms.Form):
    q = SingleLineFormField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Words of the name or category, or the identifier in the source."),
    )
    post = forms.ChoiceField(label=_("Inventory category"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Feminine in French: "catégorie", "unité", "source".
        everything = [("", pgettext_lazy("factor filter: category, unit, source", "All"))]
        self.fields["post"].choices = everything + [(p, labels.post_label(p)) for p in Post.values]
        self.fields["unit"].choices = everything + list(Unit.choices)
        self.fields["source"].choices = everything + list(FactorSource.choices)

    def criteria(self) -> dict:
        """What to search for: empty when the form is invalid (nothing typed is lost:
        the form shows its errors)."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class FactorImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export file (CSV)"),
        help_text=_(
            "The CSV export of the Base Carbone or the Base Empreinte, separated by commas or "
            "semicolons, in UTF-8 or Windows-1252. A file with an error imports nothing."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[
            (FactorSource.BASE_CARBONE, FactorSource.BASE_CARBONE.label),
            (FactorSource.BASE_EMPREINTE, FactorSource.BASE_EMPREINTE.label),
        ],
        initial=FactorSource.BASE_EMPREINTE,
    )
    source_version = SingleLineFormField(
        label=_("Version of the export"),
        max_length=40,
        help_text=_("As the base names it, e.g. “23.6”."),
    )
