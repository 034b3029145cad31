"""A programme is edited after creation: dates, seats, the call, the budget."""

import pytest
from django.urls import reverse

from levier.accounts.models import NetworkRole
from tests.cohorts.conftest import select
from tests.factories import make_member, make_network, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db


def _data(**changes):
    data = {
        "title": "Cap RSE 2028",
        "description": "Six mois pour structurer sa démarche.",
        "seats": "4",
        "application_deadline": "2027-01-15",
        "application_question": "Pourquoi ?",
        "starts_on": "2027-02-01",
        "ends_on": "2027-07-31",
        "requires_assessment": "on",
        "min_actions": "3",
        "coaching_hours_budget": "40",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _url(programme):
    return reverse("programme_edit", args=[programme.network.slug, programme.pk])


def test_the_animator_edits_the_programme_and_closes_the_call(client, programme, animator):
    client.force_login(animator)

    response = client.post(_url(programme), _data())

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Cap RSE 2028"
    assert programme.seats == 4 and programme.coaching_hours_budget == 40
    assert str(programme.ends_on) == "2027-07-31"
    assert not programme.applications_open  # the box was not ticked: the call is closed


def test_the_call_reopens(client, programme, animator):
    programme.applications_open = False
    programme.save()
    client.force_login(animator)

    client.post(_url(programme), _data(applications_open="on"))

    programme.refresh_from_db()
    assert programme.applications_open


def test_the_end_comes_after_the_start(client, programme, animator):
    client.force_login(animator)

    response = client.post(_url(programme), _data(ends_on="2027-01-01"))

    assert response.status_code == 400
    assert "La fin vient après le début." in response.content.decode()
    programme.refresh_from_db()
    assert programme.title == "Cap RSE 2027"


def test_seats_never_go_below_the_organisations_selected(client, network, programme, animator):
    select(programme, make_organisation(network))
    select(programme, make_organisation(network))
    client.force_login(animator)

    response = client.post(_url(programme), _data(seats="1"))

    assert response.status_code == 400
    assert "2" in response.context["form"].errors["seats"][0]
    assert client.post(_url(programme), _data(seats="2")).status_code == 302


def test_only_the_networks_animators_edit(client, programme, animator, organisation):
    client.force_login(make_member(organisation))
    assert client.get(_url(programme)).status_code == 404
    client.force_login(make_network_staff(make_network(), NetworkRole.Role.ANIMATOR))
    assert client.get(_url(programme)).status_code == 404
    client.force_login(animator)
    assert client.get(_url(programme)).status_code == 200
