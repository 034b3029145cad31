"""The outbox in the back office: a read-only log for superusers, with
"retry now" for emails that failed."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse

from levier.accounts.models import NetworkRole, User
from levier.mailing import services
from levier.mailing.models import OutgoingEmail
from tests.factories import make_network_staff
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:mailing_outgoingemail_changelist"


def _queue(body="Quelques mots", **options) -> OutgoingEmail:
    message = EmailMessage("[Levier] Bonjour", body, to=["marie@example.org"])
    return services.queue(message, kind="test.hello", **options)


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root@example.org", "pw-for-tests-only"))
    return client


def test_superusers_read_the_log(superuser_client):
    email = _queue(body="Quelques mots du réseau")

    page = superuser_client.get(reverse(CHANGELIST))
    detail = superuser_client.get(reverse("admin:mailing_outgoingemail_change", args=[email.pk]))

    assert page.status_code == 200
    assert [e.pk for e in page.context["cl"].result_list] == [email.pk]
    assert "marie@example.org" in page.content.decode()
    assert detail.status_code == 200
    assert not detail.context["has_change_permission"]
    assert "Quelques mots du réseau" in detail.content.decode()
    assert superuser_client.get(reverse("admin:mailing_outgoingemail_add")).status_code == 403


def test_a_secret_link_is_not_shown(superuser_client):
    email = _queue(body="https://levier.example/reset/secret-key", sensitive=True)

    detail = superuser_client.get(reverse("admin:mailing_outgoingemail_change", args=[email.pk]))

    assert "secret-key" not in detail.content.decode()


def test_network_admins_do_not_see_other_peoples_emails(client, network):
    _queue()
    client.force_login(make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN))

    index = client.get(reverse("admin:index"))
    page = client.get(reverse(CHANGELIST))

    assert index.status_code == 200
    assert "mailing" not in [app["app_label"] for app in index.context["app_list"]]
    assert page.status_code == 403


def test_retry_now_sends_a_failed_email(superuser_client):
    email = _queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.FAILED, attempts=6, next_attempt_at=None
    )

    with committed():
        response = superuser_client.post(
            reverse(CHANGELIST),
            {"action": "retry_now", "_selected_action": [email.pk]},
            follow=True,
        )

    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["marie@example.org"]
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 7)
