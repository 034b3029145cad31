"""Deliverables chosen per programme: an assessment, N actions, a collective
session attended, the programme's own deliverable ticked by the animators."""

import pytest
from django.urls import reverse

from levier.events.models import Registration
from levier.plans.models import Action
from levier.programmes import services as programmes
from levier.programmes.models import Programme
from tests.cohorts.conftest import select
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(network):
    return Programme.objects.create(
        network=network,
        title="Cap RSE",
        requires_assessment=False,
        min_actions=1,
        requires_attendance=True,
        custom_deliverable="Bilan carbone présenté au conseil",
    )


def _row(programme, organisation):
    return next(r for r in programmes.progress_board(programme) if r.organisation == organisation)


def test_every_chosen_deliverable_counts(client, network, programme, organisation, org_admin):
    application = select(programme, organisation)
    Action.objects.create(organisation=organisation, title="Vélos")
    assert not _row(programme, organisation).complete

    event = make_event(network, title="Atelier 1")
    event.programme = programme
    event.save()
    Registration.objects.create(
        event=event, user=org_admin, organisation=organisation, attended=True
    )
    row = _row(programme, organisation)
    assert row.attended and not row.custom_delivered and not row.complete

    application.custom_deliverable_done = True
    application.save()
    assert _row(programme, organisation).complete


def test_the_animator_ticks_the_custom_deliverable(
    client, network, programme, organisation, animator
):
    application = select(programme, organisation)
    client.force_login(animator)
    url = reverse("deliverable_tick", args=[network.slug, programme.pk, application.pk])

    board = client.get(reverse("programme_board", args=[network.slug, programme.pk]))
    assert "Bilan carbone présenté au conseil" in board.content.decode()
    client.post(url, {"done": "1"})
    application.refresh_from_db()
    assert application.custom_deliverable_done
    client.post(url, {"done": "0"})
    application.refresh_from_db()
    assert not application.custom_deliverable_done


def test_a_member_cannot_tick(client, network, programme, organisation, org_admin):
    application = select(programme, organisation)
    client.force_login(org_admin)

    response = client.post(
        reverse("deliverable_tick", args=[network.slug, programme.pk, application.pk]),
        {"done": "1"},
    )

    assert response.status_code == 404
    application.refresh_from_db()
    assert not application.custom_deliverable_done


def test_no_custom_deliverable_no_column(network, organisation):
    programme = Programme.objects.create(network=network, title="Simple", min_actions=0)
    select(programme, organisation)
    row = _row(programme, organisation)

    assert row.custom_delivered and row.attended
