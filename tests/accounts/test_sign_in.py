import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, make_user
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_in_any_case_and_sign_out(client):
    user = make_user("Marie.Curie@example.org")

    response = client.post(
        reverse("account_login"), {"login": "MARIE.curie@EXAMPLE.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == user

    client.post(reverse("account_logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_a_wrong_password_is_refused_with_a_french_message(client):
    make_user("marie@example.org")

    response = client.post(
        reverse("account_login"), {"login": "marie@example.org", "password": "x"}
    )

    assert response.status_code == 200
    assert "incorrect" in response.content.decode()


def test_sign_up_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert "inscription" in response.content.decode().lower()
    assert response.status_code == 200


def test_password_reset_by_email(client):
    user = make_user("marie@example.org")

    with committed():
        client.post(reverse("account_reset_password"), {"email": "marie@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/password/reset/key/\S+", mail.outbox[0].body).group(0)

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "a new long passphrase", "password2": "a new long passphrase"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a new long passphrase")
