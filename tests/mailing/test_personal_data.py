import pytest
from django.core.mail import EmailMessage

from levier.accounts.services import personal_data
from levier.mailing import services
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_persons_data_lists_the_emails_sent_to_them_and_only_them():
    marie = make_user("marie@example.org")
    services.queue(EmailMessage("[Levier] Pour Marie", "...", to=["Marie@example.org"]), kind="a")
    services.queue(
        EmailMessage("[Levier] Pour Annemarie", "...", to=["annemarie@example.org"]), kind="b"
    )

    (email,) = personal_data(marie)["emails"]

    assert (email["about"], email["subject"], email["status"]) == (
        "a",
        "[Levier] Pour Marie",
        "queued",
    )
