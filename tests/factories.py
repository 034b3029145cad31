"""Small helpers that build the objects tests need, with sensible defaults."""

import itertools

from levier.accounts.models import Membership, Network, NetworkRole, Organisation, OrgRole, User

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_network(**fields) -> Network:
    n = next(_counter)
    fields.setdefault("name", f"Network {n}")
    fields.setdefault("slug", f"network-{n}")
    return Network.objects.create(**fields)


def make_organisation(network=None, **fields) -> Organisation:
    n = next(_counter)
    fields.setdefault("name", f"Organisation {n}")
    fields.setdefault("headcount", 20)
    fields.setdefault("naf_code", "62.01Z")
    fields.setdefault("region", "32")
    return Organisation.objects.create(network=network or make_network(), **fields)


def make_user(email=None, **fields) -> User:
    n = next(_counter)
    return User.objects.create_user(email or f"person{n}@example.org", PASSWORD, **fields)


def make_member(organisation, role=OrgRole.ADMIN, **user_fields) -> User:
    user = make_user(**user_fields)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def make_network_staff(network, role=NetworkRole.Role.ANIMATOR, **user_fields) -> User:
    user = make_user(**user_fields)
    NetworkRole.objects.create(user=user, network=network, role=role)
    return user
