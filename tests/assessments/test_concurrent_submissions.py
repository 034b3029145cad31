"""Two assessments of one organisation submitted at the same moment: exactly
one snapshot stays its latest, so benchmarks count it once."""

import pytest
from django.db import IntegrityError, transaction

from levier.accounts.models import OrgRole
from levier.assessments import services
from levier.assessments.models import ScoreSnapshot
from tests.concurrency import at_once, needs_postgresql
from tests.factories import make_member


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_simultaneous_submissions_leave_one_latest_snapshot(company, levier_360):
    admin = make_member(company, OrgRole.ADMIN)
    drafts = [services.start(company, levier_360, f"202{n}", admin) for n in range(4)]

    at_once([lambda draft=draft: services.submit(draft, admin) for draft in drafts])

    latest = ScoreSnapshot.objects.filter(organisation=company, is_latest=True)
    assert latest.count() == 1
    assert ScoreSnapshot.objects.filter(organisation=company).count() == 4


@pytest.mark.django_db
def test_the_database_refuses_a_second_latest_snapshot(company, admin, levier_360):
    first = services.submit(services.start(company, levier_360, "2025", admin), admin)
    second = services.start(company, levier_360, "2026", admin)

    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSnapshot.objects.create(
            assessment=second,
            organisation=company,
            framework_version=levier_360,
            is_latest=True,
        )

    assert ScoreSnapshot.objects.get(is_latest=True) == first
