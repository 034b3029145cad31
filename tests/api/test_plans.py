"""The action plan through the API: actions of the token's organisation only,
created and edited through the web's form and the plan's services (status
history, completion date, versions), measurements recorded."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levier.api.services import ORGANISATION_AREAS
from levier.plans import services
from levier.plans.models import Action, ActionUpdate, Measurement
from tests.api.conftest import every_scope
from tests.api.factories import make_token

URL = "/api/v1/actions"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def home(api_tenants):
    return api_tenants["home"]


@pytest.fixture
def action(home):
    """Read afresh: services change the instance they are given."""
    return Action.objects.get(pk=home.objects["action"].pk)


@pytest.fixture
def sibling_headers(api_tenants, db):
    sibling = api_tenants["sibling"]
    return make_token(
        sibling.admin, organisation=sibling.organisation, scopes=every_scope(ORGANISATION_AREAS)
    )[1]


def send(client, method, path, body, headers):
    return getattr(client, method)(
        path, data=json.dumps(body), content_type="application/json", **headers
    )


# Reading ---------------------------------------------------------------------------------


def test_the_list_holds_the_organisations_actions(client, home, api_headers, action):
    response = client.get(URL, **api_headers["org"])
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == action.pk
    assert item["title"] == action.title
    assert item["owner"] == {"id": home.contributor.pk, "name": home.contributor.display_name}
    assert "email" not in json.dumps(item)


def test_the_list_filters_by_status_owner_and_change(client, home, api_headers, action):
    services.add_action(home.organisation, home.admin, title="Done already", status="done")
    headers = api_headers["org"]
    done = client.get(URL, {"status": "done"}, **headers).json()["items"]
    assert [item["title"] for item in done] == ["Done already"]
    mine = client.get(URL, {"owner_id": home.contributor.pk}, **headers).json()["items"]
    assert [item["id"] for item in mine] == [action.pk]
    later = (timezone.now() + timedelta(minutes=5)).isoformat()
    assert client.get(URL, {"updated_since": later}, **headers).json()["items"] == []
    assert client.get(URL, {"status": "late"}, **headers).status_code == 422


def test_one_action_with_its_measurements(client, home, api_headers, action):
    response = client.get(f"{URL}/{action.pk}", **api_headers["org"])
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == action.title
    assert body["status"] == "todo"
    assert body["measurements"] == [
        {"id": action.measurements.get().pk, "date": "2026-01-15", "value": 3.0, "note": ""}
    ]
    assert body["carbon"] is None
    assert body["version"] == action.version


def test_another_organisations_token_gets_404_where_the_right_one_works(
    client, home, api_headers, sibling_headers, action
):
    assert client.get(f"{URL}/{action.pk}", **api_headers["org"]).status_code == 200
    assert client.get(f"{URL}/{action.pk}", **sibling_headers).status_code == 404
    response = send(client, "patch", f"{URL}/{action.pk}", {"status": "done"}, sibling_headers)
    assert response.status_code == 404
    body = {"date": "2026-02-01", "value": 4}
    response = send(client, "post", f"{URL}/{action.pk}/measurements", body, sibling_headers)
    assert response.status_code == 404
    assert Action.objects.get(pk=action.pk).status == "todo"
    assert action.measurements.count() == 1
    assert action.pk not in {i["id"] for i in client.get(URL, **sibling_headers).json()["items"]}


def test_tokens_without_the_area_or_the_right_get_403(client, home, api_headers, action):
    for headers in (api_headers["org_none"], api_headers["network_none"]):
        assert client.get(URL, **headers).status_code == 403
        assert client.get(f"{URL}/{action.pk}", **headers).status_code == 403
        assert send(client, "post", URL, {"title": "New"}, headers).status_code == 403
    reader = make_token(home.admin, organisation=home.organisation, scopes=["plans:read"])[1]
    assert client.get(f"{URL}/{action.pk}", **reader).status_code == 200
    assert send(client, "post", URL, {"title": "New"}, reader).status_code == 403
    assert (
        send(client, "patch", f"{URL}/{action.pk}", {"status": "done"}, reader).status_code == 403
    )
    body = {"date": "2026-02-01", "value": 4}
    assert send(client, "post", f"{URL}/{action.pk}/measurements", body, reader).status_code == 403


def test_queries_do_not_grow_with_the_page(client, home, api_headers):
    for n in range(21):
        services.add_action(home.organisation, home.admin, title=f"Action {n}", owner=home.viewer)
    client.get(URL, **api_headers["org"])  # the token's first use is recorded once

    def queries(limit):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"limit": limit}, **api_headers["org"])
        assert len(response.json()["items"]) == limit
        return len(captured)

    assert queries(2) == queries(20)


# Writing ---------------------------------------------------------------------------------


def test_a_new_action_is_in_the_plan_as_from_the_web_form(client, home, api_headers):
    body = {
        "title": "Install bike racks",
        "description": "Ten places in the courtyard.",
        "owner_id": home.viewer.pk,
        "due_date": "2026-09-30",
        "priority": "high",
        "indicator_name": "Places",
        "indicator_unit": "places",
        "indicator_target": 10,
    }
    response = send(client, "post", URL, body, api_headers["org"])
    assert response.status_code == 201, response.content
    created = Action.objects.get(pk=response.json()["id"])
    assert (created.title, created.owner, created.due_date, created.priority) == (
        "Install bike racks",
        home.viewer,
        date(2026, 9, 30),
        "high",
    )
    assert created.organisation == home.organisation
    assert created.created_by == home.admin
    assert response.json()["indicator"] == {
        "name": "Places",
        "unit": "places",
        "baseline": None,
        "target": 10.0,
    }
    # Its history starts as the web's does, and the plan's page lists it.
    assert list(ActionUpdate.objects.filter(action=created).values_list("status", flat=True)) == [
        "todo"
    ]
    client.force_login(home.viewer)
    page = client.get(reverse("plan_list", args=[home.organisation.slug]))
    assert "Install bike racks" in page.content.decode()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "A", "owner_id": 0}, "owner_id"),
        ({"title": "A", "status": "late"}, "status"),
        ({"title": "A", "indicator_target": 1e300}, "indicator_target"),
        ({"title": "A", "due_date": "tomorrow"}, "due_date"),
        ({}, "title"),
    ],
)
def test_invalid_new_actions_are_422_with_the_field(client, home, api_headers, body, field):
    count = Action.objects.count()
    response = send(client, "post", URL, body, api_headers["org"])
    assert response.status_code == 422, response.content
    assert field in {error["field"] for error in response.json()["errors"]}
    assert Action.objects.count() == count


def test_an_owner_of_another_organisation_is_refused(client, api_tenants, api_headers):
    stranger = api_tenants["sibling"].admin
    body = {"title": "A", "owner_id": stranger.pk}
    response = send(client, "post", URL, body, api_headers["org"])
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "owner_id"


def test_done_by_the_api_is_recorded_as_on_the_web(client, home, api_headers, action):
    response = send(
        client,
        "patch",
        f"{URL}/{action.pk}",
        {"status": "done", "version": action.version},
        api_headers["org"],
    )
    assert response.status_code == 200, response.content
    saved = Action.objects.get(pk=action.pk)
    assert saved.status == "done"
    assert saved.completed_at is not None
    assert saved.updated_by == home.admin
    assert saved.version == action.version + 1
    assert saved.title == action.title  # what was not sent stays
    assert ActionUpdate.objects.filter(action=action, status="done", author=home.admin).exists()
    assert response.json()["completed_at"] is not None


def test_an_edit_from_a_stale_version_is_a_409_with_the_current_action(
    client, home, api_headers, action
):
    services.update_action(action, {"title": "Renamed on the web"}, home.contributor, 1)
    response = send(
        client,
        "patch",
        f"{URL}/{action.pk}",
        {"title": "Renamed by the ERP", "version": 1},
        api_headers["org"],
    )
    assert response.status_code == 409
    assert response.json()["current"]["title"] == "Renamed on the web"
    assert response.json()["current"]["version"] == 2
    assert Action.objects.get(pk=action.pk).title == "Renamed on the web"
    # Without a version, the edit applies to the action as it is.
    response = send(
        client, "patch", f"{URL}/{action.pk}", {"due_date": "2026-12-31"}, api_headers["org"]
    )
    assert response.status_code == 200
    assert Action.objects.get(pk=action.pk).due_date == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "late"}, "status"),
        ({"title": None}, "title"),
        ({"title": ""}, "title"),
        ({"priority": "urgent"}, "priority"),
        ({"owner_id": 0}, "owner_id"),
        ({"version": -1}, "version"),
    ],
)
def test_invalid_edits_are_422_with_the_field(client, api_headers, action, body, field):
    response = send(client, "patch", f"{URL}/{action.pk}", body, api_headers["org"])
    assert response.status_code == 422, response.content
    assert field in {error["field"] for error in response.json()["errors"]}
    assert Action.objects.get(pk=action.pk).version == action.version


def test_a_measurement_is_recorded(client, home, api_headers, action):
    body = {"date": "2026-02-15", "value": 7.5, "note": "From the badge system"}
    response = send(client, "post", f"{URL}/{action.pk}/measurements", body, api_headers["org"])
    assert response.status_code == 201, response.content
    measurement = Measurement.objects.get(pk=response.json()["id"])
    assert (measurement.action, measurement.value, measurement.recorded_by) == (
        action,
        7.5,
        home.admin,
    )
    values = [
        m["value"]
        for m in client.get(f"{URL}/{action.pk}", **api_headers["org"]).json()["measurements"]
    ]
    assert values == [3.0, 7.5]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2026-02-15", "value": 1e300}, "value"),
        ({"date": "not a date", "value": 1}, "date"),
        ({"value": 1}, "date"),
        ({"date": "2026-02-15", "value": 1, "note": "x" * 500}, "note"),
    ],
)
def test_invalid_measurements_are_422_with_the_field(client, api_headers, action, body, field):
    response = send(client, "post", f"{URL}/{action.pk}/measurements", body, api_headers["org"])
    assert response.status_code == 422, response.content
    assert field in {error["field"] for error in response.json()["errors"]}
    assert action.measurements.count() == 1
