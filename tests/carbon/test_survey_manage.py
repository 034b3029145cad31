"""The organisation's side of the commuting survey: create it, send it, open
and close it, read what it says, count it in the inventory."""

import re

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.carbon import commuting
from levier.carbon.commuting import MIN_ANSWERS
from levier.carbon.models import (
    CommutingAnswer,
    CommutingSurvey,
    EmissionFactor,
    Inventory,
    InventoryLine,
)
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def inventory(organisation):
    return Inventory.objects.create(organisation=organisation, year=2025, headcount=20)


@pytest.fixture
def contributor_client(client, organisation):
    client.force_login(make_member(organisation, OrgRole.CONTRIBUTOR))
    return client


def manage_url(inventory, name="carbon_survey"):
    return reverse(name, args=[inventory.organisation.slug, inventory.pk])


def answer(survey, distance_km=10, mode="car", days_on_site=5, remote_days=0):
    return CommutingAnswer.objects.create(
        survey=survey,
        distance_km=distance_km,
        mode=mode,
        days_on_site=days_on_site,
        remote_days=remote_days,
    )


def test_a_contributor_creates_the_survey_and_gets_its_link_and_message(
    contributor_client, inventory
):
    before = contributor_client.get(manage_url(inventory))
    assert before.status_code == 200
    assert "Créer l’enquête" in before.content.decode()

    response = contributor_client.post(manage_url(inventory))

    survey = CommutingSurvey.objects.get(inventory=inventory)
    assert response.status_code == 302
    page = contributor_client.get(manage_url(inventory)).content.decode()
    link = "http://testserver" + reverse("carbon_survey_answer", args=[survey.token])
    assert page.count(link) == 2  # the link to copy, and in the message to paste
    # Posting again keeps the one survey.
    contributor_client.post(manage_url(inventory))
    assert CommutingSurvey.objects.filter(inventory=inventory).count() == 1


def test_a_viewer_and_another_organisation_get_404_and_its_own_people_the_page(
    client, organisation, inventory
):
    CommutingSurvey.objects.create(inventory=inventory)
    viewer = make_member(organisation, OrgRole.VIEWER)
    sibling = make_organisation(organisation.network)
    stranger = make_member(sibling, OrgRole.ADMIN)
    own = make_member(organisation, OrgRole.CONTRIBUTOR)

    client.force_login(viewer)
    assert client.get(manage_url(inventory)).status_code == 404
    client.force_login(stranger)
    assert client.get(manage_url(inventory)).status_code == 404
    # The sibling's own address with our inventory's id: 404 as well.
    foreign = reverse("carbon_survey", args=[sibling.slug, inventory.pk])
    assert client.get(foreign).status_code == 404
    for name in ("carbon_survey_open", "carbon_survey_count", "carbon_survey_weeks"):
        assert client.post(manage_url(inventory, name), {"open": "0"}).status_code == 404
    assert CommutingSurvey.objects.get(inventory=inventory).is_open

    client.force_login(own)
    assert client.get(manage_url(inventory)).status_code == 200


def test_closing_and_opening_the_survey(contributor_client, inventory):
    survey = CommutingSurvey.objects.create(inventory=inventory)

    contributor_client.post(manage_url(inventory, "carbon_survey_open"), {"open": "0"})
    survey.refresh_from_db()
    assert not survey.is_open
    public = reverse("carbon_survey_answer", args=[survey.token])
    assert contributor_client.get(public).status_code == 410

    contributor_client.post(manage_url(inventory, "carbon_survey_open"), {"open": "1"})
    survey.refresh_from_db()
    assert survey.is_open


