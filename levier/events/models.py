"""Events of a network, their registrations (members and guests) and the
secret addresses of people's calendar feeds."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import OrgRole
from levier.lib.limits import (
    EVENT_CAPACITY_MAX,
    HEADCOUNT_MAX,
    LONG_TEXT_MAX_LENGTH,
    PERSON_NAME_MAX_LENGTH,
)
from levier.lib.queries import SubqueryCount
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager

# The models moved from the ``community`` app, which the split into events,
# clubs and programmes left as a migrations-only app (ADR 39): each keeps its
# ``community_*`` table, so that the move needed no copy of the data.


def new_token() -> str:
    return secrets.token_urlsafe(24)


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    EXCHANGE = "exchange", _("Good-practice exchange")
    CLUB_MEETING = "club_meeting", _("Club meeting")
    TRAINING = "training", _("Training")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE = "conference", _("Conference")
    VISIT = "visit", _("Company visit")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public: anyone, with or without an account")
    NETWORK = "network", _("Members of the network")
    CLUB = "club", _("Members of the club")


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())

    def with_counts(self):
        """Seats taken and people waiting, one subquery each (no row multiplication)."""

        def count(status):
            return SubqueryCount(Registration.objects.filter(event=OuterRef("pk"), status=status))

        return self.annotate(
            taken=count(Registration.Status.CONFIRMED),
            waiting=count(Registration.Status.WAITLISTED),
        )


class Event(TenantLinks, models.Model):
    network = models.ForeignKey(
        "accounts.Network",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("network"),
    )
    # An event belongs to a club or a programme, never the reverse: ``events``
    # depends on ``clubs`` and ``programmes``, which know nothing of it.
    club = models.ForeignKey(
        "clubs.Club",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("club"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("engagement programme"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    title = SingleLineTextField(_("title"))
    description = MultiLineTextField(
        _("description"), max_length=LONG_TEXT_MAX_LENGTH, blank=True, help_text=_("Markdown.")
    )
    theme = SingleLineTextField(
        _("theme"), max_length=80, blank=True, help_text=_("E.g. mobility, climate, inclusion.")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = SingleLineTextField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(EVENT_CAPACITY_MAX)],
        help_text=_("Empty: no limit."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True, help_text=_("Empty: until it starts.")
    )
    audience = models.CharField(
        _("who may register"), max_length=8, choices=Audience.choices, default=Audience.NETWORK
    )
    min_headcount = models.PositiveIntegerField(
        _("minimum headcount"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(HEADCOUNT_MAX)],
        help_text=_("Reserve it to organisations of at least this many people."),
    )
    # Empty: every role; otherwise the organisation roles that may register.
    roles = models.JSONField(_("roles"), default=list, blank=True)
    organisers = SingleLineTextField(_("organisers"), max_length=300, blank=True)
    partners = SingleLineTextField(_("partners"), max_length=300, blank=True)
    resources = MultiLineTextField(
        _("resources after the event"),
        max_length=LONG_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Slides, notes, recordings. Markdown."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    # A cancelled event stays in the agenda (struck, with its reason) and
    # keeps its registrations: people see what happened to their seat.
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True, editable=False)
    cancellation_reason = SingleLineTextField(
        _("reason for the cancellation"), max_length=300, blank=True, editable=False
    )
    # Who to ask about the event: a staff member of the network, or anyone by name and email.
    contact_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    contact_name = SingleLineTextField(
        _("contact name"), max_length=PERSON_NAME_MAX_LENGTH, blank=True
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    host_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host organisation"),
        help_text=_("The member organisation that welcomes the meeting."),
    )
    # A theme of the network's framework (its code), so that members whose
    # weakest themes it serves see it; ``theme`` stays the free label.
    theme_code = models.CharField(_("framework theme"), max_length=40, blank=True)
    # Occurrences of a recurring event share this id.
    series = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    # Calendar clients replace an event they know only when its sequence grows.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("event", queryset=EventQuerySet)
    same_network = ("club", "programme", "host_organisation")

    class Meta:
        db_table = "community_event"
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["network", "start"])]

    def __str__(self):
        return self.title

    @property
    def uid(self) -> str:
        return f"event-{self.pk}@levier"

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def contact(self) -> tuple[str, str] | None:
        """(name, email) of the person to ask, None when nobody is named."""
        if self.contact_user_id:
            return self.contact_user.display_name, self.contact_user.email
        if self.contact_name or self.contact_email:
            return self.contact_name, self.contact_email
        return None

    @property
    def seats_left_annotated(self) -> int | None:
        """From ``with_counts()``: free seats, None without a limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.taken, 0)

    @property
    def role_labels(self) -> list[str]:
        labels = dict(OrgRole.choices)
        return [str(labels[role]) for role in self.roles if role in labels]


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Registration.ACTIVE)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlist(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")


class Registration(TenantLinks, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Email to confirm")
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    # A member; empty for a guest of a public event (then guest_* say who).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    guest_name = SingleLineTextField(_("name"), max_length=PERSON_NAME_MAX_LENGTH, blank=True)
    guest_email = models.EmailField(_("email address"), blank=True)
    guest_organisation = SingleLineTextField(_("organisation"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    attended = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager("event", "event", queryset=RegistrationQuerySet)
    same_network = ("organisation",)

    class Meta:
        db_table = "community_registration"
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # The database, not only the code, refuses a second live registration.
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"], user__isnull=False),
                name="one_live_registration_per_member",
            ),
            models.UniqueConstraint(
                fields=["event", "guest_email"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"], user__isnull=True)
                & ~Q(guest_email=""),
                name="one_live_registration_per_guest",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.display_name} · {self.event}"

    @property
    def waitlist_position(self) -> int | None:
        """1 for the first person waiting, None when not on the waiting list."""
        if self.status != self.Status.WAITLISTED:
            return None
        return (
            self.event.registrations.waitlist().filter(created_at__lt=self.created_at).count() + 1
        )

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.display_name
        if self.anonymised_at:
            return str(_("Anonymised guest"))
        return self.guest_name

    @property
    def email(self) -> str:
        return self.user.email if self.user_id else self.guest_email

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.guest_organisation


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feeds: calendar apps sign in
    with no session, so the address itself is the key."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("own", "user")

    class Meta:
        db_table = "community_calendarfeed"

    def __str__(self):
        return str(self.user)
