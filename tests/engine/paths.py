"""Checks of a gain's path (an answer plus the follow-ups it reveals, answered at their
best) written with tests/engine/reference.py only, not with the engine."""

from __future__ import annotations

from levier.engine.answers import Answer
from levier.engine.packs import Pack
from levier.engine.profile import Profile
from tests.engine import reference


def revealed(
    pack: Pack, profile: Profile, before: dict[str, Answer], after: dict[str, Answer]
) -> set[str]:
    """Follow-ups hidden by their condition under `before`, shown under `after`."""
    return {
        question.code
        for question in pack.questions
        if question.condition is not None
        and reference.rule_holds(question.rule, profile)
        and not reference.visible(question, pack, profile, before)
        and reference.visible(question, pack, profile, after)
    }


def assert_path_is_best(
    pack: Pack,
    profile: Profile,
    answers: dict[str, Answer],
    code: str,
    target: Answer,
    follow_ups: dict[str, Answer],
) -> dict[str, Answer]:
    """The follow-ups are exactly those the path reveals that can earn points, each at
    its maximum; returns the answers the path leads to."""
    path = {**answers, code: target, **follow_ups}
    worth_points = {
        c
        for c in revealed(pack, profile, answers, path)
        if reference.best_points(pack.question(c)) > 0
    }
    assert set(follow_ups) == worth_points
    for follow_up, answer in follow_ups.items():
        question = pack.question(follow_up)
        assert reference.points(question, answer) == reference.best_points(question)
    return path
