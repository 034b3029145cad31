"""Joining a network and finding one another in it.

A ``JoinRequest`` is a prospect's request to join a network, sent from the
network's public "join" page by someone without an account; the network's
staff accept it (the organisation is created and its contact invited as its
first administrator) or decline it. A ``DirectoryEntry`` is a person's
consent to be listed, with what they do and can help with, in the members'
directory and in the directory the animators export: nobody appears there
without having said yes.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import (
    LegalForm,
    Membership,
    Network,
    Organisation,
    SirenField,
    validate_naf_code,
    validate_siren,
)
from levier.accounts.regions import Region
from levier.lib.limits import HEADCOUNT_MAX, PERSON_NAME_MAX_LENGTH
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.lib.web import WebAddressField
from levier.tenancy.managers import tenant_manager

MOTIVATION_MAX_LENGTH = 3000
DIRECTORY_TEXT_MAX_LENGTH = 600


class JoinPage(models.Model):
    """A network's public page where prospects ask to join; closed until the
    network's admins open it."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="join_page")
    is_open = models.BooleanField(
        _("prospects may ask to join from the public page"), default=False
    )
    welcome = MultiLineTextField(
        _("welcome text"),
        blank=True,
        max_length=MOTIVATION_MAX_LENGTH,
        help_text=_(
            "Shown at the top of the page: who the network is for, what membership brings."
        ),
    )

    objects = tenant_manager("staff", "network")

    class Meta:
        verbose_name = _("join page")
        verbose_name_plural = _("join pages")

    def __str__(self):
        return str(self.network)


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("To review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("network")
    )
    company_name = SingleLineTextField(_("company name"))
    siren = SirenField(
        _("SIREN"),
        max_length=9,
        validators=[validate_siren],
        help_text=_("The 9 digits that identify the company in France (INSEE)."),
    )
    headcount = models.PositiveIntegerField(
        _("headcount"),
        validators=[MinValueValidator(1), MaxValueValidator(HEADCOUNT_MAX)],
        help_text=_("People working in the organisation (full-time equivalent)."),
    )
    naf_code = models.CharField(
        _("NAF code"),
        max_length=6,
        blank=True,
        validators=[validate_naf_code],
        help_text=_("The activity code of the company, e.g. 62.01Z."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    region = models.CharField(_("region"), max_length=2, choices=Region.choices)
    website = WebAddressField(_("website"), blank=True)
    contact_name = SingleLineTextField(_("your name"), max_length=PERSON_NAME_MAX_LENGTH)
    contact_email = models.EmailField(_("your email address"))
    contact_job = SingleLineTextField(_("your job title"), blank=True, max_length=120)
    motivation = MultiLineTextField(
        _("why you would like to join"), max_length=MOTIVATION_MAX_LENGTH, blank=True
    )
    # The emails to the applicant are written in the language they used.
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_message = MultiLineTextField(_("message to the applicant"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation created"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Only the network's staff read requests to join: members do not see who applied.
    objects = tenant_manager("staff", "network")

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["network", "status", "-created_at"])]

    def __str__(self):
        return f"{self.company_name} → {self.network}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class DirectoryEntry(models.Model):
    """A person's "yes" to being listed in their network's directory, for one
    of their organisations, with what they say of themselves."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="directory_entry"
    )
    listed = models.BooleanField(_("list me in the network's directory"), default=False)
    job_title = SingleLineTextField(_("what I do"), blank=True, max_length=120)
    can_help_with = MultiLineTextField(
        _("what members can ask me about"),
        blank=True,
        max_length=DIRECTORY_TEXT_MAX_LENGTH,
        help_text=_("Practices you have put in place, subjects you know well."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("directory", "membership")

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")

    def __str__(self):
        return str(self.membership)
