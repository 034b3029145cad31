"""A question's gain counts the follow-ups its better answer reveals, answered at their
best: checked on the mini pack against a direct rescoring, and as properties over
random packs against tests/engine/reference.py."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levier.engine.answers import Answer
from levier.engine.impact import best_paths, question_gains, question_impacts
from levier.engine.pack_loader import load_pack_file
from levier.engine.profile import Profile
from levier.engine.scoring import score
from levier.engine.whatif import all_gains, what_if
from tests.engine import reference
from tests.engine.paths import assert_path_is_best, revealed
from tests.engine.strategies import answer_sets, packs, profiles

MINI = load_pack_file(Path(__file__).parent / "fixtures" / "mini.yaml")
SMALL = Profile(headcount=25)
# SOC-QVT-01 "no" hides its follow-up SOC-QVT-02 (0, 1 or 2 points, shown on "yes").
ANSWERS = {
    "SOC-QVT-01": Answer.of("no"),
    "ENV-CLI-01": Answer.of_value(30),
    "ENV-CLI-02": Answer.of("energy"),
}
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def overall(answers: dict[str, Answer]) -> float:
    return score(MINI, SMALL, answers).overall


def test_the_gain_of_a_parent_is_its_best_path_with_the_follow_up():
    best = {**ANSWERS, "SOC-QVT-01": Answer.of("yes"), "SOC-QVT-02": Answer.of("co_built")}

    gains = question_gains(MINI, SMALL, ANSWERS)

    assert gains["SOC-QVT-01"] == pytest.approx(overall(best) - overall(ANSWERS))
    # More than "yes" alone, which leaves the follow-up unanswered (0 points).
    yes_only = {**ANSWERS, "SOC-QVT-01": Answer.of("yes")}
    assert gains["SOC-QVT-01"] > overall(yes_only) - overall(ANSWERS) + 1
    path = best_paths(MINI, SMALL, ANSWERS)["SOC-QVT-01"]
    assert path.follow_ups == (("SOC-QVT-02", Answer.of("co_built")),)


def test_the_results_page_where_to_start_and_stored_lines_share_the_figure():
    to_win = {i.code: i.to_win for i in question_impacts(MINI, SMALL, ANSWERS)}
    best_level = max(
        (g for g in all_gains(MINI, SMALL, ANSWERS) if g.question_code == "SOC-QVT-01"),
        key=lambda g: g.overall,
    )

    assert to_win == question_gains(MINI, SMALL, ANSWERS)
    assert to_win["SOC-QVT-01"] == best_level.overall


@st.composite
def assessments(draw):
    pack = draw(packs())
    return pack, draw(profiles), draw(answer_sets(pack))


@PROPERTY
@given(assessments())
def test_every_gain_is_a_rescoring_of_its_best_path(case):
    pack, profile, answers = case
    before = reference.reference_score(pack, profile, answers)
    gains = question_gains(pack, profile, answers)
    paths = best_paths(pack, profile, answers)
    assert set(gains) == set(score(pack, profile, answers).counted)
    for code, gain in gains.items():
        assert gain >= 0
        if code not in paths:
            assert gain == 0
            continue
        path = paths[code]
        answered = assert_path_is_best(
            pack, profile, answers, code, path.answer, dict(path.follow_ups)
        )
        after = reference.reference_score(pack, profile, answered)
        assert gain == pytest.approx(after.overall - before.overall, abs=1e-9)


@PROPERTY
@given(assessments())
def test_follow_ups_never_make_a_gain_smaller(case):
    # Each better level with its follow-ups is worth at least the same answer alone.
    pack, profile, answers = case
    base = score(pack, profile, answers)
    gains = question_gains(pack, profile, answers, base)
    for level in all_gains(pack, profile, answers, base):
        alone = what_if(pack, profile, answers, level.question_code, level.answer, base)
        if alone.overall is not None and level.overall is not None:
            assert level.overall >= alone.overall - 1e-9
            assert gains[level.question_code] >= alone.overall - 1e-9
        follow_ups = {code for code, _ in level.follow_ups}
        shown = {**answers, level.question_code: level.answer}
        assert follow_ups <= revealed(pack, profile, answers, {**shown, **dict(level.follow_ups)})
