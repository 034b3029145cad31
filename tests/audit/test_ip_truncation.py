"""A sign-in keeps the network of the address, not the address: /24 for IPv4,
/48 for IPv6."""

import pytest
from django.test import Client
from django.urls import reverse

from levier.audit.models import Action, AuditEntry
from levier.audit.services import ip_prefix
from tests.factories import PASSWORD, make_user


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:1234:5678:9abc::1", "2001:db8:1234::/48"),
        ("::ffff:198.51.100.9", "198.51.100.0/24"),
        ("not an address", ""),
        ("", ""),
    ],
)
def test_the_address_is_cut_to_its_network(address, kept):
    assert ip_prefix(address) == kept


@pytest.mark.django_db
def test_a_sign_in_stores_only_the_network(settings):
    settings.LEVIER_TRUSTED_PROXIES = 1
    person = make_user()

    Client().post(
        reverse("account_login"),
        {"login": person.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="2001:db8:abcd:12::7",
    )

    entry = AuditEntry.objects.get(action=Action.NEW_DEVICE_SIGN_IN)
    assert entry.ip_prefix == "2001:db8:abcd::/48"
    assert "12::7" not in entry.ip_prefix
