"""Scores of fixtures/scoring.yaml, computed by hand in the comments."""

from pathlib import Path

import pytest

from levier.engine.answers import Answer, InvalidAnswer, validate_answer
from levier.engine.impact import biggest_gaps, points_to_win, question_impacts, strengths
from levier.engine.pack_loader import load_pack, load_pack_file
from levier.engine.profile import Profile
from levier.engine.scoring import score
from tests.engine.scoring_demo import CASE_A, NA, PACK, SMALL_SERVICES, no, yes


def test_hand_computed_assessment():
    result = score(PACK, SMALL_SERVICES, CASE_A)
    assert result.themes["SOC-SAF"].score == 100
    assert result.themes["SOC-EMP"].score == 62.5
    assert (result.themes["SOC-EMP"].earned, result.themes["SOC-EMP"].max) == (5, 8)
    assert result.pillars == {"SOC": 71.875, "ENV": None}
    assert result.overall == 71.875
    statuses = {code: theme.status for code, theme in result.themes.items()}
    assert statuses == {
        "SOC-SAF": "scored",
        "SOC-EMP": "scored",
        "ENV-WAT": "mostly_not_applicable",
        "ENV-BIG": "not_applicable",
    }
    assert result.themes["ENV-WAT"].score is None
    assert (result.themes["ENV-WAT"].max, result.themes["ENV-WAT"].max_before_na) == (1, 9)
    assert result.missing == ("EMP-03",)  # the text question EMP-04 is never missing
    assert result.hidden == ("SAF-02",)
    assert result.excluded == ("WAT-03", "BIG-01")
    assert result.answered_na == ("WAT-01",)
    assert result.counted == ("SAF-01", "EMP-01", "EMP-02", "EMP-03", "WAT-02")
    emp_02 = result.questions["EMP-02"]
    assert (emp_02.earned, emp_02.max, emp_02.weight) == (1, 2, 2)


def test_perfect_answer_hiding_its_follow_up_scores_100_not_50():
    result = score(PACK, SMALL_SERVICES, {"SAF-01": no, "SAF-02": Answer.of("fully")})
    # SAF-02 is hidden even though an (old) answer to it is stored: it is left out.
    assert result.themes["SOC-SAF"].score == 100
    assert "SAF-02" in result.hidden and "SAF-02" not in result.questions


def test_revealed_follow_up_counts_unanswered_until_answered():
    assert score(PACK, SMALL_SERVICES, {"SAF-01": yes}).themes["SOC-SAF"].score == 0
    result = score(PACK, SMALL_SERVICES, {"SAF-01": yes, "SAF-02": Answer.of("partly")})
    assert result.themes["SOC-SAF"].score == 25  # (0 + 1) / (2 + 2)


def test_numeric_follow_up_and_band_edges():
    # EMP-02 = 9.5 falls in "few" (max 10 excluded) and hides EMP-03: 0/4 + 3/3 -> 3/7.
    low = score(
        PACK, SMALL_SERVICES, {"EMP-01": Answer.of("c", "b"), "EMP-02": Answer.of_value(9.5)}
    )
    assert low.themes["SOC-EMP"].score == pytest.approx(100 * 3 / 7)
    assert low.hidden == ("SAF-02", "EMP-03")
    # 20 is the min of "many" (included): 4/4, and EMP-03 = 50 is "high": 1/1.
    high = score(
        PACK,
        SMALL_SERVICES,
        {"EMP-01": Answer.of("a"), "EMP-02": Answer.of_value(20), "EMP-03": Answer.of_value(50)},
    )
    assert high.themes["SOC-EMP"].score == pytest.approx(100 * (1 + 4 + 1) / 8)


def test_multiple_choice_is_capped_and_exclusive_option_earns_its_points():
    def emp(answer):
        return score(PACK, SMALL_SERVICES, {"EMP-01": answer}).questions["EMP-01"].earned

    assert emp(Answer.of("a", "b", "c")) == 3  # 4 capped at 3
    assert emp(Answer.of("a", "b")) == 2
    assert emp(Answer.of("none")) == 0


def test_na_on_a_numeric_parent_hides_its_follow_up():
    result = score(PACK, SMALL_SERVICES, {"EMP-02": NA})
    assert "EMP-03" in result.hidden and result.answered_na == ("EMP-02",)
    # EMP-01 alone is counted: 0/3.
    assert result.themes["SOC-EMP"].max == 3


def test_exactly_a_third_remaining_is_still_scored():
    # NAF C: WAT-03 applies. WAT-01 N/A sets 8 aside; 1 + 3 = 4 remain of 12: a third.
    result = score(
        PACK, Profile(headcount=20, naf_section="C"), {"WAT-01": NA, "WAT-02": yes, "WAT-03": no}
    )
    assert result.themes["ENV-WAT"].status == "scored"
    assert result.themes["ENV-WAT"].score == 25
    # ENV-BIG has no score and is left out of the ENV mean.
    assert result.pillars["ENV"] == 25


