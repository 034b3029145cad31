import pytest

from levier.accounts.models import OrgRole
from levier.assessments import services as assessments
from levier.engine.packs import SINGLE_CHOICE
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.practices.exchange import sync_shipped
from tests.factories import make_member, make_organisation


@pytest.fixture
def company(network):
    sync_shipped_packs()
    sync_shipped()
    return make_organisation(network, name="Scierie Martin", headcount=25, naf_code="16.10A")


@pytest.fixture
def admin(company):
    return make_member(company, OrgRole.ADMIN, full_name="Alice Admin")


@pytest.fixture
def contributor(company):
    return make_member(company, OrgRole.CONTRIBUTOR, full_name="Carl Contributeur")


def answer_lowest(assessment, user):
    """Every plain single-choice question at its lowest level: room for progress."""
    for question in assessments.applicable_questions(assessment):
        if question.type == SINGLE_CHOICE and question.condition is None:
            lowest = min(question.levels, key=lambda level: level.points)
            assessments.save_answer(
                assessment, question, assessments.AnswerInput(levels=(lowest.code,)), user, 0
            )


@pytest.fixture
def submitted(company, admin):
    assessment = assessments.start(company, latest_version(), "2026", admin)
    answer_lowest(assessment, admin)
    assessments.submit(assessment, admin)
    return assessment
