"""A funder's contact people: invited by the network's staff, removed by them.

A contact person gets an account (created when the address has none, with no
password: the email carries a link to choose one) and reads, for the funder,
the projects shared with the network's funders; nothing else of the network.
The email leaves through the outbox once the transaction commits.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from levier.accounts.outsiders import InvitationRefused, account_for, set_password_link
from levier.finance.models import Funder, FunderContact
from levier.mailing import services as mailing


class ContactRefused(InvitationRefused):
    """The person cannot be made a contact of this funder (the message says why)."""


def invite(funder: Funder, email: str, full_name: str, invited_by) -> FunderContact:
    with transaction.atomic():
        user, created = account_for(email, full_name)
        contact, added = FunderContact.objects.get_or_create(funder=funder, user=user)
        if not added:
            raise ContactRefused(
                _("%(email)s is already a contact of %(funder)s.")
                % {"email": user.email, "funder": funder.name}
            )
        home = settings.SITE_URL + reverse("funder_home", args=[funder.network.slug])
        context = {
            "funder": funder,
            "network": funder.network,
            "inviter": invited_by,
            "home": home,
            "set_password": set_password_link(user) if created else "",
        }
        message = EmailMessage(
            subject=_("[Levier] %(network)s shares its members’ projects with %(funder)s")
            % {"network": funder.network.name, "funder": funder.name},
            body=render_to_string("finance/email/contact_invited.txt", context),
            to=[user.email],
        )
        # A new account's link lets whoever holds it choose the password.
        mailing.queue(message, kind="finance.contact_invited", sensitive=created)
    return contact


def remove(contact: FunderContact) -> None:
    """The person keeps their account, without this funder's access."""
    contact.delete()
