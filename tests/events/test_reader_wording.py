"""Event pages in words that hold for anyone: counts that agree in number, a
registration that does not guess the person's gender, themes in the reader's
language."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from levier.events import services
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.parametrize("capacity", [1, 3])
def test_the_registrations_page_counts_seats_in_the_right_number(
    client, network, organisation, member, animator, capacity
):
    event = make_event(network, capacity=capacity)
    services.register(event, member, organisation)
    client.force_login(animator)

    page = client.get(
        reverse("event_registrations", args=[network.slug, event.pk]), **ENGLISH
    ).content.decode()

    seats = "1 seat" if capacity == 1 else f"{capacity} seats"
    assert f"1 confirmed registration · {seats}" in page
    assert "1 seats" not in page


def test_a_registration_is_confirmed_without_agreeing_with_a_gender(
    client, network, organisation, member
):
    event = make_event(network)
    client.force_login(member)

    response = client.post(
        reverse("event_register", args=[event.pk]),
        {"who": f"{organisation.pk}:{member.pk}"},
        **ENGLISH,
    )

    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == [
        f"Registration confirmed for {member.display_name}. A confirmation email with the "
        "calendar file is on its way."
    ]


def test_an_event_theme_naming_a_framework_theme_reads_in_the_page_language(
    client, network, member
):
    mobility = make_event(network, title="Vélo", theme="Mobilité")
    own_words = make_event(network, title="Visite", theme="Visite d’usine")
    client.force_login(member)

    english = client.get(reverse("agenda"), **ENGLISH).content.decode()
    french = client.get(reverse("agenda"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert '<span class="badge">Mobility</span>' in english
    assert '<span class="badge">Mobilité</span>' in french
    # A theme of the animator's own words is shown as typed.
    assert f'<span class="badge">{own_words.theme}</span>' in english
    # The filter still finds the events by the theme as stored.
    filtered = client.get(reverse("agenda"), {"theme": mobility.theme}, **ENGLISH)
    assert [event.title for event in filtered.context["events"]] == [mobility.title]
