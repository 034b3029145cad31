"""Where to start: ranked suggestions of actions, drawn from the good-practice library.

A suggestion moves one question to a better level. Its gain is exact: it comes from
`whatif.all_gains`, so it equals rescoring the assessment with the target answer and the
follow-ups it reveals answered at their best (`Suggestion.follow_ups`): the same
definition as the results page's points to win (`impact`, docs/adr/0026).

Ranking (`score` of a suggestion):

    gain.overall / EFFORT_WEIGHT[effort] * COST_FACTOR[cost] * (1 + PEER_BONUS * ln(1 + n))

where effort, cost and n (`adopters_similar`) are those of the suggestion's first
practice, the easiest one (least effort, then least cost, then most similar adopters).
A low-effort action needs 2.5 times less gain than a medium one to rank the same, 6
times less than a high one; cost brakes less than effort; ten similar adopters add about
24 %. A "plain" suggestion (no practice) ranks as medium effort and medium cost. Ties
are broken by question code, then level code.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from levier.engine.answers import earned_points, is_answered
from levier.engine.packs import Pack, Question
from levier.engine.profile import Profile
from levier.engine.scoring import Answer, InvalidAnswer, Result, score, validate_answer
from levier.engine.whatif import BEST_SELECTION, Gain, LevelGain, all_gains

# Divides the overall gain: the effort an action takes, relative to a low one.
EFFORT_WEIGHT = {"low": 1.0, "medium": 2.5, "high": 6.0}
# Multiplies the overall gain: money is a brake, but a smaller one than effort.
COST_FACTOR = {"none": 1.0, "low": 0.9, "medium": 0.75, "high": 0.55}
EFFORTS, COSTS = tuple(EFFORT_WEIGHT), tuple(COST_FACTOR)
# Peer adoption bonus: × (1 + PEER_BONUS × ln(1 + adopters_similar)).
PEER_BONUS = 0.1
# How a plain suggestion (no practice known) is ranked.
PLAIN_EFFORT, PLAIN_COST = "medium", "medium"

# A quick win: low effort, no or low cost, and at least this many overall score points.
QUICK_WIN_MIN_GAIN = 0.5
QUICK_WIN_COSTS = ("none", "low")
PEERS_MIN_ADOPTERS = 3  # "peers do it" from this many adopters of the same size
BIGGEST_GAIN_COUNT = 3  # "biggest gain" for this many largest overall gains

# Reason codes, first that holds wins (see `_reason`); the Django layer translates them.
QUICK_WIN, PEERS_DO_IT, BIGGEST_GAIN = "quick_win", "peers_do_it", "biggest_gain"
PILLAR_BALANCE, GAIN = "pillar_balance", "gain"


@dataclass(frozen=True)
class PracticeOption:
    """A practice reaching `level_code` on `question_code` (multiple_choice: an option to add)."""

    practice_id: str
    question_code: str
    level_code: str
    effort: str
    cost: str
    adopters_similar: int = 0
    adopters_total: int = 0

    def __post_init__(self) -> None:
        if self.effort not in EFFORT_WEIGHT:
            raise ValueError(f"unknown effort {self.effort!r} (one of {EFFORTS})")
        if self.cost not in COST_FACTOR:
            raise ValueError(f"unknown cost {self.cost!r} (one of {COSTS})")
        if self.adopters_similar < 0 or self.adopters_total < 0:
            raise ValueError("adopter counts cannot be negative")


@dataclass(frozen=True)
class Suggestion:
    """Move `question_code` from `current_level` to `target_level`.

    `current_level` is None when the question is unanswered, when a value falls in no
    band, or when several multiple_choice options are selected. `target_answer` is the
    answer that reaches the target (for multiple_choice: the current selection plus the
    option, or the exclusive option alone); `gain` is exact for it together with
    `follow_ups`, the follow-ups it reveals answered at their best (code, answer).
    `reason` is a code and its parameters, e.g. ("peers_do_it", {"adopters": 4}).
    """

    question_code: str
    theme_code: str
    pillar_code: str
    current_level: str | None
    target_level: str
    gain: Gain
    practices: tuple[PracticeOption, ...]
    effort: str | None
    cost: str | None
    score: float
    reason: tuple[str, dict[str, object]]
    target_answer: Answer
    follow_ups: tuple[tuple[str, Answer], ...] = ()


def rank_score(gain: float, effort: str, cost: str, adopters_similar: int = 0) -> float:
    """The ranking key of an action worth `gain` overall points (see the module doc)."""
    peers = 1.0 + PEER_BONUS * math.log1p(adopters_similar)
    return gain / EFFORT_WEIGHT[effort] * COST_FACTOR[cost] * peers


def suggest(
    pack: Pack,
    profile: Profile,
    answers: Mapping[str, Answer],
    practices: Iterable[PracticeOption],
    *,
    result: Result | None = None,
    include_without_practice: bool = False,
    plain_questions: Iterable[str] = (),
    per_question: int = 1,
) -> list[Suggestion]:
    """Suggestions, best score first; `result` is score() of `answers` when known.

    Candidates are the better levels `whatif.all_gains` finds: counted questions only
    (they apply, are shown, are not answered N/A), each level worth more points than
    the current answer. A practice counts for the exact level it declares; practices
    for other levels, other questions or unknown codes are dropped. A question that
    no practice helps gets plain suggestions (one per better level, multiple_choice
    options one at a time) only with `include_without_practice`, or when it is one of
    `plain_questions` (questions whose practices are all meant for organisations of
    another size or sector: the gain stays worth suggesting). A candidate that
    would not raise the overall score is dropped (a theme without a score). At most
    `per_question` suggestions per question are kept, the best-scored ones.
    """
    if per_question < 1:
        raise ValueError("per_question must be at least 1")
    base = result if result is not None else score(pack, profile, answers)
    gains = {(g.question_code, g.level_code): g for g in all_gains(pack, profile, answers, base)}
    reaching: dict[tuple[str, str], dict[str, PracticeOption]] = defaultdict(dict)
    for option in sorted(practices, key=_practice_key):
        key = (option.question_code, option.level_code)
        if key in gains and option.level_code != BEST_SELECTION:
            reaching[key].setdefault(option.practice_id, option)
    helped = {question_code for question_code, _ in reaching}
    plain = frozenset(plain_questions)
    candidates: dict[str, list[Suggestion]] = defaultdict(list)
    for (question_code, level_code), level_gain in gains.items():
        options = tuple(reaching.get((question_code, level_code), {}).values())
        if not options and (
            not (include_without_practice or question_code in plain)
            or question_code in helped
            or level_code == BEST_SELECTION
        ):
            continue
        if level_gain.overall is None or level_gain.overall <= 0:
            continue
        question = pack.question(question_code)
        candidates[question_code].append(
            _suggestion(question, answers.get(question_code), level_gain, options)
        )
    kept = [
        suggestion
        for found in candidates.values()
        for suggestion in sorted(found, key=_rank_key)[:per_question]
    ]
    kept.sort(key=_rank_key)
    return _with_reasons(kept, base)


def _practice_key(p: PracticeOption) -> tuple:
    """Best practice first: least effort, then least cost, then most similar adopters."""
    return (EFFORT_WEIGHT[p.effort], -COST_FACTOR[p.cost], -p.adopters_similar, p.practice_id)


def _rank_key(suggestion: Suggestion) -> tuple:
    return (-suggestion.score, suggestion.question_code, suggestion.target_level)


def _suggestion(
    question: Question,
    current: Answer | None,
    level_gain: LevelGain,
    options: tuple[PracticeOption, ...],
) -> Suggestion:
    first = options[0] if options else None
    effort, cost = (first.effort, first.cost) if first else (PLAIN_EFFORT, PLAIN_COST)
    adopters = first.adopters_similar if first else 0
    return Suggestion(
        question_code=question.code,
        theme_code=question.theme_code,
        pillar_code=question.pillar_code,
        current_level=current_level(question, current),
        target_level=level_gain.level_code,
        gain=Gain(level_gain.overall, level_gain.pillar, level_gain.theme),
        practices=options,
        effort=first.effort if first else None,
        cost=first.cost if first else None,
        score=rank_score(level_gain.overall or 0.0, effort, cost, adopters),
        reason=(GAIN, {}),
        target_answer=level_gain.answer,
        follow_ups=level_gain.follow_ups,
    )


def current_level(question: Question, answer: Answer | None) -> str | None:
    """The level code of an answer (see `Suggestion`), None when there is not one."""
    if not is_answered(question, answer):
        return None
    if question.is_numeric:
        band = question.band_for(answer.value)
        return band.code if band is not None else None
    return next(iter(answer.levels)) if len(answer.levels) == 1 else None


def is_quick_win(suggestion: Suggestion) -> bool:
    """Low effort, no or low cost, and at least QUICK_WIN_MIN_GAIN overall points."""
    return (
        suggestion.effort == "low"
        and suggestion.cost in QUICK_WIN_COSTS
        and (suggestion.gain.overall or 0.0) >= QUICK_WIN_MIN_GAIN
    )


def _with_reasons(suggestions: list[Suggestion], base: Result) -> list[Suggestion]:
    by_gain = sorted(
        suggestions, key=lambda s: (-(s.gain.overall or 0.0), s.question_code, s.target_level)
    )
    ranks = {
        (s.question_code, s.target_level): rank
        for rank, s in enumerate(by_gain[:BIGGEST_GAIN_COUNT], start=1)
    }
    scored = sorted((value, code) for code, value in base.pillars.items() if value is not None)
    weakest = scored[0][1] if len(scored) >= 2 else None
    return [replace(s, reason=_reason(s, ranks, weakest)) for s in suggestions]


def _reason(
    suggestion: Suggestion, ranks: Mapping[tuple[str, str], int], weakest: str | None
) -> tuple[str, dict[str, object]]:
    """The first reason that holds, in this order:

    quick_win: a quick win (`is_quick_win`); peers_do_it: one of its practices has at
    least PEERS_MIN_ADOPTERS adopters of the same size; biggest_gain: among the
    BIGGEST_GAIN_COUNT largest overall gains of the list; pillar_balance: its pillar
    has the lowest score (when two pillars or more have one); gain otherwise.
    """
    gain = suggestion.gain.overall
    if is_quick_win(suggestion):
        return QUICK_WIN, {"gain": gain, "effort": suggestion.effort, "cost": suggestion.cost}
    adopters = max((option.adopters_similar for option in suggestion.practices), default=0)
    if adopters >= PEERS_MIN_ADOPTERS:
        return PEERS_DO_IT, {"adopters": adopters}
    rank = ranks.get((suggestion.question_code, suggestion.target_level))
    if rank is not None:
        return BIGGEST_GAIN, {"gain": gain, "rank": rank}
    if suggestion.pillar_code == weakest:
        return PILLAR_BALANCE, {"pillar": weakest}
    return GAIN, {"gain": gain}


def quick_wins(suggestions: Iterable[Suggestion], limit: int = 3) -> list[Suggestion]:
    """The quick wins (`is_quick_win`), largest overall gain first."""
    wins = [s for s in suggestions if is_quick_win(s)]
    wins.sort(key=lambda s: (-(s.gain.overall or 0.0), *_rank_key(s)))
    return wins[: max(limit, 0)]


def balanced_top(suggestions: Iterable[Suggestion], limit: int = 10) -> list[Suggestion]:
    """The top `limit` suggestions, with every pillar that has some represented.

    Rule: first the best suggestion of each pillar, pillars taken by their best score
    (so when `limit` is smaller than the number of pillars, the best pillars win); then
    the remaining places go to the best-scored suggestions left. The result is sorted
    by score. A suggestion that owes its place to the first step (it would not be in
    the plain top `limit`) and had only the generic "gain" reason gets
    ("pillar_balance", {"pillar": code}).
    """
    ranked = sorted(suggestions, key=_rank_key)
    if limit <= 0:
        return []
    firsts: dict[str, int] = {}
    for index, suggestion in enumerate(ranked):
        firsts.setdefault(suggestion.pillar_code, index)
    chosen = list(firsts.values())[:limit]
    taken = set(chosen)
    chosen += [index for index in range(len(ranked)) if index not in taken][: limit - len(chosen)]
    top = []
    for index in sorted(chosen):
        suggestion = ranked[index]
        if index >= limit and suggestion.reason[0] == GAIN:
            balance = (PILLAR_BALANCE, {"pillar": suggestion.pillar_code})
            suggestion = replace(suggestion, reason=balance)
        top.append(suggestion)
    return top


def filter_suggestions(
    suggestions: Iterable[Suggestion],
    *,
    pillar: str | None = None,
    effort: str | None = None,
    cost: str | None = None,
) -> list[Suggestion]:
    """The suggestions matching every criterion given (plain ones have no effort or cost)."""
    return [
        s
        for s in suggestions
        if (pillar is None or s.pillar_code == pillar)
        and (effort is None or s.effort == effort)
        and (cost is None or s.cost == cost)
    ]


@dataclass(frozen=True)
class ProjectedScores:
    """Scores before and after a plan; `answers` are the answers scored "after" and
    `applied` the questions whose answer the plan changed, in pack order."""

    overall_before: float | None
    overall_after: float | None
    pillars_before: dict[str, float | None]
    pillars_after: dict[str, float | None]
    themes_before: dict[str, float | None]
    themes_after: dict[str, float | None]
    answers: dict[str, Answer]
    applied: tuple[str, ...]

    @property
    def overall_gain(self) -> float | None:
        before, after = self.overall_before, self.overall_after
        return None if before is None or after is None else after - before


def plan_projection(
    pack: Pack,
    profile: Profile,
    answers: Mapping[str, Answer],
    targets: Mapping[str, Answer] | Iterable[tuple[str, Answer]],
    *,
    result: Result | None = None,
) -> ProjectedScores:
    """The scores if the target answers (question code -> answer, or pairs when several
    actions target a question) were all reached.

    Each question counts once, at its best target: the one earning most points (the
    first given on a tie). A target replaces the current answer only when it earns
    more points, so no question is ever lowered. Targets that give no level (N/A,
    empty), targets on a question answered N/A and unknown question codes are ignored;
    an answer the question does not accept raises InvalidAnswer. For multiple_choice,
    a target is a whole selection: pass `Suggestion.target_answer`, which keeps the
    current options. `result` is score() of `answers` when known.
    """
    pairs = targets.items() if isinstance(targets, Mapping) else targets
    best: dict[str, tuple[float, Answer]] = {}
    for code, target in pairs:
        try:
            question = pack.question(code)
        except KeyError:
            continue
        error = validate_answer(question, target)
        if error is not None:
            raise InvalidAnswer(code, error)
        current = answers.get(code)
        if not is_answered(question, target) or (current is not None and current.na):
            continue
        points = earned_points(question, target)
        floor = earned_points(question, current) if is_answered(question, current) else 0.0
        if points > floor and (code not in best or points > best[code][0]):
            best[code] = (points, target)
    merged = {**answers, **{code: target for code, (_, target) in best.items()}}
    before = result if result is not None else score(pack, profile, answers)
    after = score(pack, profile, merged)
    return ProjectedScores(
        overall_before=before.overall,
        overall_after=after.overall,
        pillars_before=dict(before.pillars),
        pillars_after=dict(after.pillars),
        themes_before={code: theme.score for code, theme in before.themes.items()},
        themes_after={code: theme.score for code, theme in after.themes.items()},
        answers=merged,
        applied=tuple(q.code for q in pack.questions if q.code in best),
    )
