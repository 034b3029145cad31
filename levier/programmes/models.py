"""Engagement programmes: the call for applications, the cohort, its coaches
and their appointments, and the prospects who applied from the public page."""

import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from levier.assessments.uploads import StoredFile
from levier.lib.limits import (
    LONG_TEXT_MAX_LENGTH,
    PROGRAMME_MIN_ACTIONS_MAX,
    PROGRAMME_SEATS_MAX,
)
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager

# The models moved from the ``community`` app, which the split into events,
# clubs and programmes left as a migrations-only app (ADR 39): each keeps its
# ``community_*`` table, so that the move needed no copy of the data.

# Bounds of a programme's coaching: a day at most per appointment.
APPOINTMENT_MINUTES_MAX = 24 * 60
COACHING_HOURS_MAX = 100_000


class Programme(models.Model):
    network = models.ForeignKey(
        "accounts.Network",
        on_delete=models.CASCADE,
        related_name="programmes",
        verbose_name=_("network"),
    )
    title = SingleLineTextField(_("title"))
    description = MultiLineTextField(
        _("description"), max_length=LONG_TEXT_MAX_LENGTH, blank=True, help_text=_("Markdown.")
    )
    seats = models.PositiveIntegerField(
        _("organisations in the cohort"),
        default=8,
        validators=[MaxValueValidator(PROGRAMME_SEATS_MAX)],
    )
    applications_open = models.BooleanField(_("call for applications open"), default=True)
    application_deadline = models.DateField(_("application deadline"), null=True, blank=True)
    application_question = SingleLineTextField(
        _("question asked to applicants"),
        max_length=300,
        default=_("Why do you want to join, and what do you expect?"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    requires_assessment = models.BooleanField(
        _("deliverable: an assessment submitted"), default=True
    )
    min_actions = models.PositiveIntegerField(
        _("deliverable: actions in the plan (at least)"),
        default=5,
        validators=[MaxValueValidator(PROGRAMME_MIN_ACTIONS_MAX)],
    )
    requires_attendance = models.BooleanField(
        _("deliverable: a collective session attended"), default=False
    )
    custom_deliverable = SingleLineTextField(
        _("deliverable: your own, ticked by the animators"),
        max_length=200,
        blank=True,
        help_text=_("For example: “Carbon footprint presented to the board”. Empty: none."),
    )
    document_deliverable = SingleLineTextField(
        _("deliverable: a document to hand in"),
        max_length=200,
        blank=True,
        help_text=_(
            "What each organisation uploads, for example: “Our CSR roadmap, signed by the "
            "manager”. Empty: none."
        ),
    )
    open_to_prospects = models.BooleanField(
        _("companies not yet members may apply"),
        default=False,
        help_text=_("A public page of the programme takes their applications."),
    )
    coaching_hours_budget = models.PositiveIntegerField(
        _("coaching hours budget"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(COACHING_HOURS_MAX)],
        help_text=_("Individual coaching hours for the whole cohort. Empty: no budget."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("network", "network")

    class Meta:
        db_table = "community_programme"
        verbose_name = _("engagement programme")
        verbose_name_plural = _("engagement programmes")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title


class Application(TenantLinks, models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("To review")
        SELECTED = "selected", _("Selected")
        DECLINED = "declined", _("Not selected")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="programme_applications"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answer = MultiLineTextField(_("your answer"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The decision the applicants were last told of: each decision is emailed once.
    notified_status = models.CharField(max_length=10, blank=True, default="")
    custom_deliverable_done = models.BooleanField(default=False)
    # The organisation's admins let the programme's coaches open its action plan.
    coach_may_open_plan = models.BooleanField(
        _("our coaches may open our action plan"), default=False
    )

    objects = tenant_manager("network", "programme__network")
    same_network = ("organisation",)

    class Meta:
        db_table = "community_application"
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="one_application_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} → {self.programme}"


class Appointment(TenantLinks, models.Model):
    """An individual coaching session of a cohort organisation."""

    class Kind(models.TextChoices):
        NEEDS_REVIEW = "needs_review", _("Needs review")
        RESTITUTION = "restitution", _("Restitution")
        FINAL_REVIEW = "final_review", _("Final review")
        FREE = "free", _("Free session")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="appointments")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="appointments",
        verbose_name=_("organisation"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("coach"),
    )
    at = models.DateTimeField(_("date and time"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.FREE)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(APPOINTMENT_MINUTES_MAX)],
    )
    place = SingleLineTextField(_("place"), max_length=300, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    notes = MultiLineTextField(_("notes"), blank=True)
    # Calendars replace an appointment they hold only when its sequence grows.
    sequence = models.PositiveIntegerField(default=0)

    objects = tenant_manager("network", "programme__network")
    same_network = ("organisation",)

    class Meta:
        db_table = "community_appointment"
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.organisation} · {self.at:%Y-%m-%d}"

    @property
    def end(self):
        return self.at + timedelta(minutes=self.duration_minutes)

    @property
    def uid(self) -> str:
        return f"appointment-{self.pk}@levier"


class ProgrammeCoach(models.Model):
    """A coach of a programme, often from outside the network: they reach the
    programme's cohort pages and nothing else of the network."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="coaches")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coached_programmes"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("network", "programme__network")

    class Meta:
        db_table = "community_programmecoach"
        verbose_name = _("programme coach")
        verbose_name_plural = _("programme coaches")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_coach_per_programme")
        ]

    def __str__(self):
        return f"{self.user} → {self.programme}"


class ProgrammeProspect(models.Model):
    """A company not yet a member applied to a programme from its public page:
    its request to join the network, and its answer to the programme's question."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="prospects")
    join_request = models.OneToOneField(
        "membership.JoinRequest", on_delete=models.CASCADE, related_name="programme_prospect"
    )
    answer = MultiLineTextField(_("your answer"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("staff", "programme__network")

    class Meta:
        db_table = "community_programmeprospect"
        verbose_name = _("prospective participant")
        verbose_name_plural = _("prospective participants")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.join_request} → {self.programme}"


def deliverable_document_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    application = instance.application
    return (
        f"programmes/{application.programme_id}/{application.organisation_id}/"
        f"{uuid.uuid4().hex}{suffix}"
    )


class DeliverableDocument(StoredFile):
    """A document a cohort organisation hands in for its programme's
    deliverable. Handing it in is the organisation's own act of sharing it:
    the programme's animators and coaches read it, nobody else outside the
    organisation does."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(upload_to=deliverable_document_path, max_length=200)

    objects = tenant_manager("programme_document", "application")

    class Meta(StoredFile.Meta):
        verbose_name = _("deliverable document")
        verbose_name_plural = _("deliverable documents")
