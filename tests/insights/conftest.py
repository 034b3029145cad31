import random

import pytest

from levier.accounts.models import OrgRole
from levier.assessments import services
from levier.frameworks.services import latest_version, sync_shipped_packs
from tests.factories import make_member, make_network_staff, make_organisation


@pytest.fixture
def version(db):
    sync_shipped_packs()
    return latest_version()


def submit_assessment(organisation, version, seed: int, period="2026", user=None):
    """A real submission with answers drawn from ``seed``: higher seeds answer better."""
    user = user or organisation.memberships.get(role=OrgRole.ADMIN).user
    assessment = services.start(organisation, version, period, user)
    rng = random.Random(seed)
    versions = dict(assessment.answers.values_list("question_code", "version"))
    for question in services.applicable_questions(assessment):
        if (
            question.is_choice
            and question.condition is None
            and question.type != "multiple_choice"
        ):
            levels = sorted(question.levels, key=lambda level: level.points)
            level = levels[min(len(levels) - 1, int(rng.random() * len(levels)))]
            services.save_answer(
                assessment,
                question,
                services.AnswerInput(levels=(level.code,)),
                user,
                versions.get(question.code, 0),
            )
    services.submit(assessment, user)
    return assessment


@pytest.fixture
def member_factory(network, version):
    def make(name, seed, headcount=20, naf_code="62.01Z", region="32", submit=True):
        organisation = make_organisation(
            network, name=name, headcount=headcount, naf_code=naf_code, region=region
        )
        make_member(organisation, OrgRole.ADMIN)
        if submit:
            submit_assessment(organisation, version, seed)
        return organisation

    return make


@pytest.fixture
def animator(network):
    return make_network_staff(network)


@pytest.fixture
def varied_members(member_factory, version):
    """Eight members of two sizes and two regions, one with a second, older
    assessment of last year (backdated), all submitted for real."""
    from datetime import datetime

    from django.utils import timezone

    from levier.assessments.demo import backdate

    members = [
        member_factory(
            f"Membre {n}",
            seed=n,
            headcount=20 if n % 2 else 120,
            region="32" if n < 5 else "84",
        )
        for n in range(8)
    ]
    older = members[0].assessments.get()
    backdate(older, datetime(timezone.localdate().year - 1, 3, 14, 10, 0))
    submit_assessment(members[0], version, seed=40, period="second")
    return members
