"""Good practices: generic actions, linked to the questions they improve, with
how many members adopted them and, once measured, what they gained."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levier.lib.limits import LONG_TEXT_MAX_LENGTH
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.practices.sources import validate_sources
from levier.practices.text import practice_document
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager


class Effort(models.TextChoices):
    LOW = "low", _("Low: a few days")
    MEDIUM = "medium", _("Medium: a few weeks")
    HIGH = "high", _("High: a project of several months")


class Cost(models.TextChoices):
    NONE = "none", _("No cost")
    LOW = "low", _("Under 1,000 €")
    MEDIUM = "medium", _("1,000 to 10,000 €")
    HIGH = "high", _("Over 10,000 €")


class ListField(models.CharField):
    """A short list of codes stored as ",a,b,", so that one code is found with
    ``__contains=",a,"`` on every database (JSON containment is not portable)."""

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [item for item in (value or "").split(",") if item]

    def get_prep_value(self, value):
        if isinstance(value, str):
            value = self.to_python(value)
        return f",{','.join(value)}," if value else ""

    def value_to_string(self, obj):
        return ",".join(self.value_from_object(obj))


@dataclass(frozen=True)
class ShownText:
    """A text as a page shows it, and its language when it differs from the page's."""

    text: object
    lang: str


def step_lines(text: str) -> list[str]:
    """Steps written one a line, list marks left out."""
    return [line.strip(" -•*\t") for line in (text or "").splitlines() if line.strip(" -•*\t")]


def has_code(field: str, code: str) -> Q:
    return Q(**{f"{field}__contains": f",{code},"})


class PracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Practice.Status.PUBLISHED)


