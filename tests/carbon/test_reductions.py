"""From footprint to actions: "where to start" for carbon, adding a lever to
the plan with its projected reduction, and the realised reduction once a
later inventory exists. Every figure is computed here from the quantities and
factor values written in the test."""

import math
from datetime import timedelta

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from levier.accounts.models import OrgRole
from levier.assessments import services as assessments
from levier.carbon import commuting, defaults, factors, levers, reductions
from levier.carbon.models import CarbonReduction, CommutingAnswer, CommutingSurvey, Post
from levier.carbon.services import DATA_UNCERTAINTY
from levier.engine.answers import Answer as EngineAnswer
from levier.engine.whatif import what_if
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.plans.models import Action
from levier.practices.models import Adoption, Practice, PracticeLink
from tests.carbon.factories import make_factor, make_inventory, make_line
from tests.factories import make_member, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db

CAR_KM, CAR_FACTOR = 20000.0, 0.19  # business travel by car, kgCO2e per km
TRAIN_FACTOR = 0.03  # the regional train's, kgCO2e per passenger.km
ELECTRICITY_KWH, ELECTRICITY_FACTOR = 50000.0, 0.06
GAS_KWH, GAS_FACTOR = 30000.0, 0.2


def _train():
    return make_factor(
        TRAIN_FACTOR,
        "passenger_km",
        posts=("business_travel",),
        key="train-ter-passenger-km",
        uncertainty=10,
    )


def _inventory(organisation, year=2024, **fields):
    inventory = make_inventory(organisation, year=year, **fields)
    car = make_factor(CAR_FACTOR, "km", posts=("business_travel",), uncertainty=20)
    make_line(inventory, "business_travel", CAR_KM, factor=car, label="Car trips")
    make_line(
        inventory,
        "electricity",
        ELECTRICITY_KWH,
        factor=make_factor(ELECTRICITY_FACTOR, "kWh", posts=("electricity",)),
    )
    make_line(
        inventory,
        "fuel_buildings",
        GAS_KWH,
        factor=make_factor(GAS_FACTOR, "kWh_PCS", posts=("fuel_buildings",)),
    )
    return inventory


def _where(organisation, inventory):
    return reverse("carbon_where_to_start", args=[organisation.slug, inventory.pk])


def _add(organisation, inventory):
    return reverse("carbon_reduction_add", args=[organisation.slug, inventory.pk])


def _tonnes(kg, digits=2):
    """A figure as the page writes it in French (floatformat "2g")."""
    with translation.override("fr"):
        return floatformat(kg / 1000, f"{digits}g")


def test_the_heaviest_categories_come_first_with_their_levers(client, organisation, org_admin):
    _train()
    inventory = _inventory(organisation)
    client.force_login(org_admin)
    response = client.get(_where(organisation, inventory))
    assert response.status_code == 200
    cards = response.context["cards"]
    weights = {
        "business_travel": CAR_KM * CAR_FACTOR,
        "electricity": ELECTRICITY_KWH * ELECTRICITY_FACTOR,
        "fuel_buildings": GAS_KWH * GAS_FACTOR,
    }
    assert [c.post for c in cards] == sorted(weights, key=lambda post: -weights[post])
    travel = next(c for c in cards if c.post == "business_travel")
    train = next(lc for lc in travel.levers if lc.lever.code == "travel-car-to-train")
    # 30 % of the car km by train: the car's emissions for them less the train's.
    expected = 0.3 * (CAR_KM * CAR_FACTOR - CAR_KM * TRAIN_FACTOR)
    assert train.emission.kg == pytest.approx(expected)
    before = CAR_KM * CAR_FACTOR
    assert train.emission.uncertainty_kg == pytest.approx(
        0.3
        * math.hypot(
            before * math.hypot(0.2, DATA_UNCERTAINTY["measured"]), CAR_KM * TRAIN_FACTOR * 0.1
        )
    )
    # The short-flight lever has no flight to act on: it is not offered.
    assert "travel-plane-to-train" not in [lc.lever.code for lc in travel.levers]
    electricity = next(c for c in cards if c.post == "electricity")
    sobriety = electricity.levers[0]
    assert sobriety.emission.kg == pytest.approx(0.1 * ELECTRICITY_KWH * ELECTRICITY_FACTOR)
    assert _tonnes(expected) in response.content.decode()


