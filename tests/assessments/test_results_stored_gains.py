"""The results of a submitted assessment read the gains stored with its snapshot
(the same definition, kept exact by `rescore`) instead of pricing every better
path again; they equal the direct computation, and a draft computes them."""

import pytest

from levier.assessments import results as results_data
from levier.assessments import services
from levier.assessments.models import Assessment, ScoreLine
from levier.engine.impact import biggest_gaps, question_impacts
from tests.assessments.test_results import _answer, _best, _lowest

pytestmark = pytest.mark.django_db


def _half_answered(assessment, admin):
    _answer(
        assessment, admin, lambda q: _best(q) if q.theme_code.startswith("SOC") else _lowest(q)
    )


def _direct_gaps(assessment):
    answers = services.engine_answers(services.stored_answers(assessment))
    impacts = question_impacts(assessment.pack, assessment.profile, answers)
    return [(i.code, i.to_win, i.earned) for i in biggest_gaps(impacts, limit=10)]


def _shown_gaps(results):
    return [(line.impact.code, line.impact.to_win, line.impact.earned) for line in results.gaps]


def test_a_submitted_assessments_gaps_equal_the_direct_computation(assessment, admin):
    _half_answered(assessment, admin)
    services.submit(assessment, admin)
    assessment = Assessment.objects.get(pk=assessment.pk)

    shown = _shown_gaps(results_data.build(assessment))

    assert shown and shown == _direct_gaps(assessment)


def test_a_submitted_assessment_reads_its_stored_gains(assessment, admin):
    _half_answered(assessment, admin)
    services.submit(assessment, admin)
    assessment = Assessment.objects.get(pk=assessment.pk)
    first = _shown_gaps(results_data.build(assessment))[0][0]
    # A stored figure changed behind the page's back shows: it is what is read.
    ScoreLine.objects.filter(
        snapshot__assessment=assessment, level=ScoreLine.Level.QUESTION, code=first
    ).update(lost=99.0)

    shown = _shown_gaps(results_data.build(assessment))

    assert shown[0][:2] == (first, 99.0)


def test_without_stored_question_lines_the_gains_are_computed(assessment, admin):
    _half_answered(assessment, admin)
    services.submit(assessment, admin)
    assessment = Assessment.objects.get(pk=assessment.pk)
    # A snapshot stored before the question lines existed.
    ScoreLine.objects.filter(
        snapshot__assessment=assessment, level=ScoreLine.Level.QUESTION
    ).delete()

    assert _shown_gaps(results_data.build(assessment)) == _direct_gaps(assessment)


def test_a_drafts_gains_are_computed_from_its_answers(assessment, admin):
    _half_answered(assessment, admin)

    shown = _shown_gaps(results_data.build(assessment))

    assert shown and shown == _direct_gaps(assessment)
