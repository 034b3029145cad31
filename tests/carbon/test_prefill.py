"""The carbon inventory's suggestions for the climate questions of the
Levier 360 assessment: offered to confirm, never answered on their own."""

import pytest
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import OrgRole
from levier.assessments import services as assessments
from levier.assessments.models import Answer
from levier.carbon import levers, prefill, reductions
from levier.carbon import services as carbon
from levier.carbon.models import Inventory
from levier.frameworks.models import FrameworkVersion
from levier.frameworks.services import latest_version, sync_shipped_packs
from tests.carbon.factories import make_inventory, make_line
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

LOCKED = Inventory.Status.LOCKED
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def levier_360(db):
    sync_shipped_packs()
    return latest_version("levier-360")


@pytest.fixture
def assessment(organisation, org_admin, levier_360):
    return assessments.start(organisation, levier_360, str(THIS_YEAR), org_admin)


def _inventory(organisation, posts, year=THIS_YEAR - 1, status=LOCKED, **fields):
    inventory = make_inventory(organisation, year=year, status=status, **fields)
    for post in posts:
        make_line(inventory, post, 100.0)
    return inventory


def _theme_url(assessment, theme="ENV-CLI"):
    return reverse("assessment_theme", args=[assessment.organisation.slug, assessment.pk, theme])


def _use_url(assessment, code):
    return reverse(
        "carbon_use_suggestion", args=[assessment.organisation.slug, assessment.pk, code]
    )


def test_no_locked_recent_inventory_suggests_nothing(organisation, assessment):
    assert prefill.suggestions(assessment) == {}
    _inventory(organisation, ["electricity"], status=Inventory.Status.DRAFT)
    _inventory(organisation, ["electricity"], year=THIS_YEAR - prefill.YEARS_VALID)
    assert prefill.suggestions(assessment) == {}


def test_energy_and_other_categories_suggest_a_partial_footprint(organisation, assessment):
    _inventory(
        organisation, ["electricity", "fuel_vehicles", "business_travel", "purchased_goods"]
    )
    found = prefill.suggestions(assessment)
    assert found[prefill.MEASURED].levels == ("partial",)
    assert set(found[prefill.COVERAGE].levels) == {"scope1", "scope2", "travel", "purchases"}
    assert prefill.PLAN not in found
    pack = assessment.pack
    for suggestion in found.values():
        question = pack.question(suggestion.question_code)
        assert all(question.level(code) is not None for code in suggestion.levels)


def test_only_some_categories_suggest_an_estimate(organisation, assessment):
    _inventory(organisation, ["electricity"])
    found = prefill.suggestions(assessment)
    assert found[prefill.MEASURED].levels == ("estimate",)
    assert found[prefill.COVERAGE].levels == ("scope2",)


def test_a_target_or_planned_reductions_suggest_the_plan_level(
    organisation, assessment, org_admin
):
    inventory = _inventory(organisation, ["electricity", "waste"])
    assert prefill.PLAN not in prefill.suggestions(assessment)
    reductions.add_to_plan(
        inventory, levers.get("electricity-sobriety"), 0.1, org_admin, title="Less light"
    )
    assert prefill.suggestions(assessment)[prefill.PLAN].levels == ("actions",)
    Inventory.objects.filter(pk=inventory.pk).update(target_percent=30, target_year=2030)
    found = prefill.suggestions(assessment)[prefill.PLAN]
    assert found.levels == ("targets",)
    assert "2030" in found.explanation


def test_the_theme_page_offers_the_suggestion_without_answering(
    client, organisation, org_admin, assessment
):
    _inventory(organisation, ["electricity", "waste"])
    client.force_login(org_admin)
    response = client.get(_theme_url(assessment))
    assert response.status_code == 200
    content = response.content.decode()
    assert _use_url(assessment, prefill.MEASURED) in content
    assert 'id="q-ENV-CLI-01-carbon"' in content
    assert not Answer.objects.filter(assessment=assessment, question_code__startswith="ENV-CLI")


