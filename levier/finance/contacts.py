"""A funder's contact people: invited by the network's staff, removed by them.

A contact person gets an account (created when the address has none, with no
password: the email carries a link to choose one) and reads, for the funder,
the projects shared with the network's funders; nothing else of the network.
The email leaves through the outbox once the transaction commits.
"""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from levier.accounts.models import User
from levier.finance.models import Funder, FunderContact
from levier.mailing import services as mailing
from levier.tenancy.scope import system


class ContactRefused(Exception):
    """The person cannot be made a contact of this funder (the message says why)."""


def invite(funder: Funder, email: str, full_name: str, invited_by) -> FunderContact:
    email = email.strip()
    with transaction.atomic():
        # The account is looked up by address whoever it belongs to: a person
        # is one account on the platform.
        with system():
            user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            user = User.objects.create_user(email, None, full_name=full_name)
        elif not user.is_active:
            raise ContactRefused(_("This account is closed: it cannot be invited."))
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
            "set_password": _set_password_link(user) if created else "",
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


def _set_password_link(user) -> str:
    key = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )


def remove(contact: FunderContact) -> None:
    """The person keeps their account, without this funder's access."""
    contact.delete()
