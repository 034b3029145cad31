"""VSME reports through the API: the token's organisation's only, how complete
each is (as the report's overview counts it) and its datapoints."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from levier.api.services import ORGANISATION_AREAS
from levier.vsme import services
from levier.vsme.models import Datapoint, VsmeReport
from tests.api.conftest import every_scope
from tests.api.factories import make_token
from tests.vsme.factories import fill_required, make_report

URL = "/api/v1/vsme/reports"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def home(api_tenants):
    return api_tenants["home"]


@pytest.fixture
def report(home):
    """A report started as the web starts it (pre-filled, to confirm)."""
    return make_report(home.organisation, home.admin, year=2024)


def test_the_list_says_how_complete_each_report_is(client, home, api_headers, report):
    response = client.get(URL, **api_headers["org"])
    assert response.status_code == 200
    items = {item["id"]: item for item in response.json()["items"]}
    assert set(items) == {home.objects["vsme_report"].pk, report.pk}
    item = items[report.pk]
    assert (item["period_start"], item["period_end"]) == ("2024-01-01", "2024-12-31")
    assert (item["module"], item["status"]) == ("basic", "draft")
    points = services.datapoints(report)
    progress = services.progress(report, points, services.problems_of(report, points))
    completeness = item["completeness"]
    assert completeness["answered"] == sum(row.answered for row in progress)
    assert completeness["total"] == sum(row.total for row in progress)
    assert completeness["required_missing"] == sum(row.required_missing for row in progress)
    assert [d["code"] for d in completeness["disclosures"]] == [
        row.disclosure.code for row in progress
    ]
    assert "datapoints" not in item


def test_a_filled_report_is_complete_but_for_confirmations(client, home, api_headers, report):
    fill_required(report, home.admin)
    Datapoint.objects.filter(report=report).update(state=Datapoint.State.CONFIRMED)
    body = client.get(f"{URL}/{report.pk}", **api_headers["org"]).json()
    assert body["completeness"]["required_missing"] == 0
    assert body["completeness"]["to_confirm"] == 0
    assert all(d["done"] for d in body["completeness"]["disclosures"])


def test_one_report_with_its_datapoints(client, home, api_headers, report):
    services.save_value(report, "NumberOfEmployees", 37.0, home.admin)
    response = client.get(f"{URL}/{report.pk}", **api_headers["org"])
    assert response.status_code == 200
    points = {point["code"]: point for point in response.json()["datapoints"]}
    assert points["NumberOfEmployees"]["value"] == 37.0
    assert points["NumberOfEmployees"]["state"] == "confirmed"
    assert points["NumberOfEmployees"]["source"] == "entered"
    assert set(points) == set(services.datapoints(report))


def test_the_list_filters_by_status_and_by_change(client, home, api_headers, report):
    headers = api_headers["org"]
    VsmeReport.objects.filter(pk=report.pk).update(status=VsmeReport.Status.COMPLETE)
    complete = client.get(URL, {"status": "complete"}, **headers).json()["items"]
    assert [item["id"] for item in complete] == [report.pk]
    later = timezone.now() + timedelta(minutes=5)
    assert client.get(URL, {"updated_since": later.isoformat()}, **headers).json()["items"] == []
    # A datapoint changed later brings its report back.
    Datapoint.objects.filter(report=report).update(updated_at=later + timedelta(hours=1))
    changed = client.get(URL, {"updated_since": later.isoformat()}, **headers).json()["items"]
    assert [item["id"] for item in changed] == [report.pk]


def test_another_organisations_token_gets_404_where_the_right_one_reads(
    client, api_tenants, api_headers, report
):
    sibling = api_tenants["sibling"]
    _token, theirs = make_token(
        sibling.admin, organisation=sibling.organisation, scopes=every_scope(ORGANISATION_AREAS)
    )
    assert client.get(f"{URL}/{report.pk}", **api_headers["org"]).status_code == 200
    assert client.get(f"{URL}/{report.pk}", **theirs).status_code == 404
    listed = client.get(URL, **theirs).json()["items"]
    assert report.pk not in {item["id"] for item in listed}


def test_tokens_without_the_area_get_403(client, home, api_headers, report):
    for headers in (api_headers["org_none"], api_headers["network_none"]):
        assert client.get(URL, **headers).status_code == 403
        assert client.get(f"{URL}/{report.pk}", **headers).status_code == 403
    carbon_only = make_token(home.admin, organisation=home.organisation, scopes=["carbon:read"])[1]
    assert client.get(URL, **carbon_only).status_code == 403


def test_queries_do_not_grow_with_the_page(client, home, api_headers):
    for year in range(2000, 2021):
        report = VsmeReport.objects.create(
            organisation=home.organisation,
            period_start=timezone.datetime(year, 1, 1).date(),
            period_end=timezone.datetime(year, 12, 31).date(),
            created_by=home.admin,
        )
        Datapoint.objects.create(report=report, code="NumberOfEmployees", value=10.0)
    client.get(URL, **api_headers["org"])  # the token's first use is recorded once

    def queries(limit):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"limit": limit}, **api_headers["org"])
        assert len(response.json()["items"]) == limit
        return len(captured)

    assert queries(2) == queries(20)
