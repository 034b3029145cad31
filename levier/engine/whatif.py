"""What-if: how much a different answer would change the scores.

show_if never leaves a theme, so another answer changes one theme only: it is rescored
and its pillar and the overall score are re-derived from the other themes' cached scores.

`what_if` is the plain change of one answer. `all_gains` prices a *path* instead: a
better level of a question, plus each follow-up that this level reveals answered at its
best (and their own follow-ups, in turn). Without the follow-ups, a parent question's
better answer would count the questions it reveals as unanswered (0 points), and
promise less than the member really wins by answering them (docs/adr/0026).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from levier.engine.answers import Answer, InvalidAnswer, validate_answer
from levier.engine.packs import (
    MULTIPLE_CHOICE,
    PERCENTAGE,
    Level,
    Pack,
    Question,
    Theme,
    is_scoreable,
)
from levier.engine.profile import Profile
from levier.engine.scoring import SCORED, Result, ThemeScore, score, score_theme, weighted_mean

# The level code of a multiple_choice gain that adds several options at once.
BEST_SELECTION = "*best"


@dataclass(frozen=True)
class Gain:
    """Score deltas (after - before); None where a score is missing before or after."""

    overall: float | None
    pillar: float | None
    theme: float | None


@dataclass(frozen=True)
class LevelGain:
    """The gain of moving a question to a level; `answer` is the answer that reaches it.

    `follow_ups` are the follow-ups that answer reveals, each answered at its best
    (question code, answer), in pack order: the gain counts them.
    """

    question_code: str
    level_code: str
    overall: float | None
    pillar: float | None
    theme: float | None
    answer: Answer
    follow_ups: tuple[tuple[str, Answer], ...] = ()

    @property
    def path(self) -> dict[str, Answer]:
        """Every answer the gain assumes: the question's, then its follow-ups'."""
        return {self.question_code: self.answer, **dict(self.follow_ups)}


def what_if(
    pack: Pack,
    profile: Profile,
    answers: Mapping[str, Answer],
    code: str,
    new_answer: Answer,
    base: Result | None = None,
) -> Gain:
    """Score deltas if `code` were answered `new_answer`; `base` is score() of `answers`."""
    question = pack.question(code)
    error = validate_answer(question, new_answer)
    if error is not None:
        raise InvalidAnswer(code, error)
    base = base or score(pack, profile, answers)
    theme = pack.theme(question.theme_code)
    rescored = score_theme(theme, profile, {**answers, code: new_answer})
    return _gain(pack, base, theme.code, rescored.score)


def what_if_path(
    pack: Pack,
    profile: Profile,
    answers: Mapping[str, Answer],
    code: str,
    new_answer: Answer,
    later_answers: Mapping[str, Answer],
    base: Result | None = None,
) -> Gain:
    """Score deltas if `code` were answered `new_answer` together with the follow-ups
    that answer reveals, each answered as in `later_answers` (one not answered there
    stays as it was): what a change made between two assessments really earned. A
    parent alone would count its newly shown follow-ups as unanswered, and an action
    that raised both would seem to have lost points."""
    question = pack.question(code)
    error = validate_answer(question, new_answer)
    if error is not None:
        raise InvalidAnswer(code, error)
    base = base or score(pack, profile, answers)
    theme = pack.theme(question.theme_code)
    hidden_before = set(score_theme(theme, profile, answers).hidden)
    path = {**answers, code: new_answer}
    taken: set[str] = set()
    while True:
        rescored = score_theme(theme, profile, path)
        revealed = [
            follow_up
            for follow_up in hidden_before - set(rescored.hidden) - taken
            if follow_up in later_answers
        ]
        if not revealed:
            return _gain(pack, base, theme.code, rescored.score)
        for follow_up in revealed:
            path[follow_up] = later_answers[follow_up]
            taken.add(follow_up)


def all_gains(
    pack: Pack, profile: Profile, answers: Mapping[str, Answer], base: Result | None = None
) -> list[LevelGain]:
    """The gain of every better level of every counted question (missing ones included).

    Candidates: single choice and yes/no, each option worth more than the current
    answer; number/percentage, each band worth more (answered with a value inside it);
    multiple_choice, each option added to the current selection (an exclusive option
    replaces it), plus BEST_SELECTION, the current selection completed with the best
    options until the cap is reached, when that takes two options or more.

    A candidate that reveals follow-ups is priced with them answered at their best
    (`LevelGain.follow_ups`): the gain equals rescoring `LevelGain.path`.
    """
    base = base or score(pack, profile, answers)
    gains = []
    for theme in pack.themes:
        theme_score = base.themes[theme.code]
        parents = {q.condition.question for q in theme.questions if q.condition is not None}
        for counted in theme_score.questions:
            question = pack.question(counted.code)
            for level_code, answer, points in better_answers(
                question, answers.get(question.code), counted.earned
            ):
                follow_ups: dict[str, Answer] = {}
                if question.code in parents:
                    # It may reveal or hide follow-ups: only a rescoring knows.
                    follow_ups, rescored = complete_follow_ups(
                        theme, profile, theme_score.hidden, {**answers, question.code: answer}
                    )
                    new_score = rescored.score
                else:
                    delta = (points - counted.earned) * question.weight
                    new_score = _shifted(theme_score, delta)
                gain = _gain(pack, base, theme.code, new_score)
                gains.append(
                    LevelGain(
                        question.code,
                        level_code,
                        gain.overall,
                        gain.pillar,
                        gain.theme,
                        answer,
                        tuple(follow_ups.items()),
                    )
                )
    return gains


def complete_follow_ups(
    theme: Theme,
    profile: Profile,
    hidden_before: Iterable[str],
    answers: Mapping[str, Answer],
    keep: Iterable[str] = (),
) -> tuple[dict[str, Answer], ThemeScore]:
    """The follow-ups of `theme` hidden before (`hidden_before`) that `answers` reveal,
    each answered at its best (`best_answer`), and the theme scored with them.

    A follow-up answered at its best may reveal follow-ups of its own: they are answered
    at their best too, until nothing more is revealed. Follow-ups already shown keep
    their answer (their own gain is theirs, not counted twice), as do the `keep` codes
    and a follow-up without points (nothing to aim for). Returns (follow-up code ->
    answer, in pack order; the theme's score with `answers` and them).
    """
    hidden = set(hidden_before)
    kept = set(keep)
    path = dict(answers)
    done: set[str] = set()
    answered_best: set[str] = set()
    while True:
        rescored = score_theme(theme, profile, path)
        still_hidden = set(rescored.hidden)
        revealed = [
            question
            for question in theme.questions
            if question.code in hidden
            and question.code not in still_hidden
            and question.code not in done
        ]
        if not revealed:
            break
        for question in revealed:
            done.add(question.code)
            best = best_answer(question)
            if best is not None and question.code not in kept:
                path[question.code] = best
                answered_best.add(question.code)
    # A follow-up revealed on the way by a stale answer of a hidden question, that the
    # best answer hides again, is not part of the path (it changes no score).
    follow_ups = {
        question.code: path[question.code]
        for question in theme.questions
        if question.code in answered_best and question.code not in still_hidden
    }
    return follow_ups, rescored


def best_answer(question: Question) -> Answer | None:
    """An answer earning the question's maximum (the first found on a tie); None for a
    question without points or without an answer that can be given."""
    if not is_scoreable(question):
        return None
    candidates = better_answers(question, None, -math.inf)
    if not candidates:
        return None
    _, answer, _ = max(candidates, key=lambda candidate: candidate[2])
    return answer


def better_answers(
    question: Question, current: Answer | None, earned: float
) -> list[tuple[str, Answer, float]]:
    """(level code, answer, points) for each answer worth more than `earned`."""
    if question.type == MULTIPLE_CHOICE:
        return _better_selections(question, current, earned)
    if question.is_numeric:
        candidates = []
        for band in question.levels:
            value = band_value(question, band)
            if band.points > earned and value is not None:
                candidates.append((band.code, Answer(value=value), band.points))
        return candidates
    return [
        (level.code, Answer(levels=frozenset({level.code})), level.points)
        for level in question.levels
        if level.points > earned
    ]


def band_value(question: Question, band: Level) -> float | None:
    """A value inside the band (its min when it has one); None when none can be given."""
    if question.type == PERCENTAGE:
        value = max(band.min or 0.0, 0.0)
        if value > 100 or (band.max is not None and value >= band.max):
            return None
        return value
    if band.min is not None:
        return band.min
    return band.max - 1.0 if band.max is not None else 0.0


def _better_selections(
    question: Question, current: Answer | None, earned: float
) -> list[tuple[str, Answer, float]]:
    selected = current.levels if current is not None else frozenset()
    keep = frozenset(code for code in selected if not question.level(code).exclusive)
    candidates = []
    for level in question.levels:
        if level.code in keep:
            continue
        selection = frozenset({level.code}) if level.exclusive else keep | {level.code}
        points = question.selection_points(selection)
        if points > earned:
            candidates.append((level.code, Answer(levels=selection), points))
    best = _best_selection(question, keep)
    points = question.selection_points(best)
    if len(best - keep) >= 2 and points > earned:
        candidates.append((BEST_SELECTION, Answer(levels=best), points))
    return candidates


def _best_selection(question: Question, keep: frozenset[str]) -> frozenset[str]:
    """`keep` plus the most valuable other options, until the cap is reached."""
    selection = set(keep)
    additions = sorted(
        (level for level in question.levels if not level.exclusive and level.code not in keep),
        key=lambda level: -level.points,
    )
    for level in additions:
        if (
            level.points <= 0
            or question.selection_points(frozenset(selection)) >= question.max_points
        ):
            break
        selection.add(level.code)
    return frozenset(selection)


def _shifted(theme: ThemeScore, earned_delta: float) -> float | None:
    """The theme's score with `earned_delta` more weighted points; statuses don't move."""
    if theme.status != SCORED:
        return None
    return 100.0 * (theme.earned + earned_delta) / theme.max


def _gain(pack: Pack, base: Result, theme_code: str, new_theme: float | None) -> Gain:
    pillar = pack.pillar(base.themes[theme_code].pillar_code)
    new_pillar = weighted_mean(
        (theme.weight, new_theme if theme.code == theme_code else base.themes[theme.code].score)
        for theme in pillar.themes
    )
    new_overall = weighted_mean(
        (other.weight, new_pillar if other.code == pillar.code else base.pillars[other.code])
        for other in pack.pillars
    )
    return Gain(
        overall=_delta(base.overall, new_overall),
        pillar=_delta(base.pillars[pillar.code], new_pillar),
        theme=_delta(base.themes[theme_code].score, new_theme),
    )


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before
