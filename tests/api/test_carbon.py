"""Carbon inventories through the API: the token's organisation's only, with
the footprint and its uncertainty as the results page computes them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from levier.api.services import ORGANISATION_AREAS
from levier.carbon import results
from levier.carbon.models import Inventory, InventoryLine
from tests.api.conftest import every_scope
from tests.api.factories import make_token

URL = "/api/v1/carbon/inventories"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def home(api_tenants):
    return api_tenants["home"]


@pytest.fixture
def inventory(home):
    return Inventory.objects.get(pk=home.objects["inventory"].pk)


def test_the_list_gives_each_inventorys_total(client, api_headers, inventory):
    response = client.get(URL, **api_headers["org"])
    assert response.status_code == 200
    [item] = response.json()["items"]
    built = results.build(inventory)
    assert item["id"] == inventory.pk
    assert (item["year"], item["status"], item["site"], item["lines"]) == (2025, "draft", None, 1)
    # 1,000 L of diesel at 3.1 kgCO2e/L.
    assert item["total_tco2e"] == pytest.approx(3.1)
    assert item["total_tco2e"] == pytest.approx(built.total.tonnes)
    assert item["uncertainty_tco2e"] == pytest.approx(built.total.uncertainty_tonnes)
    assert item["uncertainty_tco2e"] > 0


def test_the_list_filters_by_year_and_by_change(client, home, api_headers, inventory):
    headers = api_headers["org"]
    assert client.get(URL, {"year": 2024}, **headers).json()["items"] == []
    assert len(client.get(URL, {"year": 2025}, **headers).json()["items"]) == 1
    later = timezone.now() + timedelta(minutes=5)
    assert client.get(URL, {"updated_since": later.isoformat()}, **headers).json()["items"] == []
    # A line changed later brings its inventory back.
    InventoryLine.objects.filter(inventory=inventory).update(updated_at=later + timedelta(hours=1))
    changed = client.get(URL, {"updated_since": later.isoformat()}, **headers).json()["items"]
    assert [item["id"] for item in changed] == [inventory.pk]


def test_one_inventory_by_scope_and_category(client, api_headers, inventory):
    response = client.get(f"{URL}/{inventory.pk}", **api_headers["org"])
    assert response.status_code == 200
    body = response.json()
    built = results.build(inventory)
    assert [row["code"] for row in body["scopes"]] == ["1", "2", "3"]
    scope_1 = body["scopes"][0]
    assert scope_1["tco2e"] == pytest.approx(built.scopes[0].tonnes)
    assert scope_1["share_percent"] == pytest.approx(100)
    assert scope_1["low_tco2e"] <= scope_1["tco2e"] <= scope_1["high_tco2e"]
    fuel = next(row for row in body["categories"] if row["code"] == "fuel_vehicles")
    assert fuel["tco2e"] == pytest.approx(3.1)
    assert fuel["uncertainty_tco2e"] == pytest.approx(built.total.uncertainty_tonnes)
    assert sum(row["tco2e"] for row in body["beges"]) == pytest.approx(3.1)
    assert all("posts" in category for category in body["beges"])


def test_labels_follow_the_requested_language(client, api_headers, inventory):
    english = client.get(f"{URL}/{inventory.pk}", HTTP_ACCEPT_LANGUAGE="en", **api_headers["org"])
    labels = [row["label"] for row in english.json()["scopes"]]
    assert labels[0].startswith("Scope 1")


def test_another_organisations_token_gets_404_where_the_right_one_reads(
    client, api_tenants, api_headers, inventory
):
    sibling = api_tenants["sibling"]
    _token, theirs = make_token(
        sibling.admin, organisation=sibling.organisation, scopes=every_scope(ORGANISATION_AREAS)
    )
    assert client.get(f"{URL}/{inventory.pk}", **api_headers["org"]).status_code == 200
    assert client.get(f"{URL}/{inventory.pk}", **theirs).status_code == 404
    listed = client.get(URL, **theirs).json()["items"]
    assert inventory.pk not in {item["id"] for item in listed}


def test_tokens_without_the_area_get_403(client, home, api_headers, inventory):
    for headers in (api_headers["org_none"], api_headers["network_none"]):
        assert client.get(URL, **headers).status_code == 403
        assert client.get(f"{URL}/{inventory.pk}", **headers).status_code == 403
    plans_only = make_token(home.admin, organisation=home.organisation, scopes=["plans:read"])[1]
    assert client.get(URL, **plans_only).status_code == 403


def test_queries_do_not_grow_with_the_page(client, home, api_headers, inventory):
    factor = InventoryLine.objects.filter(inventory=inventory).get().factor
    for year in range(2000, 2021):
        other = Inventory.objects.create(
            organisation=home.organisation, year=year, created_by=home.admin
        )
        InventoryLine.objects.bulk_create(
            InventoryLine(
                inventory=other,
                post="fuel_vehicles",
                label=f"Gazole {n}",
                quantity=100 + n,
                unit="L",
                factor=factor,
            )
            for n in range(3)
        )
    client.get(URL, **api_headers["org"])  # the token's first use is recorded once

    def queries(limit):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"limit": limit}, **api_headers["org"])
        assert len(response.json()["items"]) == limit
        return len(captured)

    assert queries(2) == queries(20)
