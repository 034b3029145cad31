"""A sign-in from a browser the person has not used before is recorded and,
when they had used another one before, emailed to them; the same browser
again (its cookie) records nothing."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from levier.audit.devices import COOKIE
from levier.audit.models import Action, AuditEntry, KnownDevice
from levier.mailing.models import OutgoingEmail
from tests.factories import PASSWORD, make_user
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def _sign_in(client, user, agent=FIREFOX, address="203.0.113.77"):
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        HTTP_USER_AGENT=agent,
        REMOTE_ADDR=address,
    )
    assert response.status_code == 302
    return response


def _sign_ins():
    return AuditEntry.objects.filter(action=Action.NEW_DEVICE_SIGN_IN)


@pytest.fixture
def person(db):
    return make_user("marie@example.org", full_name="Marie")


@pytest.fixture
def known_browser(person):
    """A browser Marie has signed in from before."""
    browser = Client()
    _sign_in(browser, person)
    browser.post(reverse("account_logout"))
    _sign_ins().delete()
    return browser


def test_a_new_browser_is_recorded_and_the_person_emailed(person, known_browser):
    with committed():
        _sign_in(Client(), person, SAFARI_IPHONE, "198.51.100.23")

    (entry,) = _sign_ins()
    assert entry.actor == entry.subject == person
    assert entry.organisation is None and entry.network is None
    assert entry.user_agent == "Safari · iPhone"
    assert entry.ip_prefix == "198.51.100.0/24"
    assert OutgoingEmail.objects.filter(kind="audit.new_device").count() == 1
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "Safari · iPhone" in message.body and "198.51.100.0/24" in message.body
    assert reverse("account_change_password") in message.body


def test_the_same_browser_again_records_nothing(person, known_browser):
    new = Client()
    _sign_in(new, person, SAFARI_IPHONE)
    new.post(reverse("account_logout"))

    _sign_in(new, person, SAFARI_IPHONE)
    _sign_in(known_browser, person)

    assert _sign_ins().count() == 1
    assert OutgoingEmail.objects.filter(kind="audit.new_device").count() == 1
    assert KnownDevice.objects.filter(person=person).count() == 2


def test_the_first_browser_of_an_account_is_recorded_without_an_email(person):
    _sign_in(Client(), person)

    assert _sign_ins().count() == 1
    assert not OutgoingEmail.objects.exists()


def test_a_forged_cookie_is_a_new_browser(person, known_browser):
    forged = Client()
    forged.cookies[COOKIE] = known_browser.cookies[COOKIE].value.replace(":", "x:", 1)

    _sign_in(forged, person)

    assert _sign_ins().count() == 1


def test_the_browser_is_known_to_its_person_only(person, known_browser):
    """A shared computer: another person's first sign-in there is theirs."""
    other = make_user("paul@example.org")
    _sign_in(Client(), other)  # Paul's own first browser
    _sign_ins().delete()

    _sign_in(known_browser, other)

    (entry,) = _sign_ins()
    assert entry.subject == other


def test_the_cookie_stays_after_signing_out_and_is_not_readable_by_scripts(person):
    browser = Client()
    response = _sign_in(browser, person)
    browser.post(reverse("account_logout"))

    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 300 * 24 * 3600
    assert browser.cookies[COOKIE].value == cookie.value


def test_a_session_opened_without_a_browser_records_nothing(person):
    """The test client's force_login, a sign-in with no response to set a
    cookie on, has no browser to recognise."""
    Client().force_login(person)

    assert not _sign_ins().exists()
