"""Assessments, their answers and evidence, and the scores stored at submission."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from levier.assessments.uploads import StoredFile
from levier.engine.answers import Answer as EngineAnswer
from levier.engine.profile import Profile
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager


class Assessment(TenantLinks, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="assessments"
    )
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("framework"),
    )
    period = SingleLineTextField(
        _("period"), max_length=40, help_text=_("The period assessed, e.g. 2026.")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The organisation's profile when the assessment started: it decides which
    # questions apply, and must not shift under the people answering.
    headcount = models.PositiveIntegerField()
    naf_section = models.CharField(max_length=1, blank=True)
    flags = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = tenant_manager("work", "organisation")
    same_network = ("framework_version",)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return f"{self.framework_version.title} · {self.period}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def profile(self) -> Profile:
        return Profile(
            headcount=self.headcount,
            naf_section=self.naf_section or None,
            flags=frozenset(self.flags),
        )

    @property
    def pack(self):
        return self.framework_version.pack


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_code = models.CharField(max_length=40)
    levels = models.JSONField(default=list, blank=True)
    value = models.FloatField(null=True, blank=True)
    text = MultiLineTextField(_("your answer"), blank=True)
    not_applicable = models.BooleanField(default=False)
    comment = MultiLineTextField(_("comment"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Incremented on every save: a save based on an older version is a conflict.
    version = models.PositiveIntegerField(default=1)
    # Copied from the previous assessment: someone must confirm it still holds.
    to_confirm = models.BooleanField(default=False)

    objects = tenant_manager("work", "assessment__organisation")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_code"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.assessment_id} · {self.question_code}"

    def to_engine(self) -> EngineAnswer:
        return EngineAnswer(
            levels=frozenset(self.levels), value=self.value, na=self.not_applicable
        )

    @property
    def is_empty(self) -> bool:
        return not (self.levels or self.value is not None or self.text or self.not_applicable)


def evidence_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"evidence/{instance.answer.assessment.organisation_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(StoredFile):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=200)

    objects = tenant_manager("work", "answer__assessment__organisation")

    class Meta(StoredFile.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")


class ThemeAssignment(models.Model):
    """Who answers a theme; several people may share one."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="assignments"
    )
    theme_code = models.CharField(max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = tenant_manager("work", "assessment__organisation")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "theme_code", "user"], name="one_assignment"
            )
        ]

    def __str__(self):
        return f"{self.theme_code} · {self.user}"


class AssessmentEvent(models.Model):
    """The history of submissions and reopenings."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        REOPENED = "reopened", _("Reopened")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("work", "assessment__organisation")

    class Meta:
        ordering = ["at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d}"


class ScoreSnapshot(TenantLinks, models.Model):
    """The scores of an assessment as submitted; every submission keeps its own."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="snapshots")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="score_snapshots"
    )
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="+"
    )
    overall = models.FloatField(null=True)
    answered = models.PositiveIntegerField(default=0)
    missing = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Only the latest snapshot of an assessment is current: benchmarks read those.
    is_current = models.BooleanField(default=True)
    # Set at submission so that benchmarks need neither a correlated subquery
    # nor a per-row date function: the organisation's latest submission of this
    # framework version, and the local year it was submitted in.
    is_latest = models.BooleanField(default=False)
    year = models.PositiveSmallIntegerField(null=True)

    objects = tenant_manager("work", "organisation")
    same_organisation = ("assessment",)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["framework_version", "is_current"]),
            models.Index(fields=["framework_version", "is_latest"]),
        ]
        constraints = [
            # Benchmarks count each organisation once: by its latest snapshot.
            models.UniqueConstraint(
                fields=["organisation", "framework_version"],
                condition=models.Q(is_latest=True),
                name="one_latest_snapshot",
            )
        ]

    def __str__(self):
        return f"{self.assessment_id} · {self.overall}"


class ScoreLine(models.Model):
    """A pillar or theme score of a snapshot, one row each so that the database
    can aggregate them."""

    class Level(models.TextChoices):
        PILLAR = "pillar", _("pillar")
        THEME = "theme", _("theme")
        QUESTION = "question", _("question")

    snapshot = models.ForeignKey(ScoreSnapshot, on_delete=models.CASCADE, related_name="lines")
    level = models.CharField(max_length=8, choices=Level.choices)
    code = models.CharField(max_length=40)
    score = models.FloatField(null=True)
    status = models.CharField(max_length=24, blank=True)
    # Questions only: the overall points the best answer would have added.
    lost = models.FloatField(null=True)

    objects = tenant_manager("work", "snapshot__organisation")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "level", "code"], name="one_line")
        ]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self):
        return f"{self.code}: {self.score}"
