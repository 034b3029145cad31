"""A training's paperwork: its sessions (one registration covers them all),
who attended which part of each, and the satisfaction questionnaire."""

import secrets
from datetime import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.engine import trainings as engine
from levier.lib.limits import PERSON_NAME_MAX_LENGTH
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.tenancy.managers import tenant_manager


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Part(models.TextChoices):
    WHOLE = engine.WHOLE, _("Whole session")
    MORNING = engine.MORNING, _("Morning")
    AFTERNOON = engine.AFTERNOON, _("Afternoon")


class TrainingSession(models.Model):
    """One day (or half-day) of an event; a 3-day training has three."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="training_sessions"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    break_start = models.TimeField(
        _("lunch break from"),
        null=True,
        blank=True,
        help_text=_("With a break, people sign for the morning and the afternoon."),
    )
    break_end = models.TimeField(_("lunch break until"), null=True, blank=True)
    place = SingleLineTextField(
        _("place"), max_length=300, blank=True, help_text=_("Empty: the event's place.")
    )
    online_url = models.URLField(_("online link"), blank=True)
    trainer = SingleLineTextField(_("trainer"), max_length=PERSON_NAME_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Wherever the event is seen, its sessions are.
    objects = tenant_manager("event", "event")

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["date", "start_time", "pk"]

    def __str__(self):
        return f"{self.event} · {self.date:%Y-%m-%d}"

    @property
    def parts(self) -> list[engine.Part]:
        return engine.parts(self.start_time, self.end_time, self.break_start, self.break_end)

    @property
    def is_split(self) -> bool:
        return len(self.parts) > 1

    @property
    def minutes(self) -> int:
        return sum(part.minutes for part in self.parts)

    @property
    def hours(self) -> float:
        return engine.hours(self.minutes)

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date, self.start_time))

    @property
    def end(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date, self.end_time))

    @property
    def where(self) -> str:
        return self.place or self.event.place

    @property
    def uid(self) -> str:
        return f"training-session-{self.pk}@levier"


class Attendance(models.Model):
    """A participant present (or absent) at one part of one session."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="training_attendances"
    )
    part = models.CharField(max_length=5, choices=Part.choices)
    present = models.BooleanField()
    recorded_at = models.DateTimeField(auto_now=True)

    # The network's staff, and the participant it is about.
    objects = tenant_manager("attendance", "registration")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration", "part"], name="one_attendance_per_part"
            )
        ]

    def __str__(self):
        return f"{self.registration} · {self.session} · {self.part}"


class SurveyInvitation(models.Model):
    """The questionnaire sent to one participant: its link, and whether it was
    answered. The answer itself is kept apart, with nothing pointing back."""

    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="training_survey"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager("staff", "registration__event__network")

    class Meta:
        verbose_name = _("satisfaction questionnaire sent")
        verbose_name_plural = _("satisfaction questionnaires sent")

    def __str__(self):
        return str(self.registration)


RATING = [MinValueValidator(1), MaxValueValidator(5)]


class SurveyAnswer(models.Model):
    """One anonymous answer: the event, the ratings, the comment; no person."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="training_survey_answers"
    )
    overall = models.PositiveSmallIntegerField(_("overall rating"), validators=RATING)
    usefulness = models.PositiveSmallIntegerField(_("usefulness"), validators=RATING)
    recommend = models.BooleanField(_("would recommend"))
    comment = MultiLineTextField(_("comment"), blank=True)
    # The day only: a time would match an answer to an email sent.
    answered_on = models.DateField(default=timezone.localdate)

    objects = tenant_manager("staff", "event__network")

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.event} · {self.overall}/5"
