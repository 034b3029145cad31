"""Messages from a network's staff to chosen members.

A ``Campaign`` is one message (subject and Markdown body) to one audience of
the network: everybody, a club, a cohort, an event's registrants or its
waitlist, organisations of a size, sector or region, or the members who lose
the most points on a framework theme (only among those sharing their results
with the network). When it is sent, the audience is resolved once into
``Delivery`` rows, one per person, each with its email in the outbox and a
copy in the person's Levier inbox (``InboxMessage``). A ``Preference`` holds a
person's "no news by email" and the language of their emails.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import SizeBand
from levier.accounts.regions import Region
from levier.lib.limits import LONG_TEXT_MAX_LENGTH
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager

THEME_LIMIT_MAX = 1_000


class AudienceKind(models.TextChoices):
    ALL = "all", _("All members of the network")
    CLUB = "club", _("A club")
    COHORT = "cohort", _("A programme's cohort")
    REGISTRANTS = "registrants", _("An event's registrants")
    WAITLIST = "waitlist", _("An event's waitlist")
    PROFILE = "profile", _("Organisations of a size, sector or region")
    THEME = "theme", _("Members who lose the most points on a theme")


class RecipientChoice(models.TextChoices):
    PEOPLE = "people", _("All their people")
    ADMINS = "admins", _("Their administrators only")
    # Clubs and events gather people, not only organisations.
    DIRECT = "direct", _("Only the people in the club or registered")


class Campaign(TenantLinks, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    network = models.ForeignKey(
        "accounts.Network", on_delete=models.CASCADE, related_name="campaigns"
    )
    subject = SingleLineTextField(_("subject"))
    body = MultiLineTextField(
        _("message"),
        max_length=LONG_TEXT_MAX_LENGTH,
        help_text=_("Markdown: **bold**, *italics*, lists with -, links as [text](https://…)."),
    )
    audience = models.CharField(
        _("audience"), max_length=12, choices=AudienceKind.choices, default=AudienceKind.ALL
    )
    recipients = models.CharField(
        _("who receives it"),
        max_length=8,
        choices=RecipientChoice.choices,
        default=RecipientChoice.PEOPLE,
    )
    club = models.ForeignKey(
        "clubs.Club",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("club"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices, blank=True)
    naf_section = models.CharField(_("NAF section"), max_length=1, blank=True)
    region = models.CharField(_("region"), max_length=2, choices=Region.choices, blank=True)
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("framework"),
    )
    theme_code = models.CharField(_("theme"), max_length=40, blank=True)
    theme_limit = models.PositiveIntegerField(
        _("how many members"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(THEME_LIMIT_MAX)],
        help_text=_("Those who lose the most points on the theme, among those who share."),
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    # Only the network's staff: members never see a campaign, only their copy.
    objects = tenant_manager("staff", "network")
    same_network = ("club", "programme", "event", "framework_version")

    class Meta:
        verbose_name = _("message to members")
        verbose_name_plural = _("messages to members")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "-created_at"])]

    def __str__(self):
        return self.subject

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Delivery(models.Model):
    """One person's message of a campaign: its email in the outbox (whose
    row says whether it left), or why it was not sent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To send")
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        UNSUBSCRIBED = "unsubscribed", _("Not sent: no news wanted")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    email = models.EmailField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    outgoing = models.ForeignKey(
        "mailing.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    bounced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = tenant_manager("staff", "campaign__network")

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="one_delivery_per_person")
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return f"{self.campaign_id} → {self.email}"


class InboxMessage(models.Model):
    """The copy of a campaign's message in its recipient's Levier inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_messages"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, related_name="+")
    network = models.ForeignKey("accounts.Network", on_delete=models.CASCADE, related_name="+")
    subject = SingleLineTextField(_("subject"))
    body = MultiLineTextField(_("message"), max_length=LONG_TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager("own", "recipient")

    class Meta:
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.subject


class Preference(models.Model):
    """A person's wishes about the mail Levier sends them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preference"
    )
    news = models.BooleanField(
        _("I receive news from my networks by email"),
        default=True,
        help_text=_(
            "Messages from the networks' teams. Emails about your registrations, "
            "invitations and password are always sent."
        ),
    )
    language = models.CharField(
        _("language of my emails"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("own", "user")

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")

    def __str__(self):
        return str(self.user_id)
