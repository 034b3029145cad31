"""Requests to join a network: received from the public page, then
accepted (the organisation is created and its contact invited as its first
administrator) or declined. Every email leaves through the outbox once the
transaction commits."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from levier.accounts import services as accounts
from levier.accounts.models import NetworkRole, Organisation, OrgRole
from levier.audit import services as audit
from levier.mailing import services as mailing
from levier.membership.models import JoinRequest
from levier.tenancy.scope import system


class DecisionRefused(Exception):
    """The request cannot take this decision (already decided, invalid data)."""


def receive(join_request: JoinRequest) -> JoinRequest:
    """Save a new request and tell the applicant and the network's staff."""
    with transaction.atomic():
        join_request.save()
        _acknowledge(join_request)
        _notify_staff(join_request)
    return join_request


def _acknowledge(join_request: JoinRequest) -> None:
    with translation.override(join_request.language):
        message = EmailMessage(
            subject=_("[Levier] Your request to join %(network)s")
            % {"network": join_request.network.name},
            body=render_to_string("membership/email/received.txt", {"join_request": join_request}),
            to=[join_request.contact_email],
        )
    mailing.queue(message, kind="membership.received")


def _notify_staff(join_request: JoinRequest) -> None:
    # The staff's addresses, whoever submitted the form (a visitor with no scope).
    with system():
        emails = sorted(
            set(
                NetworkRole.objects.filter(
                    network=join_request.network, user__is_active=True
                ).values_list("user__email", flat=True)
            )
        )
    if not emails:
        return
    link = settings.SITE_URL + reverse(
        "join_request", args=[join_request.network.slug, join_request.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        message = EmailMessage(
            subject=_("[Levier] New request to join %(network)s: %(company)s")
            % {"network": join_request.network.name, "company": join_request.company_name},
            body=render_to_string(
                "membership/email/to_review.txt", {"join_request": join_request, "link": link}
            ),
            # One message each: staff do not need one another's addresses.
            to=[emails[0]],
            bcc=emails[1:],
        )
    mailing.queue(message, kind="membership.to_review")


def _locked(join_request: JoinRequest) -> JoinRequest:
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not locked.is_pending:
        raise DecisionRefused(_("This request has already been answered."))
    return locked


def accept(join_request: JoinRequest, user, base_url: str, request=None) -> Organisation:
    """Create the organisation in the network and invite the contact as its
    first administrator."""
    with transaction.atomic():
        join_request = _locked(join_request)
        organisation = Organisation(
            network=join_request.network,
            name=join_request.company_name,
            siren=join_request.siren,
            legal_form=join_request.legal_form,
            headcount=join_request.headcount,
            naf_code=join_request.naf_code,
            region=join_request.region,
        )
        if Organisation.objects.filter(
            network=join_request.network, siren=join_request.siren
        ).exists():
            raise DecisionRefused(
                _("An organisation with this SIREN is already a member of the network.")
            )
        try:
            organisation.full_clean(exclude=["slug"])
        except ValidationError as error:
            raise DecisionRefused(" ".join(error.messages)) from error
        organisation.save()
        with translation.override(join_request.language):
            invitation = accounts.invite(
                organisation,
                join_request.contact_email,
                OrgRole.ADMIN,
                user,
                base_url,
                onboarding=True,
            )
        audit.record(
            audit.Action.INVITATION_SENT,
            organisation=organisation,
            actor=user,
            detail=audit.invited(invitation),
            request=request,
        )
        join_request.status = JoinRequest.Status.ACCEPTED
        join_request.organisation = organisation
        join_request.decided_by = user
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "organisation", "decided_by", "decided_at"])
    return organisation


def decline(join_request: JoinRequest, user, message: str = "") -> JoinRequest:
    with transaction.atomic():
        join_request = _locked(join_request)
        join_request.status = JoinRequest.Status.DECLINED
        join_request.decided_by = user
        join_request.decided_at = timezone.now()
        join_request.decision_message = message
        join_request.save(update_fields=["status", "decided_by", "decided_at", "decision_message"])
        with translation.override(join_request.language):
            email = EmailMessage(
                subject=_("[Levier] Your request to join %(network)s")
                % {"network": join_request.network.name},
                body=render_to_string(
                    "membership/email/declined.txt", {"join_request": join_request}
                ),
                to=[join_request.contact_email],
            )
        mailing.queue(email, kind="membership.declined")
    return join_request
