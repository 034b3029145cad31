from collections import Counter

import pytest
from django.core.management import call_command

from levier.accounts.models import Membership, NetworkRole, Organisation, User

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(
        Membership.objects.values_list("user__email", "organisation__name", "role")
    ), sorted(Organisation.objects.values_list("name", "siren", "naf_code", "headcount"))


def test_the_demo_builds_a_realistic_network(capsys):
    call_command("demo")

    organisations = Organisation.objects.all()
    assert 28 <= organisations.count() <= 35
    assert set(organisations.values_list("size_band", flat=True)) == {
        "micro",
        "small",
        "medium",
        "large",
    }
    assert len(set(organisations.values_list("naf_section", flat=True))) >= 10
    assert len(set(organisations.values_list("region", flat=True))) >= 8
    assert all(o.naf_section for o in organisations)
    roles = Counter(Membership.objects.values_list("role", flat=True))
    assert roles["admin"] >= organisations.count() and roles["contributor"] and roles["viewer"]
    assert set(NetworkRole.objects.values_list("role", flat=True)) == {"animator", "network_admin"}
    printed = capsys.readouterr().out
    for email in ("animation@levier.example", "claire@atelier-boisvert.example"):
        assert email in printed
        assert User.objects.get(email=email).check_password("levier-demo")


def test_the_demo_is_deterministic_and_idempotent():
    call_command("demo")
    first = _snapshot()
    call_command("demo")
    assert _snapshot() == first
    call_command("demo", reset=True)
    assert _snapshot() == first
