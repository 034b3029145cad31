"""An organisation's action plan: actions, their owners, indicators and progress."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.assessments.uploads import StoredFile
from levier.lib.limits import validate_measure
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager


class Action(TenantLinks, models.Model):
    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="actions"
    )
    title = SingleLineTextField(_("title"))
    description = MultiLineTextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TODO
    )
    priority = models.CharField(
        _("priority"), max_length=6, choices=Priority.choices, default=Priority.MEDIUM
    )
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("good practice"),
    )
    # The assessment the action was drawn from, and what it aims at there.
    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    question_code = models.CharField(max_length=40, blank=True)
    target_level = models.CharField(max_length=40, blank=True)
    theme_code = models.CharField(max_length=40, blank=True)
    pillar_code = models.CharField(max_length=40, blank=True)
    projected_gain = models.FloatField(_("projected gain (overall points)"), null=True, blank=True)
    indicator_name = SingleLineTextField(_("indicator"), max_length=150, blank=True)
    indicator_unit = SingleLineTextField(_("unit"), max_length=40, blank=True)
    indicator_baseline = models.FloatField(
        _("baseline"), null=True, blank=True, validators=[validate_measure]
    )
    indicator_target = models.FloatField(
        _("target"), null=True, blank=True, validators=[validate_measure]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # Incremented on every edit: an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1)

    objects = tenant_manager("work", "organisation")
    same_network = ("practice",)
    same_organisation = ("assessment",)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.TODO, self.Status.IN_PROGRESS)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()


class Measurement(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.FloatField(_("value"), validators=[validate_measure])
    note = SingleLineTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = tenant_manager("work", "action__organisation")

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date}: {self.value}"


class ActionUpdate(models.Model):
    """The action's log: comments and status changes."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = MultiLineTextField(_("comment"), blank=True)
    status = models.CharField(max_length=12, choices=Action.Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("work", "action__organisation")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50] or self.status


def action_evidence_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"actions/{instance.action.organisation_id}/{uuid.uuid4().hex}{suffix}"


class ActionEvidence(StoredFile):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=action_evidence_path, max_length=200)

    objects = tenant_manager("work", "action__organisation")