def test_using_the_suggestion_saves_it_as_the_persons_answer(
    client, organisation, org_admin, assessment
):
    _inventory(organisation, ["electricity", "waste"])
    client.force_login(org_admin)
    response = client.post(_use_url(assessment, prefill.COVERAGE), {"version": "0"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#q-{prefill.COVERAGE}")
    answer = Answer.objects.get(assessment=assessment, question_code=prefill.COVERAGE)
    posts = {"electricity", "waste"}
    expected = {option for option, of in prefill.COVERAGE_OPTIONS.items() if posts & set(of)}
    assert set(answer.levels) == expected
    assert (answer.answered_by, answer.to_confirm) == (org_admin, False)
    # Once answered the same way, it is no longer offered.
    page = client.get(_theme_url(assessment))
    assert 'id="q-ENV-CLI-02-carbon"' not in page.content.decode()


def test_viewers_and_outsiders_cannot_use_it(client, organisation, assessment, other_organisation):
    _inventory(organisation, ["electricity"])
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    assert client.post(_use_url(assessment, prefill.MEASURED)).status_code == 404
    client.force_login(make_member(other_organisation, OrgRole.ADMIN))
    assert client.post(_use_url(assessment, prefill.MEASURED)).status_code == 404
    assert not Answer.objects.filter(assessment=assessment, question_code=prefill.MEASURED)
    contributor = make_member(organisation, OrgRole.CONTRIBUTOR)
    client.force_login(contributor)
    assert client.post(_use_url(assessment, prefill.MEASURED)).status_code == 302
    assert Answer.objects.get(assessment=assessment, question_code=prefill.MEASURED).levels == [
        "estimate"
    ]


def test_a_question_without_suggestion_is_not_found(client, organisation, org_admin, assessment):
    client.force_login(org_admin)
    assert client.post(_use_url(assessment, prefill.MEASURED)).status_code == 404
    _inventory(organisation, ["electricity"])
    assert client.post(_use_url(assessment, "SOC-EMP-01")).status_code == 404


def test_a_submitted_assessment_does_not_change(client, organisation, org_admin, assessment):
    _inventory(organisation, ["electricity"])
    Answer.objects.create(
        assessment=assessment,
        question_code=prefill.MEASURED,
        levels=["none"],
        answered_by=org_admin,
    )
    type(assessment).objects.filter(pk=assessment.pk).update(status="submitted")
    client.force_login(org_admin)
    response = client.post(_use_url(assessment, prefill.MEASURED))
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment, question_code=prefill.MEASURED).levels == [
        "none"
    ]


def test_another_persons_newer_answer_is_not_overwritten(
    client, organisation, org_admin, assessment
):
    _inventory(organisation, ["electricity"])
    colleague = make_member(organisation, OrgRole.CONTRIBUTOR)
    Answer.objects.create(
        assessment=assessment,
        question_code=prefill.MEASURED,
        levels=["none"],
        answered_by=colleague,
        version=2,
    )
    client.force_login(org_admin)
    client.post(_use_url(assessment, prefill.MEASURED), {"version": "1"})
    assert Answer.objects.get(assessment=assessment, question_code=prefill.MEASURED).levels == [
        "none"
    ]


def test_other_organisations_are_never_read(organisation, assessment):
    _inventory(make_organisation(organisation.network), ["electricity", "waste"])
    assert prefill.suggestions(assessment) == {}


def _tonnes(inventory) -> float:
    return carbon.footprint(inventory).total.kg / 1000


def test_the_footprint_total_is_suggested_as_the_figure_of_version_2(
    client, organisation, org_admin, assessment
):
    inventory = _inventory(organisation, ["electricity", "waste"])
    make_line(inventory, "business_travel", 2500.0)

    found = prefill.suggestions(assessment)[prefill.TOTAL]

    assert found.levels == () and found.value == round(_tonnes(inventory), 1) > 0
    assert assessment.pack.question(prefill.TOTAL).type == "number"
    client.force_login(org_admin)
    assert 'id="q-ENV-CLI-09-carbon"' in client.get(_theme_url(assessment)).content.decode()
    client.post(_use_url(assessment, prefill.TOTAL), {"version": "0"})
    answer = Answer.objects.get(assessment=assessment, question_code=prefill.TOTAL)
    assert (answer.value, answer.levels, answer.to_confirm) == (found.value, [], False)
    # Answered with the same figure: no longer offered.
    assert 'id="q-ENV-CLI-09-carbon"' not in client.get(_theme_url(assessment)).content.decode()


def test_two_locked_inventories_suggest_the_yearly_change(organisation, assessment):
    older = _inventory(organisation, ["electricity", "waste"], year=THIS_YEAR - 3)
    newer = _inventory(organisation, ["electricity"], year=THIS_YEAR - 1)
    assert prefill.previous_locked(newer) == older

    found = prefill.suggestions(assessment)[prefill.CHANGE]

    expected = ((_tonnes(newer) / _tonnes(older)) ** (1 / 2) - 1) * 100
    assert found.value == round(expected, 1) < 0
    assert str(older.year) in found.explanation


def test_the_yearly_change_is_compounded():
    # 200 t then 180 t two years later: 10 % less in two years.
    assert prefill.yearly_change(200_000, 180_000, 2) == pytest.approx((0.9**0.5 - 1) * 100)
    assert prefill.yearly_change(100_000, 110_000, 1) == pytest.approx(10)
    assert prefill.yearly_change(0, 110_000, 1) is None


def test_a_single_inventory_suggests_no_change(organisation, assessment):
    _inventory(organisation, ["electricity"])
    _inventory(organisation, ["electricity"], year=THIS_YEAR - 2, site="Entrepôt")

    assert prefill.CHANGE not in prefill.suggestions(assessment)


def test_a_version_1_assessment_gets_no_suggestion_for_the_figures(
    organisation, org_admin, levier_360
):
    first = FrameworkVersion.objects.get(framework__code="levier-360", version="1.0.0")
    on_v1 = assessments.start(organisation, first, "2025", org_admin)
    _inventory(organisation, ["electricity"], year=THIS_YEAR - 3)
    _inventory(organisation, ["electricity", "waste"])

    found = prefill.suggestions(on_v1)

    assert prefill.MEASURED in found
    assert prefill.TOTAL not in found and prefill.CHANGE not in found
