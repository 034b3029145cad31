"""What each counted question weighs in the overall score: strengths and gaps."""

from __future__ import annotations

from dataclasses import dataclass

from levier.engine.packs import Pack
from levier.engine.scoring import SCORED, Result


@dataclass(frozen=True)
class QuestionImpact:
    """A counted question's points, in overall score points.

    `earned` is its share of the overall score; `to_win` what the overall score would
    gain if it earned its maximum, everything else unchanged. The `earned` of all
    questions add up to the overall score.
    """

    code: str
    earned: float
    to_win: float


def overall_points_per_theme_point(pack: Pack, result: Result, theme_code: str) -> float:
    """Overall score points per weighted point earned in the theme (0 when unscored).

    Earning more in a counted question changes neither the theme's maximum nor any
    status, so this factor is exact for such a change.
    """
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


def question_impacts(pack: Pack, result: Result) -> list[QuestionImpact]:
    """The impact of every counted question, in pack order."""
    impacts = []
    for theme in result.themes.values():
        factor = overall_points_per_theme_point(pack, result, theme.code)
        for question in theme.questions:
            impacts.append(
                QuestionImpact(
                    code=question.code,
                    earned=question.earned * question.weight * factor,
                    to_win=(question.max - question.earned) * question.weight * factor,
                )
            )
    return impacts


def points_to_win(pack: Pack, result: Result, question_code: str) -> float:
    """Overall score points won if the question earned its maximum (0 if not counted)."""
    question = result.questions.get(question_code)
    if question is None:
        return 0.0
    theme_code = pack.question(question_code).theme_code
    factor = overall_points_per_theme_point(pack, result, theme_code)
    return (question.max - question.earned) * question.weight * factor


def biggest_gaps(pack: Pack, result: Result, limit: int | None = None) -> list[QuestionImpact]:
    gaps = sorted(
        (impact for impact in question_impacts(pack, result) if impact.to_win > 0),
        key=lambda impact: -impact.to_win,
    )
    return gaps[:limit]


def strengths(pack: Pack, result: Result, limit: int | None = None) -> list[QuestionImpact]:
    strong = sorted(
        (impact for impact in question_impacts(pack, result) if impact.earned > 0),
        key=lambda impact: -impact.earned,
    )
    return strong[:limit]
