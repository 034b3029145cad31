"""Statutory objectives (wording, kind, theme, order) and the operational
objectives that decline them (title, owner among the organisation's
members, deadline): added, edited, deleted after a confirmation that says
what goes with them, evidence files included."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from levier.assessments.uploads import stored_fields
from levier.mission.models import (
    MeasurementEvidence,
    MissionTheme,
    ObjectiveKind,
    OperationalObjective,
    StatutoryObjective,
)
from tests.factories import make_member
from tests.mission import core_data as d

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_statutory_objectives_are_added_in_order_and_edited(client):
    world = d.company()
    client.force_login(world.contributor)
    url = d.url("mission_objective_new", world.organisation)
    d.add_objective(world.mission, "Premier", position=4)
    assert client.get(url).context["form"]["position"].value() == 5
    response = client.post(
        url,
        {
            "wording": "Favoriser l'emploi local",
            "kind": ObjectiveKind.SOCIAL,
            "theme": MissionTheme.TERRITORY,
            "position": "5",
        },
    )
    assert response.status_code == 302
    objective = StatutoryObjective.objects.get(wording="Favoriser l'emploi local")
    assert (objective.kind, objective.theme, objective.mission) == (
        ObjectiveKind.SOCIAL,
        MissionTheme.TERRITORY,
        world.mission,
    )
    response = client.post(
        d.url("mission_objective_edit", world.organisation, objective.pk),
        {
            "wording": "Favoriser l'emploi local",
            "kind": "social",
            "theme": "work",
            "position": "0",
        },
    )
    assert response.status_code == 302
    page = client.get(d.url("mission", world.organisation)).content.decode()
    assert page.index("Favoriser l&#x27;emploi local") < page.index("Premier")


def test_an_objective_without_theme_is_refused_and_its_wording_stays(client):
    world = d.company()
    client.force_login(world.contributor)
    response = client.post(
        d.url("mission_objective_new", world.organisation),
        {"wording": "Zéro déchet en 2030", "kind": "environmental", "theme": "", "position": "0"},
        **EN,
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the theme closest to the objective." in page
    assert "Zéro déchet en 2030" in page
    assert not StatutoryObjective.objects.exists()


def test_without_a_mission_adding_an_objective_leads_to_defining_the_mission(client):
    world = d.company(with_mission=False)
    client.force_login(world.contributor)
    response = client.get(d.url("mission_objective_new", world.organisation))
    assert response["Location"] == d.url("mission_edit", world.organisation)


def test_viewers_read_but_do_not_add_objectives(client):
    world = d.company()
    client.force_login(world.viewer)
    assert client.get(d.url("mission_objective_new", world.organisation)).status_code == 404
    response = client.post(
        d.url("mission_objective_new", world.organisation),
        {"wording": "X", "kind": "social", "theme": "work", "position": "0"},
    )
    assert response.status_code == 404
    assert not StatutoryObjective.objects.exists()
    assert client.get(d.url("mission", world.organisation)).status_code == 200


def test_an_operational_objectives_owner_is_one_of_the_organisations_members(client):
    world = d.company()
    objective = d.add_objective(world.mission)
    stranger = make_member(d.company(with_mission=False).organisation)
    client.force_login(world.contributor)
    url = d.url("mission_operational_new", world.organisation, objective.pk)
    choices = [str(c[0]) for c in client.get(url).context["form"].fields["owner"].choices]
    assert str(world.viewer.pk) in choices and str(stranger.pk) not in choices
    data = {"title": "Consigner les bouteilles", "description": "", "due_on": "2027-06-30"}
    response = client.post(url, {**data, "owner": stranger.pk}, **EN)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert "Consigner les bouteilles" in response.content.decode()
    response = client.post(url, {**data, "owner": world.viewer.pk})
    operational = OperationalObjective.objects.get()
    assert response["Location"] == d.url("mission_operational", world.organisation, operational.pk)
    assert (operational.owner, operational.due_on) == (world.viewer, date(2027, 6, 30))
    assert operational.organisation == world.organisation
    response = client.post(
        d.url("mission_operational_edit", world.organisation, operational.pk),
        {**data, "title": "Consigner toutes les bouteilles", "owner": ""},
    )
    operational.refresh_from_db()
    assert (operational.title, operational.owner) == ("Consigner toutes les bouteilles", None)


def test_the_operational_page_shows_its_indicators(client):
    world = d.company()
    operational = d.add_operational(d.add_objective(world.mission), owner=world.admin)
    indicator = d.add_indicator(operational, "Taux de consigne")
    client.force_login(world.viewer)
    page = client.get(
        d.url("mission_operational", world.organisation, operational.pk), **EN
    ).content.decode()
    assert "Alice Admin" in page
    assert d.url("mission_indicator", world.organisation, indicator.pk) in page
    assert "No data yet" in page
    assert d.url("mission_indicator_new", world.organisation, operational.pk) not in page


def _with_evidence(world):
    objective = d.add_objective(world.mission)
    operational = d.add_operational(objective)
    measurement = d.measure(d.add_indicator(operational), date(2025, 6, 1), 20)
    evidence = MeasurementEvidence.objects.create(
        measurement=measurement,
        **stored_fields(SimpleUploadedFile("facture.pdf", d.PDF), world.admin),
    )
    return objective, operational, evidence


def test_deleting_a_statutory_objective_asks_first_then_takes_everything_under_it(
    client, django_capture_on_commit_callbacks
):
    world = d.company()
    objective, operational, evidence = _with_evidence(world)
    storage, name = evidence.file.storage, evidence.file.name
    assert storage.exists(name)
    client.force_login(world.contributor)
    url = d.url("mission_objective_delete", world.organisation, objective.pk)
    page = client.get(url, **EN).content.decode()
    assert "Its 1 operational objective and its indicators are deleted." in page
    assert "1 measurement, with its evidence, is deleted." in page
    assert StatutoryObjective.objects.filter(pk=objective.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == d.url("mission", world.organisation)
    assert not StatutoryObjective.objects.filter(pk=objective.pk).exists()
    assert not OperationalObjective.objects.filter(pk=operational.pk).exists()
    assert not storage.exists(name)


def test_deleting_an_operational_objective_keeps_the_linked_actions(client):
    world = d.company()
    _objective, operational, _evidence = _with_evidence(world)
    action = world.organisation.actions.create(title="Acheter des casiers")
    operational.actions.add(action)
    client.force_login(world.contributor)
    url = d.url("mission_operational_delete", world.organisation, operational.pk)
    assert "The linked actions stay in the plan." in client.get(url, **EN).content.decode()
    client.post(url)
    assert not OperationalObjective.objects.filter(pk=operational.pk).exists()
    assert world.organisation.actions.filter(pk=action.pk).exists()


def test_another_organisations_objective_is_not_found(client):
    world, other = d.company(), d.company()
    theirs = d.add_objective(other.mission)
    ours = d.add_objective(world.mission)
    client.force_login(world.contributor)
    assert (
        client.get(d.url("mission_objective_edit", world.organisation, theirs.pk)).status_code
        == 404
    )
    assert (
        client.post(d.url("mission_objective_delete", world.organisation, theirs.pk)).status_code
        == 404
    )
    assert StatutoryObjective.objects.filter(pk=theirs.pk).exists()
    assert (
        client.get(d.url("mission_objective_edit", world.organisation, ours.pk)).status_code == 200
    )