@pytest.mark.parametrize("weeks", ["0", "53", "quarante", ""])
def test_weeks_out_of_range_are_refused_next_to_the_field(contributor_client, inventory, weeks):
    survey = CommutingSurvey.objects.create(inventory=inventory, weeks_per_year=47)

    response = contributor_client.post(
        manage_url(inventory, "carbon_survey_weeks"), {"weeks_per_year": weeks}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Indiquez un nombre entier de semaines, entre 1 et 52." in page
    assert f'value="{weeks}"' in page or not weeks
    survey.refresh_from_db()
    assert survey.weeks_per_year == 47


def test_weeks_are_saved(contributor_client, inventory):
    survey = CommutingSurvey.objects.create(inventory=inventory, weeks_per_year=47)
    contributor_client.post(manage_url(inventory, "carbon_survey_weeks"), {"weeks_per_year": "45"})
    survey.refresh_from_db()
    assert survey.weeks_per_year == 45


def test_below_five_answers_nothing_is_broken_down_nor_counted(contributor_client, inventory):
    survey = CommutingSurvey.objects.create(inventory=inventory)
    for _ in range(MIN_ANSWERS - 1):
        answer(survey, distance_km=37, mode="train")

    page = contributor_client.get(manage_url(inventory)).content.decode()

    assert f"<strong>{MIN_ANSWERS - 1}</strong> réponses pour 20 salariés" in page
    assert "Pas de répartition en dessous de 5 réponses" in page
    assert "reconnaître" in page  # says why
    # Not the distance either (a random token may hold "37": only a number counts).
    assert "Train" not in page and not re.search(r"(?<![\w-])37(?![\w-])", page)
    assert "Compter les réponses dans le bilan</button>" not in page

    response = contributor_client.post(manage_url(inventory, "carbon_survey_count"), follow=True)

    assert "il en faut au moins 5 pour les compter" in response.content.decode()
    assert not InventoryLine.objects.filter(inventory=inventory).exists()


def test_a_locked_inventory_refuses_every_change_of_its_survey(contributor_client, inventory):
    survey = CommutingSurvey.objects.create(inventory=inventory, weeks_per_year=47)
    for _ in range(MIN_ANSWERS):
        answer(survey)
    Inventory.objects.filter(pk=inventory.pk).update(status=Inventory.Status.LOCKED)

    contributor_client.post(manage_url(inventory, "carbon_survey_open"), {"open": "0"})
    contributor_client.post(manage_url(inventory, "carbon_survey_weeks"), {"weeks_per_year": "40"})
    response = contributor_client.post(manage_url(inventory, "carbon_survey_count"), follow=True)

    survey.refresh_from_db()
    assert survey.is_open and survey.weeks_per_year == 47
    assert "verrouillé" in response.content.decode()
    assert not InventoryLine.objects.filter(inventory=inventory).exists()


def test_no_survey_on_a_locked_inventory(contributor_client, inventory):
    Inventory.objects.filter(pk=inventory.pk).update(status=Inventory.Status.LOCKED)
    contributor_client.post(manage_url(inventory))
    assert not CommutingSurvey.objects.exists()


# Counting, with factors written here (the shipped ones' keys, our values).
FACTORS = {
    "car-average-km": ("km", 0.2),
    "motorbike-km": ("km", 0.17),
    "bus-passenger-km": ("passenger_km", 0.11),
    "tram-metro-passenger-km": ("passenger_km", 0.004),
    "train-ter-passenger-km": ("passenger_km", 0.03),
    "ebike-passenger-km": ("passenger_km", 0.011),
}


@pytest.fixture
def shipped_factors(db):
    EmissionFactor.objects.filter(network__isnull=True, key__in=FACTORS).delete()
    return {
        key: EmissionFactor.objects.create(
            key=key, name_fr=key, unit=unit, value=value, source="other", uncertainty=10
        )
        for key, (unit, value) in FACTORS.items()
    }


ANSWERS = [  # one-way km, mode, days on site, remote days
    (12, "car", 5, 0),
    (30, "car", 4, 1),
    (20, "carpool", 5, 0),
    (8, "bus", 5, 0),
    (45, "train", 3, 2),
    (3, "bike", 5, 0),
]


def test_counting_writes_one_line_per_mode_scaled_to_the_headcount(
    contributor_client, inventory, shipped_factors
):
    weeks = 45
    survey = CommutingSurvey.objects.create(inventory=inventory, weeks_per_year=weeks)
    for km, mode, days, remote in ANSWERS:
        answer(survey, km, mode, days, remote)
    manual = InventoryLine.objects.create(
        inventory=inventory,
        post="commuting",
        label="Navette de l'entreprise",
        quantity=1000,
        unit="km",
        factor=shipped_factors["car-average-km"],
    )
    old = InventoryLine.objects.create(
        inventory=inventory,
        post="commuting",
        label="Old survey line",
        quantity=5,
        unit="km",
        factor=shipped_factors["car-average-km"],
    )
    InventoryLine.objects.filter(pk=old.pk).update(from_survey=True)

    response = contributor_client.post(manage_url(inventory, "carbon_survey_count"))

    assert response.status_code == 302
    scale = inventory.headcount / len(ANSWERS)  # 20 people, 6 answers
    expected = {}
    for km, mode, days, _remote in ANSWERS:
        yearly = 2 * km * days * weeks / (2 if mode == "carpool" else 1)
        expected[mode] = expected.get(mode, 0) + yearly * scale
    expected.pop("bike")  # no line: a bicycle emits nothing in use
    lines = InventoryLine.objects.filter(inventory=inventory, from_survey=True)
    got = {line.label: line for line in lines}
    assert len(got) == len(expected)
    labels = {
        "car": "Voiture en solo",
        "carpool": "Voiture partagée (covoiturage)",
        "bus": "Bus ou car",
        "train": "Train",
    }
    keys = {
        "car": "car-average-km",
        "carpool": "car-average-km",
        "bus": "bus-passenger-km",
        "train": "train-ter-passenger-km",
    }
    for mode, quantity in expected.items():
        line = got[f"Domicile-travail (enquête)\u00a0: {labels[mode]}"]
        assert line.quantity == pytest.approx(quantity, abs=0.1)
        assert line.factor == shipped_factors[keys[mode]]
        assert line.unit == FACTORS[keys[mode]][0]
        assert line.data_quality == "extrapolated"
        assert line.post == "commuting"
    assert InventoryLine.objects.filter(pk=manual.pk).exists()
    assert not InventoryLine.objects.filter(pk=old.pk).exists()

    # The page reads the same figures, and counting again replaces, not adds.
    page = contributor_client.get(manage_url(inventory)).content.decode()
    assert "Voiture partagée (covoiturage)" in page
    contributor_client.post(manage_url(inventory, "carbon_survey_count"))
    assert InventoryLine.objects.filter(inventory=inventory, from_survey=True).count() == len(
        expected
    )


def test_as_many_answers_as_people_is_measured_and_not_scaled(
    contributor_client, organisation, shipped_factors
):
    inventory = Inventory.objects.create(organisation=organisation, year=2024, headcount=5)
    survey = CommutingSurvey.objects.create(inventory=inventory, weeks_per_year=47)
    for _ in range(5):
        answer(survey, 10, "car", 5, 0)

    contributor_client.post(manage_url(inventory, "carbon_survey_count"))

    (line,) = InventoryLine.objects.filter(inventory=inventory, from_survey=True)
    assert line.quantity == pytest.approx(5 * 2 * 10 * 5 * 47)
    assert line.data_quality == "measured"


def test_the_summary_gives_shares_and_potentials(contributor_client, inventory, shipped_factors):
    weeks = 47
    survey = CommutingSurvey.objects.create(inventory=inventory, weeks_per_year=weeks)
    for km, mode, days, remote in ANSWERS:
        answer(survey, km, mode, days, remote)

    report = commuting.report(survey, inventory)

    scale = 20 / len(ANSWERS)
    person_km = {}
    for km, mode, days, _ in ANSWERS:
        person_km[mode] = person_km.get(mode, 0) + 2 * km * days * weeks * scale
    rows = {row.mode: row for row in report.modes}
    assert rows["car"].people == 2
    assert rows["car"].people_share == pytest.approx(2 / 6)
    assert rows["train"].km_share == pytest.approx(person_km["train"] / sum(person_km.values()))
    assert report.average_distance_km == pytest.approx(sum(a[0] for a in ANSWERS) / 6)
    # Car-pooling: solo drivers from 10 km (both) share with one colleague.
    solo = sum(2 * km * days * weeks for km, mode, days, _ in ANSWERS if mode == "car")
    assert report.carpool.km == pytest.approx(solo * scale / 2)
    assert report.carpool.kg == pytest.approx(solo * scale / 2 * 0.2)
    # Remote work: one day fewer on site for those who come 2 days or more by
    # a mode that emits (not the cyclist).
    factor = {"car": 0.2, "carpool": 0.2, "bus": 0.11, "train": 0.03}
    share = {"carpool": 0.5}
    remote_kg = sum(
        2 * km * weeks * share.get(mode, 1) * factor[mode] * scale
        for km, mode, days, _ in ANSWERS
        if mode in factor and days >= 2
    )
    assert report.remote.people == 5
    assert report.remote.kg == pytest.approx(remote_kg)

    page = contributor_client.get(manage_url(inventory)).content.decode()
    assert "Covoiturage" in page and "Télétravail" in page


def test_the_page_makes_as_many_queries_whatever_the_answers(
    contributor_client, inventory, shipped_factors, django_assert_max_num_queries
):
    survey = CommutingSurvey.objects.create(inventory=inventory)
    for _ in range(6):
        answer(survey)
    with django_assert_max_num_queries(20) as small:
        contributor_client.get(manage_url(inventory))
    for _ in range(200):
        answer(survey, mode="train")
    with django_assert_max_num_queries(len(small.captured_queries)):
        contributor_client.get(manage_url(inventory))
