"""What Levier already knows pre-fills the report, never silently: the
profile (B1) and the carbon footprint (B3) as values to confirm, with their
source; a source that changes later marks its datapoint to review and keeps
the person's value."""

import pytest
from django.urls import reverse
from django.utils import translation

from levier.accounts.models import LegalForm
from levier.plans.models import Action
from levier.vsme import prefill, services
from levier.vsme.models import Datapoint, Source
from tests.carbon.factories import make_factor, make_inventory, make_line
from tests.vsme.factories import make_report

pytestmark = pytest.mark.django_db

GAS_KWH, GAS_FACTOR = 30000.0, 0.2  # scope 1
POWER_KWH, POWER_FACTOR = 50000.0, 0.06  # scope 2


def _footprint(organisation, year=2025, **fields):
    inventory = make_inventory(organisation, year=year, **fields)
    make_line(
        inventory,
        "fuel_buildings",
        GAS_KWH,
        factor=make_factor(GAS_FACTOR, "kWh", posts=("fuel_buildings",)),
    )
    make_line(
        inventory,
        "electricity",
        POWER_KWH,
        factor=make_factor(POWER_FACTOR, "kWh", posts=("electricity",)),
    )
    return inventory


def test_the_profile_and_the_footprint_prefill_values_to_confirm(organisation, org_admin):
    organisation.legal_form = LegalForm.SCOP
    organisation.headcount = 37
    organisation.save()
    _footprint(organisation, revenue_keur=2500)
    report = make_report(organisation, org_admin)
    points = services.datapoints(report)
    expected = {
        "UndertakingsLegalForm": "vsme:CooperativeMember",
        "NumberOfEmployees": 37.0,
        "CountryOfPrimaryOperationsAndLocationOfSignificantAssets": "country:FR",
        "GrossScope1GreenhouseGasEmissions": GAS_KWH * GAS_FACTOR / 1000,
        "GrossLocationBasedScope2GreenhouseGasEmissions": POWER_KWH * POWER_FACTOR / 1000,
        "Turnover": 2_500_000.0,
        "TotalEnergyConsumption": (GAS_KWH + POWER_KWH) / 1000,
    }
    for code, value in expected.items():
        point = points[code]
        assert point.value == pytest.approx(value), code
        assert point.state == Datapoint.State.TO_CONFIRM, code
    assert points["GrossScope1GreenhouseGasEmissions"].source == Source.CARBON
    assert "2025" in points["GrossScope1GreenhouseGasEmissions"].source_detail
    assert points["NumberOfEmployees"].source == Source.PROFILE


def test_the_page_says_where_a_value_comes_from_and_confirms_it(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    client.force_login(org_admin)
    page = client.get(
        reverse("vsme_disclosure", args=[organisation.slug, report.pk, "B1"]),
        headers={"accept-language": "en"},
    )
    html = page.content.decode()
    assert "Organisation&#x27;s profile in Levier" in html or "profile in Levier" in html
    client.post(
        reverse("vsme_datapoint_confirm", args=[organisation.slug, report.pk]),
        {"code": "NumberOfEmployees", "disclosure": "B1"},
    )
    point = Datapoint.objects.get(report=report, code="NumberOfEmployees")
    assert point.state == Datapoint.State.CONFIRMED
    assert point.source == Source.PROFILE


def test_a_changed_source_marks_the_value_to_review_and_keeps_it(organisation, org_admin):
    report = make_report(organisation, org_admin)
    services.save_value(report, "NumberOfEmployees", organisation.headcount * 1.0, org_admin)
    organisation.headcount = 55
    organisation.save()
    assert services.refresh_prefill(report, org_admin) == 1
    point = Datapoint.objects.get(report=report, code="NumberOfEmployees")
    assert point.state == Datapoint.State.TO_REVIEW
    assert point.value == 20.0
    assert point.source_value == 55.0
    # Taking the new reading.
    services.confirm(point, org_admin, take_source=True)
    point.refresh_from_db()
    assert (point.value, point.state) == (55.0, Datapoint.State.CONFIRMED)
    # Reading again changes nothing now.
    assert services.refresh_prefill(report, org_admin) == 0


def test_a_value_the_person_typed_is_never_overwritten(organisation, org_admin):
    report = make_report(organisation, org_admin)
    services.save_value(report, "NumberOfEmployees", 19.0, org_admin)
    organisation.headcount = 80
    organisation.save()
    services.refresh_prefill(report, org_admin)
    point = Datapoint.objects.get(report=report, code="NumberOfEmployees")
    assert (point.value, point.source, point.state) == (
        19.0,
        Source.ENTERED,
        Datapoint.State.CONFIRMED,
    )


def test_a_naf_code_gives_the_nace_class_only_when_the_list_has_it():
    assert prefill.nace_option("10.71A", "C") == "nace:NACE_C1071"
    # NACE Rev. 2.1 renumbered 62.01: no guess.
    assert prefill.nace_option("62.01Z", "J") is None
    assert prefill.nace_option("", "") is None


def test_confirming_a_whole_page(client, organisation, org_admin):
    _footprint(organisation)
    report = make_report(organisation, org_admin)
    client.force_login(org_admin)
    client.post(reverse("vsme_confirm_all", args=[organisation.slug, report.pk, "B3"]))
    states = dict(
        Datapoint.objects.filter(
            report=report,
            code__in=["GrossScope1GreenhouseGasEmissions", "NumberOfEmployees"],
        ).values_list("code", "state")
    )
    assert states["GrossScope1GreenhouseGasEmissions"] == Datapoint.State.CONFIRMED
    # Another page's values stay to confirm.
    assert states["NumberOfEmployees"] == Datapoint.State.TO_CONFIRM


def test_the_plans_actions_prefill_the_matters_and_their_description(organisation, org_admin):
    Action.objects.create(
        organisation=organisation,
        title="Isoler les combles",
        question_code="ENV-CLI-02",
        status=Action.Status.DONE,
    )
    Action.objects.create(
        organisation=organisation,
        title="Former les managers à la prévention",
        theme_code="SOC-HSW",
        status=Action.Status.IN_PROGRESS,
    )
    Action.objects.create(
        organisation=organisation,
        title="Charte achats",
        theme_code="GOV-PUR",
        status=Action.Status.TODO,  # not under way yet: not a practice to report
    )
    with translation.override("en"):
        report = make_report(organisation, org_admin, module="comprehensive")
    points = services.datapoints(report)
    matters = points[prefill.B2_MATTERS]
    assert matters.value == ["vsme:ClimateChangeMember", "vsme:OwnWorkforceMember"]
    assert (matters.source, matters.state) == (Source.PLAN, Datapoint.State.TO_CONFIRM)
    description = points["DescriptionOfPracticesPoliciesAndOrFutureInitiatives"].value
    assert "Climate change: Isoler les combles (done)." in description
    assert "Charte achats" not in description
