import pytest

from levier.accounts.models import NetworkRole, OrgRole
from levier.assessments import services as assessments
from levier.audit.models import AuditEntry
from levier.frameworks.services import latest_version, sync_shipped_packs
from tests.factories import make_member, make_network_staff


def only(action) -> AuditEntry:
    """The one entry of ``action``: none, or two, fail."""
    found = list(AuditEntry.objects.filter(action=action))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def member(organisation):
    return make_member(organisation, OrgRole.CONTRIBUTOR, full_name="Carl Contributor")


@pytest.fixture
def network_admin(network):
    return make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN, full_name="Nina Network")


@pytest.fixture
def animator(network):
    return make_network_staff(network, NetworkRole.Role.ANIMATOR, full_name="Anton Animator")


@pytest.fixture
def version(db):
    sync_shipped_packs()
    return latest_version()


@pytest.fixture
def draft(organisation, org_admin, version):
    return assessments.start(organisation, version, "2026", org_admin)


@pytest.fixture
def submitted(draft, org_admin):
    """A submitted assessment with one answer."""
    question = next(
        q
        for q in assessments.applicable_questions(draft)
        if q.is_choice and q.condition is None and q.type != "multiple_choice"
    )
    assessments.save_answer(
        draft, question, assessments.AnswerInput(levels=(question.levels[-1].code,)), org_admin, 0
    )
    assessments.submit(draft, org_admin)
    return draft