def test_the_share_a_member_tries_changes_the_figure(client, organisation, org_admin):
    _train()
    inventory = _inventory(organisation)
    client.force_login(org_admin)
    response = client.get(
        _where(organisation, inventory),
        {"lever": "travel-car-to-train", "travel-car-to-train-share": "45"},
        headers={"HX-Request": "true"},
    )
    card = next(c for c in response.context["cards"] if c.post == "business_travel")
    train = next(lc for lc in card.levers if lc.lever.code == "travel-car-to-train")
    assert train.share == pytest.approx(0.45)
    assert train.emission.kg == pytest.approx(0.45 * CAR_KM * (CAR_FACTOR - TRAIN_FACTOR))


@pytest.mark.parametrize("typed", ["abc", "250", ""])
def test_a_share_that_cannot_be_computed_says_why_instead_of_a_figure(
    client, organisation, org_admin, typed
):
    _train()
    inventory = _inventory(organisation)
    client.force_login(org_admin)
    response = client.get(
        _where(organisation, inventory),
        {"lever": "travel-car-to-train", "travel-car-to-train-share": typed},
        headers={"HX-Request": "true", "Accept-Language": "en"},
    )
    card = next(c for c in response.context["cards"] if c.post == "business_travel")
    train = next(lc for lc in card.levers if lc.lever.code == "travel-car-to-train")
    assert train.preview_error
    content = response.content.decode()
    figure = content.split('id="lever-travel-car-to-train-figure"')[1].split("</p>")[0]
    assert train.preview_error in figure or escape(train.preview_error) in figure
    assert "tCO2e a year" not in figure


