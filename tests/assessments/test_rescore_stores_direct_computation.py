"""`rescore` stores what the engine computes from the answers on the fixed pack."""

from io import StringIO

import pytest
from django.core.management import call_command

from levier.assessments.models import ScoreLine
from levier.assessments.services import start
from tests.assessments.rescoring import assert_same, direct, fix_pack, stored, submit_lowest

pytestmark = pytest.mark.django_db


def test_a_pack_fix_is_carried_into_the_stored_scores(assessment, admin):
    snapshot = submit_lowest(assessment, admin)
    old = stored(snapshot)
    fix_pack(assessment.framework_version)
    assert direct(assessment) != old  # the fix does change the scores

    call_command("rescore", "--batch-size", "1", stdout=StringIO())

    assert_same(stored(snapshot), direct(assessment))


def test_stale_and_missing_lines_are_repaired(assessment, admin):
    # Lines stored by an older engine: a wrong gain, one line lost.
    snapshot = submit_lowest(assessment, admin)
    questions = ScoreLine.objects.filter(snapshot=snapshot, level=ScoreLine.Level.QUESTION)
    questions.filter(pk=questions.first().pk).delete()
    questions.update(lost=123.0)

    call_command("rescore", stdout=StringIO())

    assert_same(stored(snapshot), direct(assessment))


def test_drafts_and_other_frameworks_are_left_alone(assessment, admin, company, levier_360):
    snapshot = submit_lowest(assessment, admin)
    draft = start(company, levier_360, "2027", admin)
    fix_pack(assessment.framework_version)
    before = stored(snapshot)

    call_command("rescore", "--framework", "iso-26000", stdout=StringIO())

    assert stored(snapshot) == before
    assert not draft.snapshots.exists()
