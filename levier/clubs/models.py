"""Clubs of a network and their members."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from levier.lib.limits import HEADCOUNT_MAX, LONG_TEXT_MAX_LENGTH
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager

# The models moved from the ``community`` app, which the split into events,
# clubs and programmes left as a migrations-only app (ADR 39): each keeps its
# ``community_*`` table, so that the move needed no copy of the data.


class Club(models.Model):
    network = models.ForeignKey(
        "accounts.Network",
        on_delete=models.CASCADE,
        related_name="clubs",
        verbose_name=_("network"),
    )
    name = SingleLineTextField(_("name"))
    description = MultiLineTextField(
        _("description"), max_length=LONG_TEXT_MAX_LENGTH, blank=True, help_text=_("Markdown.")
    )
    resources = MultiLineTextField(
        _("resources"),
        max_length=LONG_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Links and documents for members. Markdown."),
    )
    min_headcount = models.PositiveIntegerField(
        _("minimum headcount"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(HEADCOUNT_MAX)],
        help_text=_("Empty: organisations of any size may join."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("network", "network")

    class Meta:
        db_table = "community_club"
        verbose_name = _("club")
        verbose_name_plural = _("clubs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ClubMember(TenantLinks, models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ANIMATOR = "animator", _("Club animator")

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="club_memberships"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="club_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("network", "club__network")
    same_network = ("organisation",)

    class Meta:
        db_table = "community_clubmember"
        verbose_name = _("club member")
        verbose_name_plural = _("club members")
        constraints = [
            models.UniqueConstraint(fields=["club", "user"], name="one_club_membership")
        ]

    def __str__(self):
        return f"{self.user} · {self.club}"