def test_adding_a_lever_puts_an_action_and_its_reduction_in_the_plan(
    client, organisation, org_admin
):
    _train()
    inventory = _inventory(organisation)
    client.force_login(org_admin)
    due = timezone.localdate() + timedelta(days=30)
    response = client.post(
        _add(organisation, inventory),
        {
            "lever": "travel-car-to-train",
            "travel-car-to-train-share": "40",
            "travel-car-to-train-title": "Train for trips to Lyon",
            "travel-car-to-train-owner": org_admin.pk,
            "travel-car-to-train-due_date": due.isoformat(),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(organisation=organisation)
    assert (action.title, action.owner, action.due_date) == (
        "Train for trips to Lyon",
        org_admin,
        due,
    )
    reduction = CarbonReduction.objects.get(action=action)
    assert (reduction.inventory, reduction.post, reduction.lever) == (
        inventory,
        "business_travel",
        "travel-car-to-train",
    )
    assert reduction.share == pytest.approx(0.4)
    assert reduction.projected_kg == pytest.approx(0.4 * CAR_KM * (CAR_FACTOR - TRAIN_FACTOR))
    # The action's indicator: the category's tonnes before and after.
    assert action.indicator_baseline == pytest.approx(CAR_KM * CAR_FACTOR / 1000, abs=1e-3)
    # The page now says the lever is in the plan.
    page = client.get(_where(organisation, inventory))
    card = next(c for c in page.context["cards"] if c.post == "business_travel")
    assert next(lc for lc in card.levers if lc.lever.code == "travel-car-to-train").planned


def test_a_bad_share_is_refused_next_to_the_field_with_what_was_typed(
    client, organisation, org_admin
):
    _train()
    inventory = _inventory(organisation)
    client.force_login(org_admin)
    with translation.override("en"):
        response = client.post(
            _add(organisation, inventory),
            {
                "lever": "travel-car-to-train",
                "travel-car-to-train-share": "250",
                "travel-car-to-train-title": "Train",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="250"' in content
    assert 'aria-invalid="true"' in content
    assert not Action.objects.filter(organisation=organisation).exists()


def test_viewers_see_the_levers_but_cannot_add_them(client, organisation):
    _train()
    inventory = _inventory(organisation)
    viewer = make_member(organisation, OrgRole.VIEWER)
    client.force_login(viewer)
    page = client.get(_where(organisation, inventory))
    assert page.status_code == 200
    assert _add(organisation, inventory) not in page.content.decode()
    response = client.post(
        _add(organisation, inventory),
        {"lever": "electricity-sobriety", "electricity-sobriety-share": "10"},
    )
    assert response.status_code == 404
    assert not Action.objects.exists()


def test_another_organisations_inventory_is_not_found_and_works_for_its_owner(
    client, organisation, org_admin, other_organisation
):
    theirs = _inventory(other_organisation)
    client.force_login(org_admin)
    for url in (_where(other_organisation, theirs), _where(organisation, theirs)):
        assert client.get(url).status_code == 404
    assert (
        client.post(_add(organisation, theirs), {"lever": "electricity-sobriety"}).status_code
        == 404
    )
    owner = make_member(other_organisation, OrgRole.ADMIN)
    client.force_login(owner)
    assert client.get(_where(other_organisation, theirs)).status_code == 200


def test_network_staff_never_see_a_members_levers(client, organisation, network):
    inventory = _inventory(organisation)
    client.force_login(make_network_staff(network))
    assert client.get(_where(organisation, inventory)).status_code == 404


def test_practices_that_reduce_a_category_come_with_their_adopters(
    client, organisation, org_admin, network
):
    inventory = _inventory(organisation)
    practice = Practice.objects.create(
        code="sobriete",
        title="Plan de sobriété",
        summary="Moins d'énergie",
        steps="Mesurer",
        effort="low",
        cost="none",
        tags=["energy"],
        themes=["ENV-CLI"],
        status=Practice.Status.PUBLISHED,
    )
    Practice.objects.create(
        code="brouillon",
        title="Brouillon",
        summary="Pas publié",
        steps="-",
        effort="low",
        cost="none",
        tags=["energy"],
        status=Practice.Status.DRAFT,
    )
    for _n in range(2):
        Adoption.objects.create(practice=practice, organisation=make_organisation(network))
    client.force_login(org_admin)
    response = client.get(_where(organisation, inventory))
    electricity = next(c for c in response.context["cards"] if c.post == "electricity")
    assert [p.pk for p in electricity.practices] == [practice.pk]
    assert electricity.practices[0].adopters == 2
    travel = next(c for c in response.context["cards"] if c.post == "business_travel")
    assert travel.practices == []


def test_no_practice_is_chosen_for_a_lever_until_the_member_picks_one(
    client, organisation, org_admin
):
    inventory = _inventory(organisation)
    Practice.objects.create(
        code="sobriete",
        title="Plan de sobriété",
        summary="Moins d'énergie",
        steps="Mesurer",
        effort="low",
        cost="none",
        tags=["energy"],
        themes=["ENV-CLI"],
        status=Practice.Status.PUBLISHED,
    )
    client.force_login(org_admin)

    response = client.get(_where(organisation, inventory))

    electricity = next(c for c in response.context["cards"] if c.post == "electricity")
    assert electricity.practices and electricity.levers
    for lever_card in electricity.levers:
        assert lever_card.form["practice"].value() in (None, "")
    assert "selected>Plan de sobriété" not in response.content.decode()


def test_energy_practices_are_not_offered_against_refrigerant_leaks():
    assert not set(levers.POST_TAGS[Post.REFRIGERANTS]) & set(levers.POST_TAGS[Post.ELECTRICITY])


def _plan_url(organisation):
    return reverse("plan_list", args=[organisation.slug])


def test_the_plan_shows_projected_then_realised_reductions(client, organisation, org_admin):
    inventory = _inventory(organisation, year=2024)
    action = reductions.add_to_plan(
        inventory, levers.get("electricity-sobriety"), 0.2, org_admin, title="Turn lights off"
    )
    projected = 0.2 * ELECTRICITY_KWH * ELECTRICITY_FACTOR
    client.force_login(org_admin)
    page = client.get(_plan_url(organisation))
    carbon = page.context["carbon"]
    assert carbon[action.pk].projected_tonnes == pytest.approx(projected / 1000)
    assert carbon[action.pk].realised is None
    assert page.context["carbon_total"].projected_kg == pytest.approx(projected)
    # The next year's inventory of the same site: 8,000 kWh less electricity.
    later = make_inventory(organisation, year=2025)
    new_kwh = ELECTRICITY_KWH - 8000
    make_line(
        later,
        "electricity",
        new_kwh,
        factor=make_factor(ELECTRICITY_FACTOR, "kWh", posts=("electricity",)),
    )
    page = client.get(_plan_url(organisation))
    realised = page.context["carbon"][action.pk].realised
    assert realised.after == later
    assert realised.kg == pytest.approx((ELECTRICITY_KWH - new_kwh) * ELECTRICITY_FACTOR)
    assert page.context["carbon_total"].realised_kg == pytest.approx(realised.kg)
    detail = client.get(reverse("action_detail", args=[organisation.slug, action.pk]))
    assert detail.status_code == 200
    assert detail.context["carbon"].realised.kg == pytest.approx(realised.kg)


def test_an_inventory_of_another_site_does_not_count_as_realised(organisation, org_admin):
    inventory = _inventory(organisation, year=2024)
    action = reductions.add_to_plan(
        inventory, levers.get("electricity-sobriety"), 0.1, org_admin, title="Less light"
    )
    other_site = make_inventory(organisation, year=2025, site="Warehouse")
    make_line(other_site, "electricity", 10.0)
    found = reductions.for_actions(organisation)
    assert found[action.pk].realised is None


def test_dropped_actions_leave_the_plan_total(organisation, org_admin):
    inventory = _inventory(organisation)
    kept = reductions.add_to_plan(
        inventory, levers.get("electricity-sobriety"), 0.1, org_admin, title="Kept"
    )
    dropped = reductions.add_to_plan(
        inventory, levers.get("heating-lower"), 0.05, org_admin, title="Dropped"
    )
    Action.objects.filter(pk=dropped.pk).update(status=Action.Status.DROPPED)
    actions = list(Action.objects.filter(organisation=organisation))
    total = reductions.plan_total(reductions.for_actions(organisation), actions)
    assert total.projected_kg == pytest.approx(kept.carbon_reduction.projected_kg)
    assert total.actions == 1


def test_a_switch_to_a_missing_factor_is_said_not_projected(organisation, org_admin):
    inventory = _inventory(organisation)  # no train factor in the database
    lines = list(inventory.lines.select_related("factor"))
    assert levers.reduction(levers.get("travel-car-to-train"), lines, 0.3) is None
    with pytest.raises(reductions.NoAlternative):
        reductions.add_to_plan(
            inventory, levers.get("travel-car-to-train"), 0.3, org_admin, title="Train"
        )


def test_fleet_in_litres_moves_to_electric_by_the_per_km_saving(organisation):
    electric = make_factor(0.02, "km", posts=("fuel_vehicles",), key="electric-car-km")
    diesel_car = make_factor(0.16, "km", posts=("fuel_vehicles",), key="car-average-km")
    inventory = make_inventory(organisation)
    litres, per_litre = 4000.0, 2.5
    make_line(
        inventory,
        "fuel_vehicles",
        litres,
        factor=make_factor(per_litre, "L", posts=("fuel_vehicles",)),
    )
    km = 10000.0
    make_line(inventory, "fuel_vehicles", km, factor=diesel_car)
    lines = list(inventory.lines.select_related("factor"))
    share = 0.25
    found = levers.reduction(levers.get("fleet-electric"), lines, share)
    by_km = share * km * (diesel_car.value - electric.value)
    by_litre = share * (1 - electric.value / diesel_car.value) * litres * per_litre
    assert found.kg == pytest.approx(by_km + by_litre)


def test_commuting_levers_start_from_the_surveys_potentials(organisation, org_admin):
    defaults.sync()
    car = factors.shipped("car-average-km")
    inventory = make_inventory(organisation, headcount=6)
    survey = CommutingSurvey.objects.create(inventory=inventory, created_by=org_admin)
    for distance in (12, 15, 20, 25, 30, 40):
        CommutingAnswer.objects.create(
            survey=survey, distance_km=distance, mode="car", days_on_site=5, remote_days=0
        )
    commuting.count_answers(survey, org_admin)
    assert car.lines.exists()
    report = commuting.report(survey, inventory)
    _result, cards = reductions.where_to_start(inventory)
    card = next(c for c in cards if c.post == "commuting")
    remote = next(lc for lc in card.levers if lc.lever.code == "commuting-remote")
    carpool = next(lc for lc in card.levers if lc.lever.code == "commuting-carpool")
    assert remote.from_survey and carpool.from_survey
    assert remote.emission.kg == pytest.approx(report.remote.kg)
    assert carpool.emission.kg == pytest.approx(report.carpool.kg)


@pytest.mark.parametrize("lines", [3, 30])
def test_queries_do_not_grow_with_lines_or_actions(
    client, organisation, org_admin, django_assert_max_num_queries, lines
):
    _train()
    inventory = _inventory(organisation, year=2024)
    later = _inventory(organisation, year=2025)
    for n in range(lines):
        make_line(inventory, "electricity", 100.0 + n)
        make_line(later, "waste", 1.0 + n, unit="t")
    for n in range(lines // 3):
        reductions.add_to_plan(
            inventory, levers.get("electricity-sobriety"), 0.1, org_admin, title=f"A{n}"
        )
    client.force_login(org_admin)
    with django_assert_max_num_queries(20):
        assert client.get(_where(organisation, inventory)).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(_plan_url(organisation)).status_code == 200


def test_the_lever_catalogue_names_existing_categories_and_factors():
    assert {lever.post for lever in levers.LEVERS} <= set(Post.values)
    for lever in levers.LEVERS:
        assert 0 < lever.default_share <= 1
        assert (lever.kind == levers.SWITCH) == bool(lever.to_factor_key)
    shipped = {entry["key"] for entry in defaults.entries()}
    keys = {k for lever in levers.LEVERS for k in (lever.to_factor_key, lever.reference_key) if k}
    assert keys <= shipped


def test_a_practice_that_improves_a_question_brings_its_score_gain(organisation, org_admin):
    sync_shipped_packs()
    version = latest_version("levier-360")
    assessment = assessments.start(organisation, version, "2026", org_admin)
    practice = Practice.objects.create(
        code="releves",
        title="Relevés mensuels",
        summary="Suivre l'énergie",
        steps="Relever",
        effort="low",
        cost="none",
        tags=["energy"],
        status=Practice.Status.PUBLISHED,
    )
    PracticeLink.objects.create(
        practice=practice, question_code="ENV-CLI-04", level_code="monitored"
    )
    inventory = _inventory(organisation)
    action = reductions.add_to_plan(
        inventory,
        levers.get("electricity-sobriety"),
        0.1,
        org_admin,
        title="Relevés",
        practice=practice,
    )
    pack = assessment.pack
    answers = assessments.engine_answers(assessments.stored_answers(assessment))
    expected = what_if(
        pack, assessment.profile, answers, "ENV-CLI-04", EngineAnswer.of("monitored")
    )
    assert (action.question_code, action.target_level) == ("ENV-CLI-04", "monitored")
    assert action.projected_gain == pytest.approx(expected.overall)
    assert action.carbon_reduction.projected_kg == pytest.approx(
        0.1 * ELECTRICITY_KWH * ELECTRICITY_FACTOR
    )


def test_recycled_paper_switches_the_virgin_paper_only(organisation):
    """The paper lever moves a share of the virgin paper bought (here in kg,
    the factor in tonnes) to the recycled paper's factor; recycled paper
    already bought and other goods are left alone."""
    virgin_per_t, recycled_per_t = 1300.0, 1000.0
    make_factor(
        recycled_per_t,
        "t",
        posts=("purchased_goods",),
        key="paper-recycled-tonne",
        name_en="Recycled paper",
        name_fr="Papier recyclé",
    )
    inventory = make_inventory(organisation)
    virgin = make_factor(
        virgin_per_t, "t", posts=("purchased_goods",), name_en="Paper", name_fr="Papier"
    )
    make_line(inventory, "purchased_goods", 800.0, unit="kg", factor=virgin)
    make_line(
        inventory,
        "purchased_goods",
        2.0,
        factor=make_factor(
            # Another recycled paper (a network's factor): counting it would add
            # 0.5 x 2 t x 100 kg.
            recycled_per_t + 100,
            "t",
            posts=("purchased_goods",),
            name_en="Recycled paper",
        ),
    )
    make_line(
        inventory,
        "purchased_goods",
        5.0,
        factor=make_factor(4000.0, "t", posts=("purchased_goods",), name_en="Steel"),
    )
    lever = levers.get("paper-recycled")
    lines = list(inventory.lines.select_related("factor"))
    saved = levers.reduction(lever, lines, 0.5)
    assert saved.kg == pytest.approx(0.5 * 0.8 * (virgin_per_t - recycled_per_t))
    # Without virgin paper, the lever has nothing to act on.
    steel_only = [line for line in lines if "Steel" in line.factor.name_en]
    assert not levers.applies(lever, steel_only)