def test_a_theme_without_score_is_left_out_of_the_means():
    mini = load_pack_file(Path(__file__).parent / "fixtures" / "mini.yaml")
    # SOC-QVT-01 N/A hides SOC-QVT-02: nothing left, SOC has no score.
    # ENV-CLI-01 is excluded (unknown size); ENV-CLI-02 earns 1 of 3.
    result = score(mini, Profile(), {"SOC-QVT-01": NA, "ENV-CLI-02": Answer.of("travel")})
    assert result.themes["SOC-QVT"].status == "not_applicable"
    assert result.pillars == {"SOC": None, "ENV": pytest.approx(100 / 3)}
    assert result.overall == pytest.approx(100 / 3)


def test_nothing_to_score_gives_no_overall():
    pack = load_pack(
        """\
format: 1
id: one
version: "1"
title: {fr: Un, en: One}
description: {fr: Un, en: One}
pillars:
  - code: P
    title: {fr: P, en: P}
    themes:
      - code: T
        title: {fr: T, en: T}
        questions:
          - code: Q
            type: yes_no
            allow_na: true
            text: {fr: Q, en: Q}
            options: [{code: "yes", points: 1}, {code: "no", points: 0}]
""",
        "one.yaml",
    )
    result = score(pack, Profile(), {"Q": NA})
    assert (result.overall, result.pillars, result.themes["T"].score) == (None, {"P": None}, None)
    assert result.counted == () and result.missing == ()


def test_empty_answers_and_unknown_profile():
    result = score(PACK, Profile(), {})
    # Unknown NAF and size: WAT-03 and BIG-01 are excluded; everything else is missing.
    assert result.excluded == ("WAT-03", "BIG-01")
    assert result.missing == ("SAF-01", "EMP-01", "EMP-02", "WAT-01", "WAT-02")
    assert result.overall == 0


def test_invalid_answers_are_refused():
    with pytest.raises(InvalidAnswer) as raised:
        score(PACK, SMALL_SERVICES, {"SAF-01": Answer.of("yes", "no")})
    assert (raised.value.question_code, raised.value.error) == ("SAF-01", "several_levels")


@pytest.mark.parametrize(
    ("code", "answer", "error"),
    [
        ("SAF-01", Answer.of("maybe"), "unknown_level"),
        ("SAF-01", Answer.of("yes", "no"), "several_levels"),
        ("SAF-01", Answer(value=1), "value_on_choice"),
        ("SAF-01", NA, "na_not_allowed"),
        ("WAT-01", Answer(levels=frozenset({"yes"}), na=True), "na_with_answer"),
        ("EMP-01", Answer.of("a", "none"), "exclusive_combined"),
        ("EMP-02", Answer.of("few"), "levels_on_numeric"),
        ("EMP-02", Answer.of_value(float("nan")), "value_not_finite"),
        ("EMP-03", Answer.of_value(100.5), "value_out_of_range"),
        ("EMP-03", Answer.of_value(-1), "value_out_of_range"),
        ("EMP-04", Answer.of("x"), "answer_on_text"),
    ],
)
def test_validate_answer_errors(code, answer, error):
    assert validate_answer(PACK.question(code), answer) == error


@pytest.mark.parametrize(
    ("code", "answer"),
    [
        ("SAF-01", Answer()),
        ("WAT-01", NA),
        ("EMP-01", Answer.of("a", "b", "c")),
        ("EMP-01", Answer.of("none")),
        ("EMP-02", Answer.of_value(-3)),
        ("EMP-03", Answer.of_value(100)),
        ("EMP-03", Answer.of_value(0)),
    ],
)
def test_validate_answer_accepts(code, answer):
    assert validate_answer(PACK.question(code), answer) is None


def test_points_to_win_and_impacts():
    result = score(PACK, SMALL_SERVICES, CASE_A)

    def to_win(code):
        return points_to_win(PACK, SMALL_SERVICES, CASE_A, code, result)

    # One point on EMP-03 in a theme of max 8 weighing 3 of 4 in SOC, the only pillar
    # with a score: 100 / 8 x 3/4 = 9.375 overall points.
    assert to_win("EMP-03") == 9.375
    # EMP-02 misses 1 point with weight 2: 18.75.
    assert to_win("EMP-02") == 18.75
    assert to_win("SAF-01") == 0
    assert to_win("WAT-02") == 0  # its theme has no score
    assert to_win("SAF-02") == 0  # hidden
    impacts = question_impacts(PACK, SMALL_SERVICES, CASE_A, result)
    assert [gap.code for gap in biggest_gaps(impacts)] == ["EMP-02", "EMP-03"]
    # SAF-01 earns 2/2 of a theme weighing 1 of 4: 25 overall points; EMP-01 3/8 x 3/4.
    assert [(s.code, s.earned) for s in strengths(impacts, limit=2)] == [
        ("EMP-01", 28.125),
        ("SAF-01", 25),
    ]
    assert sum(impact.earned for impact in impacts) == pytest.approx(result.overall)
