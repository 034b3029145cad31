"""The VSME report's confirmed figures suggest the answers of the assessment's
figure questions, computed as each question defines them; a person chooses to
use one, nothing is answered on its own."""

import pytest
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import OrgRole
from levier.assessments import services as assessments
from levier.assessments.models import Answer
from levier.frameworks.models import FrameworkVersion
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.vsme import assessment_prefill as prefill
from levier.vsme import extra, services
from levier.vsme.models import Datapoint, Module
from tests.factories import make_member
from tests.vsme.factories import make_report

pytestmark = pytest.mark.django_db

STAFF = {
    "NumberOfPermanentContractEmployees": 18.0,
    "NumberOfMaleEmployees": 9.0,
    "NumberOfFemaleEmployees": 11.0,
    "AverageNumberOfAnnualTrainingHoursPerMaleEmployee": 10.0,
    "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee": 21.0,
    extra.LEFT: 3.0,
    extra.AT_START: 18.0,
    extra.AT_END: 22.0,
    extra.HAS_BOARD: True,
    extra.FEMALE_BOARD: 2,
    extra.MALE_BOARD: 3,
}


@pytest.fixture
def assessment(organisation, org_admin):
    sync_shipped_packs()
    return assessments.start(
        organisation, latest_version("levier-360"), str(timezone.localdate().year), org_admin
    )


@pytest.fixture
def report(organisation, org_admin):
    report = make_report(organisation, org_admin, module=Module.COMPREHENSIVE)
    for code, value in STAFF.items():
        services.save_value(report, code, value, org_admin)
    return report


def _use_url(assessment, code):
    return reverse("vsme_use_suggestion", args=[assessment.organisation.slug, assessment.pk, code])


def _theme_url(assessment, theme):
    return reverse("assessment_theme", args=[assessment.organisation.slug, assessment.pk, theme])


def test_each_figure_is_computed_as_its_question_asks(assessment, report):
    found = prefill.suggestions(assessment)

    staff = STAFF["NumberOfMaleEmployees"] + STAFF["NumberOfFemaleEmployees"]
    hours = (
        STAFF["NumberOfMaleEmployees"] * STAFF["AverageNumberOfAnnualTrainingHoursPerMaleEmployee"]
        + STAFF["NumberOfFemaleEmployees"]
        * STAFF["AverageNumberOfAnnualTrainingHoursPerFemaleEmployee"]
    ) / staff
    average = (STAFF[extra.AT_START] + STAFF[extra.AT_END]) / 2
    expected = {
        prefill.PERMANENT: STAFF["NumberOfPermanentContractEmployees"] / staff * 100,
        prefill.TURNOVER: STAFF[extra.LEFT] / average * 100,
        prefill.TRAINING: hours,
        prefill.WOMEN_ON_BOARD: STAFF[extra.FEMALE_BOARD]
        / (STAFF[extra.FEMALE_BOARD] + STAFF[extra.MALE_BOARD])
        * 100,
    }
    assert {code: s.value for code, s in found.items()} == {
        code: round(value, 1) for code, value in expected.items()
    }
    for code, suggestion in found.items():
        assert assessment.pack.question(code).is_numeric, code
        assert suggestion.report == report


def test_only_confirmed_datapoints_count(assessment, report):
    Datapoint.objects.filter(report=report, code=extra.LEFT).update(
        state=Datapoint.State.TO_CONFIRM
    )

    assert prefill.TURNOVER not in prefill.suggestions(assessment)


def test_training_hours_need_every_gender_with_employees(assessment, report, org_admin):
    services.save_value(report, "NumberOfOtherGenderEmployees", 1.0, org_admin)

    assert prefill.TRAINING not in prefill.suggestions(assessment)


def test_a_version_1_assessment_only_gets_the_figures_it_asks(
    organisation, org_admin, assessment, report
):
    first = FrameworkVersion.objects.get(framework__code="levier-360", version="1.0.0")
    on_v1 = assessments.start(organisation, first, "2024", org_admin)

    found = prefill.suggestions(on_v1)

    assert set(found) == {prefill.PERMANENT, prefill.TRAINING}


def test_no_report_suggests_nothing(assessment):
    assert prefill.suggestions(assessment) == {}


def test_using_a_figure_saves_it_as_the_persons_answer(client, org_admin, assessment, report):
    client.force_login(org_admin)
    page = client.get(_theme_url(assessment, "SOC-EMP")).content.decode()
    assert 'id="q-SOC-EMP-11-vsme"' in page and _use_url(assessment, prefill.TURNOVER) in page

    response = client.post(_use_url(assessment, prefill.TURNOVER), {"version": "0"})

    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment, question_code=prefill.TURNOVER)
    assert answer.value == prefill.suggestions(assessment)[prefill.TURNOVER].value
    assert (answer.answered_by, answer.to_confirm) == (org_admin, False)
    page = client.get(_theme_url(assessment, "SOC-EMP")).content.decode()
    assert 'id="q-SOC-EMP-11-vsme"' not in page


def test_viewers_and_outsiders_cannot_use_it(
    client, organisation, assessment, report, other_organisation
):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    assert client.post(_use_url(assessment, prefill.TURNOVER)).status_code == 404
    client.force_login(make_member(other_organisation, OrgRole.ADMIN))
    assert client.post(_use_url(assessment, prefill.TURNOVER)).status_code == 404
    assert not Answer.objects.filter(assessment=assessment, question_code=prefill.TURNOVER)
    client.force_login(make_member(organisation, OrgRole.CONTRIBUTOR))
    assert client.post(_use_url(assessment, prefill.TURNOVER)).status_code == 302
    assert Answer.objects.filter(assessment=assessment, question_code=prefill.TURNOVER).exists()


def test_a_question_without_a_figure_is_not_found(client, org_admin, assessment, report):
    client.force_login(org_admin)

    assert client.post(_use_url(assessment, "SOC-EMP-02")).status_code == 404
