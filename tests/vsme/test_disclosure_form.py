"""One disclosure's page: typed values saved from what a person types,
tables of rows, "does not apply", bad input refused next to its field with
what was typed kept, and the checks shown on the page."""

import pytest
from django.urls import reverse

from levier.vsme import services
from levier.vsme.models import Datapoint, DatapointChange
from tests.vsme.factories import make_report

pytestmark = pytest.mark.django_db


def _url(report, code):
    return reverse("vsme_disclosure", args=[report.organisation.slug, report.pk, code])


def test_values_typed_on_the_page_are_saved_typed(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    client.force_login(org_admin)
    response = client.post(
        _url(report, "B1"),
        {
            "Assets": "1 250 000,50",
            "Turnover": "3400000",
            "UndertakingsLegalForm": "vsme:CooperativeMember",
            "NaceSectorClassificationCodes": ["nace:NACE_C1071", "nace:NACE_H4941"],
            "na-OtherUndertakingsLegalForm": "on",
            "ListOfSitesTable-rows": "3",
            "ListOfSitesTable-0-AddressOfSite": "12 rue des Halles",
            "ListOfSitesTable-0-CityOfSite": "Nantes",
            "ListOfSitesTable-0-CountryOfSite": "country:FR",
            "ListOfSitesTable-2-CityOfSite": "Angers",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _url(report, "B2")
    points = services.datapoints(report)
    assert points["Assets"].value == 1250000.5
    assert points["Turnover"].value == 3400000.0
    assert points["UndertakingsLegalForm"].value == "vsme:CooperativeMember"
    assert points["NaceSectorClassificationCodes"].value == ["nace:NACE_C1071", "nace:NACE_H4941"]
    assert points["OtherUndertakingsLegalForm"].not_applicable
    # Empty rows are dropped, filled ones kept in order.
    assert points["ListOfSitesTable"].value == [
        {
            "AddressOfSite": "12 rue des Halles",
            "CityOfSite": "Nantes",
            "CountryOfSite": "country:FR",
        },
        {"CityOfSite": "Angers"},
    ]
    trail = DatapointChange.objects.filter(datapoint=points["Assets"])
    assert [(c.value, c.author) for c in trail] == [(1250000.5, org_admin)]


def test_bad_input_is_refused_next_to_its_field_and_nothing_is_lost(
    client, organisation, org_admin
):
    report = make_report(organisation, org_admin)
    client.force_login(org_admin)
    response = client.post(
        _url(report, "B8"),
        {"NumberOfMaleEmployees": "douze", "NumberOfFemaleEmployees": "-3"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Type a number, such as 1234.5 or 1 234,5." in page
    assert "This figure cannot be negative." in page
    assert 'value="douze"' in page and 'value="-3"' in page
    assert "NumberOfMaleEmployees" not in services.datapoints(report)


def test_a_percentage_over_100_is_refused(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    client.force_login(org_admin)
    response = client.post(
        _url(report, "B10"),
        {"PercentageOfEmployeesCoveredByCollectiveBargainingAgreements": "120"},
        headers={"accept-language": "en"},
    )
    assert "A percentage goes from 0 to 100." in response.content.decode()


def test_totals_that_disagree_with_their_parts_are_flagged_on_the_page(
    client, organisation, org_admin
):
    report = make_report(organisation, org_admin)
    services.save_value(report, "NumberOfEmployees", 20.0, org_admin)
    client.force_login(org_admin)
    client.post(
        _url(report, "B8"),
        {
            "NumberOfMaleEmployees": "9",
            "NumberOfFemaleEmployees": "9",
            "NumberOfOtherGenderEmployees": "0",
            "NumberOfNonReportedGenderEmployees": "0",
            "NumberOfPermanentContractEmployees": "25",
        },
    )
    page = client.get(reverse("vsme_report", args=[organisation.slug, report.pk]))
    kinds = {(p.problem.kind, p.code) for p in page.context["problems"]}
    assert ("sum", "NumberOfEmployees") in kinds
    assert ("above", "NumberOfPermanentContractEmployees") in kinds
    # Fixed, the problems go.
    client.post(
        _url(report, "B8"),
        {
            "NumberOfMaleEmployees": "9",
            "NumberOfFemaleEmployees": "11",
            "NumberOfOtherGenderEmployees": "0",
            "NumberOfNonReportedGenderEmployees": "0",
            "NumberOfPermanentContractEmployees": "18",
        },
    )
    page = client.get(reverse("vsme_report", args=[organisation.slug, report.pk]))
    kinds = {p.problem.kind for p in page.context["problems"]}
    assert not kinds & {"sum", "above"}


def test_saving_a_page_twice_leaves_one_change(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    client.force_login(org_admin)
    for _ in range(2):
        client.post(_url(report, "B1"), {"Assets": "10"})
    point = Datapoint.objects.get(report=report, code="Assets")
    assert point.changes.count() == 1


def test_every_disclosure_page_opens_and_queries_stay_flat(
    client, organisation, org_admin, django_assert_max_num_queries
):
    report = make_report(organisation, org_admin, module="comprehensive")
    client.force_login(org_admin)
    for disclosure in services.disclosures(report):
        with django_assert_max_num_queries(20):
            assert client.get(_url(report, disclosure.code)).status_code == 200


def test_a_row_gives_a_mass_or_a_volume_not_both(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    client.force_login(org_admin)
    table = services.catalogue().table("WasteGeneratedTable")
    kind = next(c for c in table.columns if c.code == "TypeOfWasteAxis").options[0].code
    row = {
        "WasteGeneratedTable-rows": "1",
        "WasteGeneratedTable-0-TypeOfWasteAxis": kind,
        "WasteGeneratedTable-0-WasteDivertedToRecycleOrReuseMass": "2",
    }
    response = client.post(
        _url(report, "B7"),
        {**row, "WasteGeneratedTable-0-WasteDivertedToRecycleOrReuseVolume": "3"},
        headers={"accept-language": "en"},
    )
    assert "Give this quantity as a mass or as a volume, not both." in response.content.decode()
    assert "WasteGeneratedTable" not in services.datapoints(report)
    assert client.post(_url(report, "B7"), row).status_code == 302
    assert services.datapoints(report)["WasteGeneratedTable"].value == [
        {"TypeOfWasteAxis": kind, "WasteDivertedToRecycleOrReuseMass": 2.0}
    ]
