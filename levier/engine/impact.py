"""What each counted question weighs in the overall score: strengths and gaps.

A question's *gain* is defined here, once, for every place that shows or stores it (the
results page's "where the most points are to win", where-to-start, the score lines kept
at submission and the network's improvement report): the overall score points won by
reaching the question's best path, i.e. its best better level together with the
follow-ups that level reveals, answered at their best (`whatif.all_gains`). It equals
rescoring the assessment with that path, and is 0 when no better answer raises the
overall score (docs/adr/0026).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from levier.engine.answers import Answer
from levier.engine.packs import Pack
from levier.engine.profile import Profile
from levier.engine.scoring import SCORED, Result, score
from levier.engine.whatif import LevelGain, all_gains


@dataclass(frozen=True)
class QuestionImpact:
    """A counted question's points, in overall score points.

    `earned` is its share of the overall score; `to_win` its gain (see the module doc).
    The `earned` of all questions add up to the overall score.
    """

    code: str
    earned: float
    to_win: float


def best_paths(
    pack: Pack, profile: Profile, answers: Mapping[str, Answer], result: Result | None = None
) -> dict[str, LevelGain]:
    """Per counted question with a positive gain, the path that wins most (the first
    candidate of `all_gains` on a tie); `result` is score() of `answers` when known."""
    base = result if result is not None else score(pack, profile, answers)
    best: dict[str, LevelGain] = {}
    for gain in all_gains(pack, profile, answers, base):
        if gain.overall is None or gain.overall <= 0:
            continue
        current = best.get(gain.question_code)
        if current is None or gain.overall > current.overall:
            best[gain.question_code] = gain
    return best


def question_gains(
    pack: Pack, profile: Profile, answers: Mapping[str, Answer], result: Result | None = None
) -> dict[str, float]:
    """The gain of every counted question, in pack order (0 when nothing is to win)."""
    base = result if result is not None else score(pack, profile, answers)
    paths = best_paths(pack, profile, answers, base)
    return {code: paths[code].overall if code in paths else 0.0 for code in base.questions}


def points_to_win(
    pack: Pack,
    profile: Profile,
    answers: Mapping[str, Answer],
    question_code: str,
    result: Result | None = None,
) -> float:
    """The gain of one question (0 if it is not counted)."""
    return question_gains(pack, profile, answers, result).get(question_code, 0.0)


def overall_points_per_theme_point(pack: Pack, result: Result, theme_code: str) -> float:
    """Overall score points per weighted point earned in the theme (0 when unscored)."""
    theme = result.themes[theme_code]
    if theme.status != SCORED:
        return 0.0
    pillar = pack.pillar(theme.pillar_code)
    scored_theme_weight = sum(
        other.weight for other in pillar.themes if result.themes[other.code].status == SCORED
    )
    scored_pillar_weight = sum(
        other.weight for other in pack.pillars if result.pillars[other.code] is not None
    )
    theme_weight = pack.theme(theme_code).weight
    return (
        100.0
        / theme.max
        * (theme_weight / scored_theme_weight)
        * (pillar.weight / scored_pillar_weight)
    )


def question_impacts(
    pack: Pack,
    profile: Profile,
    answers: Mapping[str, Answer],
    result: Result | None = None,
    gains: Mapping[str, float] | None = None,
) -> list[QuestionImpact]:
    """The impact of every counted question, in pack order; `gains` are
    `question_gains` of these answers when already known (stored at submission)."""
    base = result if result is not None else score(pack, profile, answers)
    if gains is None:
        gains = question_gains(pack, profile, answers, base)
    impacts = []
    for theme in base.themes.values():
        factor = overall_points_per_theme_point(pack, base, theme.code)
        for question in theme.questions:
            impacts.append(
                QuestionImpact(
                    code=question.code,
                    earned=question.earned * question.weight * factor,
                    to_win=gains[question.code],
                )
            )
    return impacts


def biggest_gaps(
    impacts: Iterable[QuestionImpact], limit: int | None = None
) -> list[QuestionImpact]:
    """The questions with something to win, largest gain first (pack order on a tie)."""
    gaps = sorted((impact for impact in impacts if impact.to_win > 0), key=lambda i: -i.to_win)
    return gaps[:limit]


def strengths(impacts: Iterable[QuestionImpact], limit: int | None = None) -> list[QuestionImpact]:
    """The questions that earn something, largest share first (pack order on a tie)."""
    strong = sorted((impact for impact in impacts if impact.earned > 0), key=lambda i: -i.earned)
    return strong[:limit]
