"""A programme's coaches, often from outside the network.

A coach is invited by the network's animators (an account is created when
the address has none, with a link to choose a password). The coach's scope
(``Scope.coached``) names the programmes they coach: they reach those
programmes' cohort pages (participants, their contacts, appointments) and
nothing else of the network. An organisation's action plan opens to them
only through ``Scope.coaching_plan``, with the consent of its admins.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from levier.accounts.models import Membership, OrgRole
from levier.accounts.outsiders import InvitationRefused, account_for, set_password_link
from levier.mailing import services as mailing
from levier.programmes import services
from levier.programmes.models import Application, Appointment, Programme, ProgrammeCoach


class CoachRefused(InvitationRefused):
    """The person cannot be made a coach of this programme (the message says why)."""


def invite(programme: Programme, email: str, full_name: str, invited_by) -> ProgrammeCoach:
    with transaction.atomic():
        user, created = account_for(email, full_name)
        coach, added = ProgrammeCoach.objects.get_or_create(
            programme=programme, user=user, defaults={"invited_by": invited_by}
        )
        if not added:
            raise CoachRefused(
                _("%(email)s already coaches %(programme)s.")
                % {"email": user.email, "programme": programme.title}
            )
        context = {
            "programme": programme,
            "network": programme.network,
            "inviter": invited_by,
            "home": settings.SITE_URL + reverse("coach_programme", args=[programme.pk]),
            "set_password": set_password_link(user) if created else "",
        }
        message = EmailMessage(
            subject=_("[Levier] You coach the programme %(programme)s")
            % {"programme": programme.title},
            body=render_to_string("programmes/email/coach_invited.txt", context),
            to=[user.email],
        )
        # A new account's link lets whoever holds it choose the password.
        mailing.queue(message, kind="programme.coach_invited", sensitive=created)
    return coach


# What a coach reads: only through the programmes of their scope -----------------


def coached_programmes(scope):
    return Programme._base_manager.filter(pk__in=list(scope.coached)).select_related("network")


def coached_programme(scope, pk: int) -> Programme | None:
    """The programme if this person coaches it; None otherwise (a 404)."""
    if pk not in scope.coached:
        return None
    return coached_programmes(scope).filter(pk=pk).first()


def participants(programme: Programme) -> list[dict]:
    """The cohort as a coach sees it: each organisation's name, its admins'
    names and addresses, whether its plan is open to the coaches."""
    applications = list(
        Application._base_manager.filter(programme=programme, status=Application.Status.SELECTED)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    admins: dict[int, list] = {}
    for membership in (
        Membership._base_manager.filter(
            organisation_id__in=[a.organisation_id for a in applications],
            role=OrgRole.ADMIN,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    ):
        admins.setdefault(membership.organisation_id, []).append(membership.user)
    # Read through the scope: the coach is one of those the documents are handed to.
    documents = services.handed_in([a.pk for a in applications])
    return [
        {
            "organisation": a.organisation,
            "contacts": admins.get(a.organisation_id, []),
            "plan_open": a.coach_may_open_plan,
            "documents": documents.get(a.pk, []),
        }
        for a in applications
    ]


def appointments(programme: Programme):
    return (
        Appointment._base_manager.filter(
            programme=programme,
            organisation__programme_applications__programme=programme,
            organisation__programme_applications__status=Application.Status.SELECTED,
        )
        .select_related("organisation", "coach")
        .order_by("at", "pk")
    )
