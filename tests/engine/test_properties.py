"""Properties of scoring and what-if over randomly generated packs and answers."""

from dataclasses import replace
from itertools import combinations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from levier.engine.answers import Answer
from levier.engine.impact import points_to_win, question_impacts
from levier.engine.packs import PERCENTAGE, Pack, Question, Rule
from levier.engine.scoring import SCORED, Result, score
from levier.engine.whatif import BEST_SELECTION, all_gains, what_if
from tests.engine import reference
from tests.engine.paths import assert_path_is_best
from tests.engine.strategies import answer_sets, packs, profiles, questions, valid_answers

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def assessments(draw):
    pack = draw(packs())
    return pack, draw(profiles), draw(answer_sets(pack))


def all_scores(result: Result) -> list[float | None]:
    themes = [theme.score for theme in result.themes.values()]
    return [result.overall, *result.pillars.values(), *themes]


def parents_of(pack: Pack) -> set[str]:
    return {q.condition.question for q in pack.questions if q.condition is not None}


def assert_delta(gain: float | None, before: float | None, after: float | None) -> None:
    if before is None or after is None:
        assert gain is None
    else:
        assert gain == pytest.approx(after - before, abs=1e-9)


@PROPERTY
@given(assessments())
def test_scores_match_a_naive_reference(case):
    pack, profile, answers = case
    result = score(pack, profile, answers)
    expected = reference.reference_score(pack, profile, answers)
    assert result.overall == pytest.approx(expected.overall, abs=1e-9)
    assert result.pillars == pytest.approx(expected.pillars, abs=1e-9)
    assert {code: t.score for code, t in result.themes.items()} == pytest.approx(
        expected.themes, abs=1e-9
    )
    assert {code: t.status for code, t in result.themes.items()} == expected.statuses
    assert set(result.counted) == expected.counted
    assert set(result.missing) == expected.missing
    assert set(result.hidden) == expected.hidden
    assert set(result.excluded) == expected.excluded
    assert set(result.answered_na) == expected.answered_na
    for code, counted in result.questions.items():
        assert counted.max == reference.best_points(pack.question(code))


@PROPERTY
@given(assessments())
def test_every_score_lies_between_0_and_100(case):
    for value in all_scores(score(*case)):
        assert value is None or 0 <= value <= 100


@PROPERTY
@given(st.data())
def test_a_better_level_never_lowers_a_score(data):
    pack, profile, answers = data.draw(assessments())
    before = score(pack, profile, answers)
    # A question that controls no follow-up, so that the new answer reveals nothing.
    candidates = [code for code in before.counted if code not in parents_of(pack)]
    assume(candidates)
    code = data.draw(st.sampled_from(candidates))
    question = pack.question(code)
    new = data.draw(valid_answers(question))
    assume(not new.na and reference.has_level(question, new))
    old = answers.get(code)
    old_points = reference.points(question, old) if reference.has_level(question, old) else 0
    assume(reference.points(question, new) >= old_points)
    after = score(pack, profile, {**answers, code: new})
    for was, now in zip(all_scores(before), all_scores(after), strict=True):
        assert (was is None) == (now is None)
        assert was is None or now >= was - 1e-9


def with_question(pack: Pack, theme_code: str, position: int, question: Question) -> Pack:
    pillars = []
    for pillar in pack.pillars:
        themes = []
        for theme in pillar.themes:
            if theme.code == theme_code:
                listed = list(theme.questions)
                listed.insert(position, question)
                theme = replace(theme, questions=tuple(listed))
            themes.append(theme)
        pillars.append(replace(pillar, themes=tuple(themes)))
    return replace(pack, pillars=tuple(pillars))


@PROPERTY
@given(st.data())
def test_an_inapplicable_question_changes_nothing(data):
    pack, profile, answers = data.draw(assessments())
    theme = data.draw(st.sampled_from(pack.themes))
    position = data.draw(st.integers(0, len(theme.questions)))
    earlier = list(theme.questions[:position])
    extra = data.draw(questions("X-EXTRA", earlier, theme.code, theme.pillar_code))
    # Unknown headcounts never match a minimum; known ones are one short of it.
    extra = replace(extra, rule=Rule(min_headcount=(profile.headcount or 0) + 1))
    bigger_answers = dict(answers)
    if data.draw(st.booleans()):
        bigger_answers["X-EXTRA"] = data.draw(valid_answers(extra))
    before = score(pack, profile, answers)
    after = score(with_question(pack, theme.code, position, extra), profile, bigger_answers)
    assert all_scores(after) == all_scores(before)
    assert after.questions == before.questions
    assert (after.missing, after.hidden, after.answered_na) == (
        before.missing,
        before.hidden,
        before.answered_na,
    )
    assert set(after.excluded) == {*before.excluded, "X-EXTRA"}


