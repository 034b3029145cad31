"""Helpers for the rescore command's tests: submitted assessments, a pack fixed in
place, and the scores a snapshot should hold, computed straight from the engine."""

import pytest

from levier.assessments import services
from levier.assessments.models import ScoreLine
from levier.engine import scoring
from levier.engine.impact import question_gains
from levier.engine.packs import SINGLE_CHOICE
from levier.frameworks.models import FrameworkVersion

# A level of SOC-HSW-05 worth 3 points, raised to 6 by the "fix".
BEFORE_FIX = "{code: annual, points: 3,"
AFTER_FIX = "{code: annual, points: 6,"


def submit_lowest(assessment, user):
    """Every plain single-choice question at its lowest level, but SOC-HSW-05 at a level
    worth 2 of its 3 points (so that the fix moves the scores), then submitted."""
    for question in services.applicable_questions(assessment):
        if question.type == SINGLE_CHOICE and question.condition is None:
            lowest = min(question.levels, key=lambda level: level.points)
            level = "periodic" if question.code == "SOC-HSW-05" else lowest.code
            services.save_answer(
                assessment, question, services.AnswerInput(levels=(level,)), user, 0
            )
    return services.submit(assessment, user)


def fix_pack(version: FrameworkVersion) -> None:
    """Correct the version's source in place, as an operator would after a pack error."""
    assert BEFORE_FIX in version.source
    source = version.source.replace(BEFORE_FIX, AFTER_FIX)
    FrameworkVersion.objects.filter(pk=version.pk).update(
        source=source, digest=FrameworkVersion.digest_of(source)
    )


def stored(snapshot) -> tuple:
    """What a snapshot holds: its fields and its lines."""
    snapshot.refresh_from_db()
    lines = {
        (line.level, line.code): (line.score, line.status, line.lost)
        for line in ScoreLine.objects.filter(snapshot=snapshot)
    }
    return (snapshot.overall, snapshot.answered, snapshot.missing), lines


def direct(assessment) -> tuple:
    """The same, computed from the answers with the engine, on the pack as it is now."""
    pack = FrameworkVersion.objects.get(pk=assessment.framework_version_id).pack
    answers = services.engine_answers(services.stored_answers(assessment))
    result = scoring.score(pack, assessment.profile, answers)
    lost = question_gains(pack, assessment.profile, answers, result)
    answered = len(result.counted) - len(result.missing) + len(result.answered_na)
    lines = {(ScoreLine.Level.PILLAR, code): (v, "", None) for code, v in result.pillars.items()}
    lines |= {
        (ScoreLine.Level.THEME, code): (theme.score, theme.status, None)
        for code, theme in result.themes.items()
    }
    lines |= {(ScoreLine.Level.QUESTION, code): (None, "", v) for code, v in lost.items()}
    return (result.overall, answered, len(result.missing)), lines


def assert_same(got: tuple, expected: tuple) -> None:
    (overall, answered, missing), lines = got
    (e_overall, e_answered, e_missing), e_lines = expected
    assert (answered, missing) == (e_answered, e_missing)
    assert overall == (None if e_overall is None else pytest.approx(e_overall))
    assert lines.keys() == e_lines.keys()
    for key, (score, status, lost) in lines.items():
        e_score, e_status, e_lost = e_lines[key]
        assert status == e_status, key
        for value, expected_value in ((score, e_score), (lost, e_lost)):
            if expected_value is None:
                assert value is None, key
            else:
                assert value == pytest.approx(expected_value, abs=1e-9), key
