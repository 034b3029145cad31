from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levier.accounts import naf
from levier.accounts.models import SizeBand
from levier.lib.text import MultiLineFormField
from levier.practices.models import Cost, Effort, Practice, PracticeLink
from levier.practices.services import level_problem, linkable_packs
from levier.practices.sources import format_sources, parse_sources


class SourcesField(forms.CharField):
    """The sources of a practice typed one a line as ``name | year | link``,
    cleaned into the list the model stores."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Sources"))
        kwargs.setdefault(
            "help_text",
            _(
                "Where your figures come from, one source a line: name | year | link, "
                "e.g. INSEE | 2024 | https://www.insee.fr/…"
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return format_sources(value)
        return value

    def to_python(self, value):
        return parse_sources(super().to_python(value))

    def has_changed(self, initial, data):
        return format_sources(initial or []) != (data or "").strip()


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


def _level_text(level, language: str) -> str:
    if level.label is not None:
        return level.label.get(language)
    return {"yes": gettext("Yes"), "no": gettext("No")}.get(level.code, level.code)


def link_value(framework: str, question_code: str, level_code: str) -> str:
    return f"{framework}:{question_code}:{level_code}"


class LinksField(forms.MultipleChoiceField):
    """The questions a practice improves and the level it lets one reach, among
    the newest versions of the frameworks the network uses; each choice is
    ``framework:question:level``. Checked with the import's rules
    (``services.level_problem``), so a tampered choice gets its own reason."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.packs: dict = {}

    def set_packs(self, packs: dict, language: str) -> None:
        self.packs = packs
        groups = []
        for code, pack in sorted(packs.items()):
            for theme in pack.themes:
                options = []
                for question in theme.questions:
                    if not pack.is_scoreable(question):
                        continue
                    text = Truncator(question.text.get(language)).chars(90)
                    options += [
                        (
                            link_value(code, question.code, level.code),
                            f"{question.code} · {text} → {_level_text(level, language)}",
                        )
                        for level in question.levels
                        if level.points > question.starting_points
                    ]
                if options:
                    groups.append(
                        (f"{pack.title.get(language)} · {theme.title.get(language)}", options)
                    )
        self.choices = groups

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        problems, seen = [], set()
        for item in value:
            framework, _sep, rest = item.partition(":")
            question_code, _sep, level_code = rest.partition(":")
            problem = level_problem(self.packs, framework, question_code, level_code)
            if problem:
                problems.append(problem)
            elif (framework, question_code) in seen:
                problems.append(
                    gettext("%(question)s is chosen twice: choose one level per question")
                    % {"question": question_code}
                )
            seen.add((framework, question_code))
        if problems:
            raise ValidationError(problems, code="invalid_link")


class PracticeForm(forms.ModelForm):
    """What a member proposes, or an animator edits: the practice, its sources,
    and the framework questions it improves."""

    themes = forms.MultipleChoiceField(
        label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    size_bands = forms.MultipleChoiceField(
        label=_("Sizes it suits"),
        choices=SizeBand.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources = SourcesField()
    links = LinksField(
        label=_("Questions it improves"),
        help_text=_(
            "The assessment questions this practice improves, and the answer it lets one "
            "reach. Once published, it is suggested to members whose answers it improves."
        ),
        widget=forms.SelectMultiple(attrs={"size": 12}),
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
            "sources",
            "title_en",
            "summary_en",
            "context_en",
            "steps_en",
            "results_en",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "context": forms.Textarea(attrs={"rows": 4}),
            "steps": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "context_en": forms.Textarea(attrs={"rows": 4}),
            "steps_en": forms.Textarea(attrs={"rows": 6}),
            "results_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, pack=None, network=None, language="fr", **kwargs):
        super().__init__(*args, **kwargs)
        if pack is not None:
            self.fields["themes"].choices = [(t.code, t.title.get(language)) for t in pack.themes]
        self.fields["author_named"].help_text = _(
            "Other members see your organisation's name on the practice."
        )
        self.fields["links"].set_packs(linkable_packs(network), language)
        if self.instance.pk:
            self.fields["links"].initial = [
                link_value(link.framework, link.question_code, link.level_code)
                for link in self.instance.links.filter(
                    framework__in=list(self.fields["links"].packs)
                )
            ]

    def save_links(self, practice: Practice) -> None:
        """The practice's links to the offered frameworks, as chosen; links to
        frameworks not offered here (an older one of the network) are kept."""
        offered = list(self.fields["links"].packs)
        practice.links.filter(framework__in=offered).delete()
        chosen = []
        for item in self.cleaned_data["links"]:
            framework, question_code, level_code = item.split(":", 2)
            chosen.append(
                PracticeLink(
                    practice=practice,
                    framework=framework,
                    question_code=question_code,
                    level_code=level_code,
                )
            )
        PracticeLink.objects.bulk_create(chosen)


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
