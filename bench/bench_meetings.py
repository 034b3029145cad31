"""Benchmark: the schedule of a projects-meet-funders session (issue: 100 projects,
40 funders, 12 slots, "under a few seconds").

Random wishes (each project names 5 funders, each funder 15 projects), 80% of
the slots available to each participant, one table per funder. Prints the
solver's time, the meetings scheduled, and the total worth against a greedy
schedule computed in the same run (the plain loop a hand-written tool would
use: best pairs first, first slot that fits), checked for broken constraints.

    .venv/bin/python bench/bench_meetings.py [--projects 100] [--funders 40] [--slots 12]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from levier.engine.finance.meetings import Session, pair_worth, schedule, total_worth


def greedy(session: Session) -> list[tuple]:
    busy, met, per_slot, chosen = set(), set(), Counter(), []
    for (project, funder), _ in sorted(pair_worth(session).items(), key=lambda kv: -kv[1]):
        for slot in session.available(project, funder):
            if (
                (project, slot) not in busy
                and (funder, slot) not in busy
                and (project, funder) not in met
                and per_slot[slot] < session.tables
            ):
                busy |= {(project, slot), (funder, slot)}
                met.add((project, funder))
                per_slot[slot] += 1
                chosen.append((project, funder, slot))
                break
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--funders", type=int, default=40)
    parser.add_argument("--slots", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    projects = [f"p{i}" for i in range(args.projects)]
    funders = [f"f{i}" for i in range(args.funders)]
    slots = range(args.slots)

    def availability():
        return frozenset(s for s in slots if rng.random() < 0.8)

    session = Session(
        slots=args.slots,
        tables=args.funders,
        project_wishes={p: rng.sample(funders, min(5, len(funders))) for p in projects},
        funder_wishes={f: rng.sample(projects, min(15, len(projects))) for f in funders},
        project_slots={p: availability() for p in projects},
        funder_slots={f: availability() for f in funders},
    )
    wished = len(pair_worth(session))

    started = time.perf_counter()
    baseline = greedy(session)
    greedy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    meetings = schedule(session)
    solver_seconds = time.perf_counter() - started

    busy = Counter((m.project, m.slot) for m in meetings) + Counter(
        (m.funder, m.slot) for m in meetings
    )
    broken = sum(n > 1 for n in busy.values())
    greedy_worth = sum(pair_worth(session)[p, f] for p, f, _ in baseline)
    print(f"{args.projects} projects x {args.funders} funders x {args.slots} slots")
    print(f"wished pairs: {wished}")
    worth = total_worth(session, meetings)
    print(f"solver: {solver_seconds:.2f} s, {len(meetings)} meetings, worth {worth}")
    print(f"greedy loop: {greedy_seconds * 1000:.1f} ms, {len(baseline)} meetings,", end=" ")
    print(f"worth {greedy_worth}")
    print(f"solver time / greedy time: {solver_seconds / max(greedy_seconds, 1e-9):.0f}x")
    print(f"worth solver / greedy: {worth / max(greedy_worth, 1):.3f}")
    print(f"participants double-booked: {broken}")


if __name__ == "__main__":
    main()