class Practice(TenantLinks, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    # Empty: the library shipped with Levier, shared by every network.
    network = models.ForeignKey(
        "accounts.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("network"),
    )
    code = models.SlugField(_("code"), max_length=80)
    title = SingleLineTextField(_("title"))
    title_en = SingleLineTextField(_("title in English"), blank=True)
    summary = MultiLineTextField(_("summary"))
    summary_en = MultiLineTextField(_("summary in English"), blank=True)
    context = MultiLineTextField(
        _("context"),
        max_length=LONG_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("The problem it answers and for whom. Markdown."),
    )
    steps = MultiLineTextField(
        _("steps"), max_length=LONG_TEXT_MAX_LENGTH, help_text=_("One step per line.")
    )
    results = MultiLineTextField(
        _("results obtained"),
        max_length=LONG_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("What changed, with figures. Markdown."),
    )
    context_en = MultiLineTextField(
        _("context in English"), max_length=LONG_TEXT_MAX_LENGTH, blank=True
    )
    steps_en = MultiLineTextField(
        _("steps in English"),
        max_length=LONG_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("One step per line, as many as in French."),
    )
    results_en = MultiLineTextField(
        _("results obtained in English"), max_length=LONG_TEXT_MAX_LENGTH, blank=True
    )
    # [{"name", "year", "url"}], where the figures of the texts come from.
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_sources]
    )
    effort = models.CharField(_("effort"), max_length=6, choices=Effort.choices)
    cost = models.CharField(_("cost"), max_length=6, choices=Cost.choices)
    size_bands = ListField(_("sizes"), max_length=40, blank=True)
    sectors = ListField(
        _("sectors"), max_length=60, blank=True, help_text=_("Empty: every sector.")
    )
    themes = ListField(_("themes"), max_length=120, blank=True)
    tags = ListField(_("tags"), max_length=300, blank=True)
    author_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_practices",
        verbose_name=_("organisation that did it"),
    )
    author_named = models.BooleanField(_("the organisation agrees to be named"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_public = models.BooleanField(_("visible to the public"), default=False)
    review_comment = MultiLineTextField(_("comment of the reviewer"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Folded text of the practice (see text.py), indexed by each database's
    # full-text engine.
    search_document = models.TextField(editable=False, default="")

    # Who sees which practice (published, public, drafts) is the scope's
    # "practice" rule.
    objects = tenant_manager("practice", queryset=PracticeQuerySet)
    same_network = ("author_organisation",)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["network", "code"], name="practice_code_per_network"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(network__isnull=True), name="shipped_practice_code"
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        self.search_document = self.build_search_document()
        super().save(*args, **kwargs)

    def build_search_document(self) -> str:
        # Title and body apart: the search engines weigh a title match more.
        return practice_document(self)

    @property
    def display_title(self) -> str:
        return self.title_en if get_language() == "en" and self.title_en else self.title

    @property
    def display_summary(self) -> str:
        return self.summary_en if get_language() == "en" and self.summary_en else self.summary

    @property
    def step_list(self) -> list[str]:
        return step_lines(self.steps)

    def _shown(self, french: str, english: str) -> "ShownText":
        """The English text in an English interface; else, or when there is none,
        the French one, marked French when the page is in English."""
        if get_language() != "en":
            return ShownText(french, "")
        if english:
            return ShownText(english, "")
        return ShownText(french, "fr" if french else "")

    @property
    def shown_title(self) -> "ShownText":
        return self._shown(self.title, self.title_en)

    @property
    def shown_summary(self) -> "ShownText":
        return self._shown(self.summary, self.summary_en)

    @property
    def shown_context(self) -> "ShownText":
        return self._shown(self.context, self.context_en)

    @property
    def shown_results(self) -> "ShownText":
        return self._shown(self.results, self.results_en)

    @property
    def shown_steps(self) -> "ShownText":
        """Its ``text`` is the list of steps."""
        shown = self._shown(self.steps, self.steps_en)
        return ShownText(step_lines(shown.text), shown.lang)

    @property
    def shown_author(self):
        return self.author_organisation if self.author_named else None


class PracticeLink(models.Model):
    """The framework question a practice improves, and the level it lets you reach."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="links")
    framework = models.SlugField(max_length=80, default="levier-360")
    question_code = models.CharField(max_length=40)
    level_code = models.CharField(max_length=40)

    objects = tenant_manager("practice", "practice")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "framework", "question_code"], name="one_link_per_question"
            )
        ]
        indexes = [models.Index(fields=["framework", "question_code"])]

    def __str__(self):
        return f"{self.question_code} → {self.level_code}"


class Adoption(TenantLinks, models.Model):
    """An organisation says: we do it too."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="adoptions"
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("network", "organisation__network")
    same_network = ("practice",)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "organisation"], name="adopt_once")
        ]

    def __str__(self):
        return f"{self.organisation} · {self.practice}"


# Measured gains (docs/practice-gains.md, docs/adr/0030-measured-practice-gains.md) --
# Maintained by `levier.practices.gains` after an assessment is submitted, an
# adoption recorded or an action done, rebuilt by `manage.py
# rebuild_practice_gains`; pages read `PracticeGainFigure` only.


class MemberPracticeGain(models.Model):
    """What one member gained on one practice's questions of one framework,
    as an adopter (around its adoption) or not (over consecutive assessments):
    the small rows the network figures are counted from, never shown alone."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    network = models.ForeignKey("accounts.Network", on_delete=models.CASCADE, related_name="+")
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    framework = models.SlugField(max_length=80)
    adopted = models.BooleanField()
    gain = models.FloatField()

    objects = tenant_manager("work", "organisation")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "practice", "framework"], name="one_gain_per_member"
            )
        ]
        indexes = [models.Index(fields=["network", "practice"])]

    def __str__(self):
        return f"{self.organisation_id} · {self.practice_id}: {self.gain:+.2f}"


class PracticeGainFigure(models.Model):
    """A practice's measured gain in one network and framework, kept only when
    at least five members stand behind each average (the anonymity rule)."""

    network = models.ForeignKey("accounts.Network", on_delete=models.CASCADE, related_name="+")
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    framework = models.SlugField(max_length=80)
    adopters = models.PositiveIntegerField()
    adopters_average = models.FloatField()
    others = models.PositiveIntegerField()
    others_average = models.FloatField()

    objects = tenant_manager("network", "network")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "practice", "framework"], name="one_gain_figure"
            )
        ]

    def __str__(self):
        return f"{self.network_id} · {self.practice_id} · {self.framework}"

    @property
    def adopters_gain(self) -> str:
        return signed_points(self.adopters_average)

    @property
    def others_gain(self) -> str:
        return signed_points(self.others_average)


def signed_points(value: float) -> str:
    """Points with their sign, in the page's number format: "+1,4", "-0,3"."""
    shown = number_format(abs(value), 1)
    return ("-" if round(value, 1) < 0 else "+") + shown
