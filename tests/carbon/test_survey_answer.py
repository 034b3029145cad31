"""The employees' side of the commuting survey: a public page, no account,
anonymous, rate-limited, closed when the survey or its inventory is."""

import pytest
from django.test import Client
from django.urls import reverse

from levier.carbon.commuting import ANSWERS_MAX
from levier.carbon.models import CommutingAnswer, CommutingSurvey, Inventory
from levier.lib import ratelimits
from tests.security.helpers import assert_too_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(organisation):
    inventory = Inventory.objects.create(organisation=organisation, year=2025, headcount=20)
    return CommutingSurvey.objects.create(inventory=inventory)


def url(survey):
    return reverse("carbon_survey_answer", args=[survey.token])


GOOD = {"distance_km": "12,5", "days_on_site": "4", "mode": "train", "remote_days": "1"}


def test_an_anonymous_person_answers_from_the_link_and_is_thanked(client, survey):
    page = client.get(url(survey))
    assert page.status_code == 200
    assert survey.inventory.organisation.name in page.content.decode()

    response = client.post(url(survey), GOOD)

    assert response.status_code == 302
    assert response["Location"] == reverse("carbon_survey_thanks", args=[survey.token])
    (answer,) = CommutingAnswer.objects.filter(survey=survey)
    assert (answer.distance_km, answer.days_on_site, answer.mode, answer.remote_days) == (
        12.5,
        4,
        "train",
        1,
    )
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "une seule fois" in thanks.content.decode()  # answer once: nothing tells us apart


def test_the_page_sets_no_cookie_but_csrf_and_keeps_nothing_of_the_person(client, survey):
    got = client.get(url(survey))
    posted = client.post(url(survey), GOOD, REMOTE_ADDR="203.0.113.9")

    assert set(got.cookies) | set(posted.cookies) <= {"csrftoken"}
    answer = CommutingAnswer.objects.get(survey=survey)
    stored = {f.name for f in CommutingAnswer._meta.concrete_fields}
    assert stored == {
        "id",
        "survey",
        "distance_km",
        "mode",
        "days_on_site",
        "remote_days",
        "created_at",
    }
    assert "203.0.113.9" not in str(CommutingAnswer.objects.filter(pk=answer.pk).values().get())


def test_the_privacy_promise_is_literally_true_of_the_cookie_the_page_sets(client, survey):
    """The page keeps the CSRF cookie (the form's protection): what it says
    of cookies must allow for it, and name the IP address plainly."""
    for language, technical, claims in (
        ("fr", "cookies techniques", ("aucun cookie de notre part", "adresse sur internet")),
        ("en", "only technical ones", ("any cookie of ours", "address on the internet")),
    ):
        client.cookies["django_language"] = language
        page = client.get(url(survey))
        text = page.content.decode()
        assert "csrftoken" in page.cookies
        assert technical in text and "IP" in text
        assert not any(claim in text for claim in claims)


def test_answering_twice_counts_two_answers(client, survey):
    client.post(url(survey), GOOD)
    client.post(url(survey), GOOD)
    assert CommutingAnswer.objects.filter(survey=survey).count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("distance_km", "", "Indiquez la distance"),
        ("distance_km", "douze", "Indiquez un nombre"),
        ("distance_km", "-3", "entre 0 et 1\xa0000"),
        ("distance_km", "5000", "entre 0 et 1\xa0000"),
        ("distance_km", "inf", "Indiquez un nombre"),
        ("days_on_site", "8", "entre 0 et 7"),
        ("mode", "", "Choisissez comment vous venez"),
        ("mode", "rocket", "Sélectionnez un choix valide"),
        ("remote_days", "5", "plus d’une semaine"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(client, survey, field, value, message):
    data = {**GOOD, "days_on_site": "4", field: value}

    response = client.post(url(survey), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if value:
        assert f'value="{value}"' in page or f'value="{value}" checked' in page or field == "mode"
    assert not CommutingAnswer.objects.exists()


def test_a_closed_survey_says_so_and_takes_no_answer(client, survey):
    CommutingSurvey.objects.filter(pk=survey.pk).update(is_open=False)

    page = client.get(url(survey))
    posted = client.post(url(survey), GOOD)

    assert page.status_code == posted.status_code == 410
    assert "Cette enquête est close" in page.content.decode()
    assert not CommutingAnswer.objects.exists()


def test_the_survey_of_a_locked_inventory_is_closed(client, survey):
    Inventory.objects.filter(pk=survey.inventory_id).update(status=Inventory.Status.LOCKED)

    assert client.post(url(survey), GOOD).status_code == 410
    assert not CommutingAnswer.objects.exists()


def test_an_unknown_token_is_404(client, survey):
    unknown = reverse("carbon_survey_answer", args=["x" * 32])
    assert client.get(unknown).status_code == 404
    assert client.post(unknown, GOOD).status_code == 404
    assert client.get(reverse("carbon_survey_thanks", args=["x" * 32])).status_code == 404


def test_a_full_survey_takes_no_more_answers(client, survey, monkeypatch):
    from levier.carbon import commuting

    CommutingAnswer.objects.bulk_create(
        CommutingAnswer(survey=survey, distance_km=1, mode="walk", days_on_site=5)
        for _ in range(3)
    )
    monkeypatch.setattr(commuting, "ANSWERS_MAX", 3)

    response = client.post(url(survey), GOOD)

    assert response.status_code == 410
    assert CommutingAnswer.objects.filter(survey=survey).count() == 3
    assert ANSWERS_MAX >= 1000


def test_answers_are_limited_per_address(survey):
    (limit,) = ratelimits.LIMITS["carbon_survey_answer"]
    allowed = int(limit.rate.split("/")[0])
    client = Client()

    statuses = [client.post(url(survey), GOOD).status_code for _ in range(allowed)]

    assert 429 not in statuses
    assert_too_many(client.post(url(survey), GOOD))
    assert CommutingAnswer.objects.count() == allowed
    # A colleague at home, from another address, still answers.
    assert client.post(url(survey), GOOD, REMOTE_ADDR="10.9.9.9").status_code == 302
