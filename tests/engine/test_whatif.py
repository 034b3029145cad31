"""What-if on fixtures/scoring.yaml, computed by hand (see test_scoring.CASE_A)."""

import pytest

from levier.engine.answers import Answer, InvalidAnswer
from levier.engine.scoring import score
from levier.engine.whatif import BEST_SELECTION, Gain, all_gains, what_if
from tests.engine.scoring_demo import CASE_A, PACK, SMALL_SERVICES


def test_answering_a_missing_follow_up():
    # EMP-03 = 60 earns 1 point: SOC-EMP 5/8 -> 6/8 (+12.5), SOC (100 + 3 x 75) / 4 = 81.25.
    gain = what_if(PACK, SMALL_SERVICES, CASE_A, "EMP-03", Answer.of_value(60))
    assert gain == Gain(overall=9.375, pillar=9.375, theme=12.5)


def test_a_worse_parent_answer_reveals_its_follow_up():
    # SAF-01 yes earns 0 and reveals SAF-02, unanswered: SOC-SAF 100 -> 0,
    # SOC 71.875 -> (0 + 187.5) / 4 = 46.875.
    gain = what_if(PACK, SMALL_SERVICES, CASE_A, "SAF-01", Answer.of("yes"))
    assert gain == Gain(overall=-25, pillar=-25, theme=-100)


def test_leaving_na_gives_a_score_to_a_theme_that_had_none():
    # WAT-01 yes: ENV-WAT (8 + 1) / 9 = 100, ENV 100; overall (2 x 71.875 + 100) / 3.
    gain = what_if(PACK, SMALL_SERVICES, CASE_A, "WAT-01", Answer.of("yes"))
    assert gain == Gain(overall=pytest.approx(81.25 - 71.875), pillar=None, theme=None)


def test_invalid_what_if_answer_is_refused():
    with pytest.raises(InvalidAnswer):
        what_if(PACK, SMALL_SERVICES, CASE_A, "SAF-01", Answer.of("perhaps"))


def test_all_gains_of_the_hand_computed_assessment():
    gains = [
        (g.question_code, g.level_code, g.overall, g.pillar, g.theme, g.answer)
        for g in all_gains(PACK, SMALL_SERVICES, CASE_A)
    ]
    # SAF-01, EMP-01 and WAT-02 are at their best; ENV-WAT has no score anyway.
    # EMP-02 = 20 ("many", its min): SOC-EMP 7/8 = 87.5 (+25), SOC 90.625 (+18.75).
    assert gains == [
        ("EMP-02", "many", 18.75, 18.75, 25, Answer.of_value(20)),
        ("EMP-03", "high", 9.375, 9.375, 12.5, Answer.of_value(50)),
    ]


def test_all_gains_of_a_multiple_choice_question():
    gains = {
        g.level_code: (g.theme, g.answer.levels)
        for g in all_gains(PACK, SMALL_SERVICES, {})
        if g.question_code == "EMP-01"
    }
    # Unanswered SOC-EMP counts EMP-01 (max 3) and EMP-02 (2 x 2): 7. The exclusive
    # "none" is worth nothing; the best selection adds c then a to reach the cap of 3.
    assert gains == {
        "a": (pytest.approx(100 / 7), {"a"}),
        "b": (pytest.approx(100 / 7), {"b"}),
        "c": (pytest.approx(200 / 7), {"c"}),
        BEST_SELECTION: (pytest.approx(300 / 7), {"a", "c"}),
    }


def test_adding_an_option_keeps_the_current_selection():
    answers = {"EMP-01": Answer.of("b")}
    gains = {
        g.level_code: g.answer.levels
        for g in all_gains(PACK, SMALL_SERVICES, answers)
        if g.question_code == "EMP-01"
    }
    # {b, c} reaches the cap with one addition: no separate best selection.
    assert gains == {"a": {"a", "b"}, "c": {"b", "c"}}


def test_all_gains_accepts_a_precomputed_result():
    base = score(PACK, SMALL_SERVICES, CASE_A)
    assert all_gains(PACK, SMALL_SERVICES, CASE_A, base=base) == all_gains(
        PACK, SMALL_SERVICES, CASE_A
    )
