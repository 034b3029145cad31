import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from levier.engine.finance.meetings import (
    Session,
    pair_worth,
    schedule,
    total_worth,
    wish_worth,
)


def broken_constraints(session: Session, meetings) -> list[str]:
    """Every hard rule a schedule must keep, checked from the session alone."""
    problems = []
    worth = pair_worth(session)
    project_slots = Counter((m.project, m.slot) for m in meetings)
    funder_slots = Counter((m.funder, m.slot) for m in meetings)
    pairs = Counter((m.project, m.funder) for m in meetings)
    tables = Counter((m.slot, m.table) for m in meetings)
    problems += [f"project twice in a slot: {k}" for k, n in project_slots.items() if n > 1]
    problems += [f"funder twice in a slot: {k}" for k, n in funder_slots.items() if n > 1]
    problems += [f"pair met twice: {k}" for k, n in pairs.items() if n > 1]
    problems += [f"table used twice: {k}" for k, n in tables.items() if n > 1]
    for m in meetings:
        if (m.project, m.funder) not in worth:
            problems.append(f"nobody asked for {m}")
        if m.slot not in session.available(m.project, m.funder):
            problems.append(f"outside availability: {m}")
        if not 1 <= m.table <= session.tables:
            problems.append(f"no such table: {m}")
    return problems


def test_mutual_wish_beats_any_one_sided_wish():
    session = Session(
        slots=1,
        tables=1,
        project_wishes={"p1": ["f1"], "p2": [f"f{i}" for i in range(20)]},
        funder_wishes={"f1": [f"p{i}" for i in range(3, 20)] + ["p2"]},
    )
    worth = pair_worth(session)
    # p2 put f1 last and f1 put p2 last; p1 put f1 first, alone.
    assert worth["p2", "f1"] > worth["p1", "f1"] == wish_worth(0)


def test_one_slot_one_table_goes_to_the_mutual_wish():
    session = Session(
        slots=1,
        tables=1,
        project_wishes={"p1": ["f1"], "p2": ["f1"]},
        funder_wishes={"f1": ["p2"]},
    )
    meetings = schedule(session)
    assert [(m.project, m.funder, m.slot, m.table) for m in meetings] == [("p2", "f1", 0, 1)]


def test_funders_keep_their_table_across_slots():
    session = Session(
        slots=2,
        tables=2,
        project_wishes={"p1": ["f1", "f2"], "p2": ["f1", "f2"]},
        funder_wishes={},
    )
    meetings = schedule(session)
    assert len(meetings) == 4
    tables = {}
    for m in meetings:
        tables.setdefault(m.funder, set()).add(m.table)
    assert all(len(seen) == 1 for seen in tables.values())
    assert broken_constraints(session, meetings) == []


def test_nothing_wished_nothing_scheduled():
    assert schedule(Session(slots=3, tables=3, project_wishes={}, funder_wishes={})) == []


PROJECTS = [f"p{i}" for i in range(5)]
FUNDERS = [f"f{i}" for i in range(4)]


@st.composite
def sessions(draw, projects=PROJECTS, funders=FUNDERS, max_slots=4):
    slots = draw(st.integers(1, max_slots))
    slot_sets = st.frozensets(st.integers(0, slots - 1))
    return Session(
        slots=slots,
        tables=draw(st.integers(1, 4)),
        project_wishes={
            p: draw(st.lists(st.sampled_from(funders), max_size=3, unique=True)) for p in projects
        },
        funder_wishes={
            f: draw(st.lists(st.sampled_from(projects), max_size=3, unique=True)) for f in funders
        },
        project_slots={p: draw(slot_sets) for p in projects if draw(st.booleans())},
        funder_slots={f: draw(slot_sets) for f in funders if draw(st.booleans())},
    )


@settings(max_examples=60, deadline=None)
@given(sessions())
def test_no_constraint_is_ever_broken(session):
    assert broken_constraints(session, schedule(session)) == []


def best_by_brute_force(session: Session) -> int:
    """The best total worth over every subset of (pair, slot) choices."""
    worth = pair_worth(session)
    choices = [
        (project, funder, slot)
        for (project, funder) in worth
        for slot in session.available(project, funder)
    ]
    best = 0
    for size in range(len(choices) + 1):
        for chosen in itertools.combinations(choices, size):
            projects = Counter((p, s) for p, _, s in chosen)
            funders = Counter((f, s) for _, f, s in chosen)
            pairs = Counter((p, f) for p, f, _ in chosen)
            per_slot = Counter(s for _, _, s in chosen)
            if (
                max(projects.values(), default=0) <= 1
                and max(funders.values(), default=0) <= 1
                and max(pairs.values(), default=0) <= 1
                and max(per_slot.values(), default=0) <= session.tables
            ):
                best = max(best, sum(worth[p, f] for p, f, _ in chosen))
    return best


@settings(max_examples=40, deadline=None)
@given(sessions(projects=["p0", "p1", "p2"], funders=["f0", "f1"], max_slots=2))
def test_the_schedule_is_as_good_as_the_best_possible(session):
    worth = pair_worth(session)
    choices = sum(len(session.available(p, f)) for p, f in worth)
    if choices > 10:  # keeps the brute force small
        return
    assert total_worth(session, schedule(session)) == best_by_brute_force(session)
