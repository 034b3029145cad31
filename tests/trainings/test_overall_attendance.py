"""A training with sessions records attendance per session: the event's
overall "tick who came" stays for events without sessions."""

import pytest
from django.urls import reverse

from levier.events.models import Registration
from levier.trainings.models import Part
from tests.factories import make_organisation
from tests.trainings.factories import make_session, make_training, present, seat

pytestmark = pytest.mark.django_db


def test_the_overall_tick_cannot_overwrite_attendance_per_session(client, network, animator):
    training = make_training(network)
    session = make_session(training)
    registration = seat(training, make_organisation(network))
    present(session, registration, Part.MORNING)
    Registration.objects.filter(pk=registration.pk).update(attended=True)
    client.force_login(animator)
    url = reverse("event_registrations", args=[network.slug, training.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"attended": []})

    assert f'name="attended" value="{registration.pk}"' not in page
    assert "La présence se note par session" in page
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).attended is True


def test_an_event_without_sessions_keeps_the_overall_tick(client, network, animator):
    event = make_training(network)
    registration = seat(event, make_organisation(network))
    client.force_login(animator)
    url = reverse("event_registrations", args=[network.slug, event.pk])

    assert f'name="attended" value="{registration.pk}"' in client.get(url).content.decode()
    client.post(url, {"attended": [registration.pk]})

    assert Registration.objects.get(pk=registration.pk).attended is True
