"""Measured practice gains, in plain Python (docs/practice-gains.md).

What members who adopted a practice gained, on the questions the practice is
linked to, between the last assessment they submitted before adopting it and
the first they submitted after; against what members who never adopted it
gained between two consecutive assessments, on the same questions.

A question's points are counted as the snapshot stores them: ``lost``, the
overall points the best answer to the question would still add (the results
page's "points to win", docs/adr/0026). What a member gained on a set of
questions is what it lost on them before minus what it loses after, summed over
the questions scored in both assessments, of the same framework (its versions
keep a question's code while the question stays the same; a newer version may
weigh it differently, which adopters and others meet alike).

Each member counts once per practice and framework: an adopter by its one
change around the adoption, a member that never adopted it by the mean of its
changes over consecutive pairs. A figure is kept only when at least
``benchmarks.MIN_OTHERS`` members stand behind each of its two averages.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from levier.engine.benchmarks import may_show


@dataclass(frozen=True)
class Snapshot:
    """One submitted assessment of a member: ``lost`` maps each counted
    question to the overall points its best answer would still add."""

    key: int
    framework: str
    framework_version: int
    taken_at: datetime
    lost: Mapping[str, float]


@dataclass(frozen=True)
class MemberGain:
    """What one member gained on one practice's questions of one framework."""

    practice: int
    framework: str
    adopted: bool
    gain: float


@dataclass(frozen=True)
class PracticeGain:
    """A practice's figure in one framework: how many adopters reassessed and
    their average gain, how many members did not adopt it and theirs."""

    practice: int
    framework: str
    adopters: int
    adopters_average: float
    others: int
    others_average: float


def change(before: Snapshot, after: Snapshot, questions: Iterable[str]) -> float | None:
    """Points gained on ``questions`` from ``before`` to ``after``: None when
    the two are of different frameworks or share none of them."""
    if before.framework != after.framework:
        return None
    common = sorted(
        code
        for code in set(questions)
        if before.lost.get(code) is not None and after.lost.get(code) is not None
    )
    if not common:
        return None
    return math.fsum(before.lost[code] for code in common) - math.fsum(
        after.lost[code] for code in common
    )


def _ordered(snapshots: Iterable[Snapshot]) -> list[Snapshot]:
    return sorted(snapshots, key=lambda s: (s.taken_at, s.key))


def adopter_change(
    snapshots: Iterable[Snapshot], adopted_at: datetime, questions: Iterable[str]
) -> float | None:
    """The change between the last snapshot before ``adopted_at`` and the
    first one after it of the same framework; None without both."""
    ordered = _ordered(snapshots)
    before = next((s for s in reversed(ordered) if s.taken_at < adopted_at), None)
    if before is None:
        return None
    after = next(
        (s for s in ordered if s.taken_at > adopted_at and s.framework == before.framework),
        None,
    )
    return change(before, after, questions) if after is not None else None


def other_change(snapshots: Iterable[Snapshot], questions: Iterable[str]) -> float | None:
    """The mean change over a member's consecutive snapshots (of the same
    framework); None when it has no such pair."""
    questions = frozenset(questions)
    by_framework: dict[str, list[Snapshot]] = defaultdict(list)
    for snapshot in snapshots:
        by_framework[snapshot.framework].append(snapshot)
    changes = []
    for framework in sorted(by_framework):
        ordered = _ordered(by_framework[framework])
        for before, after in pairwise(ordered):
            found = change(before, after, questions)
            if found is not None:
                changes.append(found)
    return math.fsum(changes) / len(changes) if changes else None


def member_gains(
    snapshots: Iterable[Snapshot],
    adopted: Mapping[int, datetime],
    links: Mapping[int, Mapping[str, Iterable[str]]],
) -> list[MemberGain]:
    """One member's gains for every practice of ``links`` (practice -> framework
    -> question codes); ``adopted`` maps the practices it adopted to when it
    first did (an adoption declared, or an action drawn from it done)."""
    by_framework: dict[str, list[Snapshot]] = defaultdict(list)
    for snapshot in snapshots:
        by_framework[snapshot.framework].append(snapshot)
    gains = []
    for practice in sorted(links):
        for framework in sorted(links[practice]):
            own = by_framework.get(framework)
            if not own:
                continue
            questions = links[practice][framework]
            if practice in adopted:
                found = adopter_change(own, adopted[practice], questions)
            else:
                found = other_change(own, questions)
            if found is not None:
                gains.append(MemberGain(practice, framework, practice in adopted, found))
    return gains


def network_figures(gains: Iterable[MemberGain]) -> list[PracticeGain]:
    """The figures of a network from its members' gains (each member's once),
    only those with enough members behind both averages (``may_show``)."""
    groups: dict[tuple[int, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    for gain in gains:
        adopters, others = groups[(gain.practice, gain.framework)]
        (adopters if gain.adopted else others).append(gain.gain)
    figures = []
    for (practice, framework), (adopters, others) in sorted(groups.items()):
        if not (may_show(len(adopters)) and may_show(len(others))):
            continue
        figures.append(
            PracticeGain(
                practice=practice,
                framework=framework,
                adopters=len(adopters),
                adopters_average=math.fsum(adopters) / len(adopters),
                others=len(others),
                others_average=math.fsum(others) / len(others),
            )
        )
    return figures