@PROPERTY
@given(st.data())
def test_what_if_equals_rescoring(data):
    pack, profile, answers = data.draw(assessments())
    question = data.draw(st.sampled_from(pack.questions))
    new = data.draw(valid_answers(question))
    gain = what_if(pack, profile, answers, question.code, new)
    before = score(pack, profile, answers)
    after = score(pack, profile, {**answers, question.code: new})
    assert_delta(gain.overall, before.overall, after.overall)
    assert_delta(
        gain.pillar, before.pillars[question.pillar_code], after.pillars[question.pillar_code]
    )
    theme = question.theme_code
    assert_delta(gain.theme, before.themes[theme].score, after.themes[theme].score)


@PROPERTY
@given(assessments())
def test_all_gains_equal_rescoring(case):
    pack, profile, answers = case
    before = score(pack, profile, answers)
    gains = all_gains(pack, profile, answers)
    for gain in gains:
        question = pack.question(gain.question_code)
        path = assert_path_is_best(
            pack, profile, answers, question.code, gain.answer, dict(gain.follow_ups)
        )
        assert path == {**answers, **gain.path}
        after = score(pack, profile, path)
        assert_delta(gain.overall, before.overall, after.overall)
        pillar, theme = question.pillar_code, question.theme_code
        assert_delta(gain.pillar, before.pillars[pillar], after.pillars[pillar])
        assert_delta(gain.theme, before.themes[theme].score, after.themes[theme].score)
        # Each gain is a level worth more than the current answer, reached by `answer`.
        earned = before.questions[question.code].earned
        assert reference.points(question, gain.answer) > earned
        if question.is_numeric:
            assert question.band_for(gain.answer.value).code == gain.level_code
        elif gain.level_code != BEST_SELECTION:
            assert gain.level_code in gain.answer.levels
    # Every better option of a single-choice question is offered.
    for code, counted in before.questions.items():
        question = pack.question(code)
        if question.type in ("yes_no", "single_choice"):
            offered = {g.level_code for g in gains if g.question_code == code}
            better = {level.code for level in question.levels if level.points > counted.earned}
            assert offered == better


def best_answer(question: Question) -> Answer:
    """An answer earning the question's maximum, found without the engine's help."""
    if question.is_numeric:
        band = max(question.levels, key=lambda level: level.points)
        value = band.min if band.min is not None else (band.max - 1 if band.max is not None else 0)
        if question.type == PERCENTAGE:
            value = max(value, 0.0)
        return Answer(value=value)
    if question.type != "multiple_choice":
        return Answer(levels=frozenset({max(question.levels, key=lambda lv: lv.points).code}))
    combinable = [level.code for level in question.levels if not level.exclusive]
    selections = [frozenset({level.code}) for level in question.levels if level.exclusive]
    selections += [
        frozenset(subset)
        for size in range(1, len(combinable) + 1)
        for subset in combinations(combinable, size)
    ]
    return Answer(
        levels=max(selections, key=lambda s: reference.points(question, Answer(levels=s)))
    )


@PROPERTY
@given(assessments())
def test_points_to_win_is_the_gain_of_reaching_the_maximum(case):
    pack, profile, answers = case
    result = score(pack, profile, answers)
    for code in result.counted:
        question = pack.question(code)
        if code in parents_of(pack) or result.themes[question.theme_code].status != SCORED:
            continue
        gain = what_if(pack, profile, answers, code, best_answer(question), base=result)
        won = points_to_win(pack, profile, answers, code, result)
        assert won == pytest.approx(max(gain.overall, 0.0), abs=1e-9)


@PROPERTY
@given(assessments())
def test_question_impacts_add_up_to_the_overall_score(case):
    result = score(*case)
    total = sum(impact.earned for impact in question_impacts(*case, result))
    assert total == pytest.approx(result.overall or 0, abs=1e-9)
