"""People change their own email address: the password is asked again, the
new address is confirmed by a link sent to it, the old one is told. Until
the link is followed nothing changes, so a stolen session alone cannot move
the account (and its password resets) to another mailbox."""

import re
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, make_member
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def claire(organisation):
    person = make_member(organisation, email="claire@example.org")
    EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=True)
    return person


def _reauthenticate(client):
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def test_changing_ones_email_asks_the_password_first(client, claire):
    client.force_login(claire)

    with committed():
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "thief@evil.example"}
        )

    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]
    assert not EmailAddress.objects.filter(email="thief@evil.example").exists()
    assert not mail.outbox


def test_the_new_address_counts_once_confirmed_and_the_old_one_is_told(client, claire):
    client.force_login(claire)
    _reauthenticate(client)
    with committed():
        client.post(reverse("account_email"), {"action_add": "", "email": "claire@new.example"})

    claire.refresh_from_db()
    assert claire.email == "claire@example.org"  # not before the link is followed
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["claire@new.example"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body).group(0)

    with committed():
        client.post(urlparse(link).path)

    claire.refresh_from_db()
    assert claire.email == "claire@new.example"
    told = [m for m in mail.outbox if m.to == ["claire@example.org"]]
    assert told, [m.to for m in mail.outbox]


def test_my_account_links_to_the_change(client, claire):
    client.force_login(claire)

    page = client.get(reverse("my_data")).content.decode()

    assert reverse("account_email") in page
