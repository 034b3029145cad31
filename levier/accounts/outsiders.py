"""People the network brings in without making them members: a funder's
contact person, a programme's coach. They get an account (created when their
address has none, with no password: their invitation carries a link to choose
one), and whatever reaches them comes from the role that invited them."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from levier.accounts.models import User
from levier.tenancy.scope import system


class InvitationRefused(Exception):
    """The person cannot be given this role (the message says why)."""


def account_for(email: str, full_name: str) -> tuple[User, bool]:
    """The account of ``email``, and whether it was just created. A person is
    one account on the platform, whoever's it is: it is looked up by address
    outside any scope. A closed account is refused."""
    with system():
        user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        return User.objects.create_user(email.strip(), None, full_name=full_name), True
    if not user.is_active:
        raise InvitationRefused(_("This account is closed: it cannot be invited."))
    return user, False


def set_password_link(user) -> str:
    """A link with which whoever holds it chooses the account's password:
    send it only in an email marked sensitive."""
    key = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
