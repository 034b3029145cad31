"""Failed sign-ins are throttled per address and account, so a stranger
cannot lock a person out; and per address across accounts."""

import pytest
from django.test import Client
from django.urls import reverse

from levier.accounts.models import NetworkRole
from levier.lib import ratelimits
from tests.factories import PASSWORD, make_network_staff, make_user
from tests.security.helpers import assert_too_many

pytestmark = pytest.mark.django_db

STRANGER = "203.0.113.7"
CLAIRE_AT_WORK = "198.51.100.20"


def failures_allowed(per):
    (limit,) = [limit for limit in ratelimits.SIGN_IN_FAILURES if limit.per == per]
    return int(limit.rate.split("/")[0])


def sign_in(email, password, ip):
    return Client(REMOTE_ADDR=ip).post(
        reverse("account_login"), {"login": email, "password": password}
    )


@pytest.fixture
def claire(db):
    return make_user("claire@atelier-boisvert.example")


def test_a_strangers_failures_do_not_lock_claire_out(claire):
    statuses = [sign_in(claire.email, "guess", STRANGER).status_code for _ in range(10)]

    # The stranger is stopped after a few tries...
    allowed = failures_allowed(ratelimits.IP_ACCOUNT)
    assert 429 not in statuses[:allowed]
    assert set(statuses[allowed:]) == {429}
    assert_too_many(sign_in(claire.email, PASSWORD, STRANGER))
    # ...Claire, from her own network, signs in.
    response = sign_in(claire.email, PASSWORD, CLAIRE_AT_WORK)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_claire_mistyping_her_password_is_stopped_on_her_account_only(claire):
    other = make_user("hugo@atelier-boisvert.example")
    for _ in range(failures_allowed(ratelimits.IP_ACCOUNT)):
        response = sign_in("CLAIRE@atelier-boisvert.example ", "typo", CLAIRE_AT_WORK)
        assert response.status_code == 200

    assert_too_many(sign_in(claire.email, PASSWORD, CLAIRE_AT_WORK))
    assert sign_in(other.email, PASSWORD, CLAIRE_AT_WORK).status_code == 302


def test_one_address_trying_many_accounts_is_throttled(claire):
    allowed = failures_allowed(ratelimits.IP)
    for i in range(allowed):
        assert sign_in(f"person{i}@example.org", "guess", STRANGER).status_code == 200

    assert_too_many(sign_in("someone-else@example.org", "guess", STRANGER))
    # Even with the right password of another account, from that address.
    assert_too_many(sign_in(claire.email, PASSWORD, STRANGER))
    # Other addresses are not affected.
    assert sign_in(claire.email, PASSWORD, CLAIRE_AT_WORK).status_code == 302


def test_successful_sign_ins_are_not_failures(claire):
    for _ in range(failures_allowed(ratelimits.IP_ACCOUNT) + 2):
        assert sign_in(claire.email, PASSWORD, CLAIRE_AT_WORK).status_code == 302


def test_the_back_office_sign_in_form_counts_the_same(network):
    admin = make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN, email="admin@example.org")
    url = reverse("admin:login")

    def admin_sign_in(password, ip):
        return Client(REMOTE_ADDR=ip).post(url, {"username": admin.email, "password": password})

    for _ in range(failures_allowed(ratelimits.IP_ACCOUNT)):
        assert admin_sign_in("guess", STRANGER).status_code == 200
    assert_too_many(admin_sign_in("guess", STRANGER))
    assert admin_sign_in(PASSWORD, CLAIRE_AT_WORK).status_code == 302


def test_sign_in_attempts_per_address_answer_429_with_retry_after(claire):
    """allauth's own limit on every attempt, failed or not (ACCOUNT_RATE_LIMITS)."""
    client = Client(REMOTE_ADDR=STRANGER)
    url = reverse("account_login")
    for _ in range(30):
        assert client.post(url, {"login": claire.email, "password": PASSWORD}).status_code == 302

    response = assert_too_many(client.post(url, {"login": claire.email, "password": PASSWORD}))
    assert response["Retry-After"] == "60"
    assert sign_in(claire.email, PASSWORD, CLAIRE_AT_WORK).status_code == 302


def test_password_reset_requests_are_limited_per_address_and_email(claire):
    client = Client(REMOTE_ADDR=STRANGER)
    url = reverse("account_reset_password")
    for _ in range(3):
        assert client.post(url, {"email": claire.email}).status_code == 302

    response = assert_too_many(client.post(url, {"email": claire.email}))
    assert response["Retry-After"] == "3600"
    # The limit is on Claire's inbox, not on everyone's.
    assert client.post(url, {"email": "hugo@example.org"}).status_code == 302
