"""The schedule of a "projects meet funders" session: bilateral meetings put
into time slots and at tables, as plain Python.

Each side lists whom it wants to meet, most wanted first. A meeting between a
project and a funder is worth the sum of what each side gives it (a mutual
wish is worth the most); a pair nobody asked for is never scheduled. The
schedule maximises the total worth under hard constraints that never bend:

- a project or a funder is in at most one meeting per slot, and only in the
  slots it said it is available;
- a pair meets at most once;
- a slot holds no more meetings than there are tables.

This is an integer programme (one 0/1 variable per wished pair and common
slot) solved with CBC through PuLP, a well-kept modeller that ships the
solver, rather than a hand-written search. Tables are given afterwards: a
funder keeps its table from one slot to the next when it can, so that
projects move and funders stay put.
"""

import warnings
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import pulp

# What the n-th wish of a list is worth: the first wish counts most (10),
# from the tenth on a wish counts 1. A wish both sides made gets a bonus that
# puts it above any one-sided wish: mutual interest makes the useful meetings.
MAX_WISHES = 10
MUTUAL_BONUS = MAX_WISHES
# A schedule must be found in seconds; CBC returns its best one by then.
SOLVER_SECONDS = 20


def wish_worth(position: int) -> int:
    """Worth of the wish at ``position`` (0 = most wanted) in a list."""
    return MAX_WISHES - min(position, MAX_WISHES - 1)


@dataclass(frozen=True)
class Meeting:
    project: Hashable
    funder: Hashable
    slot: int
    table: int


@dataclass(frozen=True)
class Session:
    """What the scheduler needs to know about a session.

    ``slots``: how many time slots; ``tables``: how many meetings a slot can
    hold. Availability maps each participant to the slots it can attend
    (absent: every slot). Wishes map each participant to the other side's
    participants it wants to meet, most wanted first.
    """

    slots: int
    tables: int
    project_wishes: Mapping[Hashable, Sequence[Hashable]]
    funder_wishes: Mapping[Hashable, Sequence[Hashable]]
    project_slots: Mapping[Hashable, frozenset[int]] | None = None
    funder_slots: Mapping[Hashable, frozenset[int]] | None = None

    def available(self, project: Hashable, funder: Hashable) -> list[int]:
        every = frozenset(range(self.slots))
        mine = (self.project_slots or {}).get(project, every)
        theirs = (self.funder_slots or {}).get(funder, every)
        return sorted(mine & theirs & every)


def pair_worth(session: Session) -> dict[tuple[Hashable, Hashable], int]:
    """Each wished pair (project, funder) and what it is worth."""
    from_projects = {
        (project, funder): wish_worth(position)
        for project, funders in session.project_wishes.items()
        for position, funder in enumerate(dict.fromkeys(funders))
    }
    from_funders = {
        (project, funder): wish_worth(position)
        for funder, projects in session.funder_wishes.items()
        for position, project in enumerate(dict.fromkeys(projects))
    }
    return {
        pair: from_projects.get(pair, 0)
        + from_funders.get(pair, 0)
        + (MUTUAL_BONUS if pair in from_projects and pair in from_funders else 0)
        for pair in from_projects.keys() | from_funders.keys()
    }


def schedule(session: Session) -> list[Meeting]:
    """The meetings, sorted by slot then table."""
    worth = pair_worth(session)
    choices = {
        (project, funder, slot): value
        for (project, funder), value in sorted(worth.items(), key=repr)
        for slot in session.available(project, funder)
    }
    if not choices or session.tables < 1:
        return []
    problem = pulp.LpProblem("meetings", pulp.LpMaximize)
    meet = {
        key: problem.add_variable(f"m{index}", cat="Binary") for index, key in enumerate(choices)
    }
    problem += pulp.lpSum(value * meet[key] for key, value in choices.items())
    by_project_slot, by_funder_slot, by_pair, by_slot = (defaultdict(list) for _ in range(4))
    for key, variable in meet.items():
        project, funder, slot = key
        by_project_slot[project, slot].append(variable)
        by_funder_slot[funder, slot].append(variable)
        by_pair[project, funder].append(variable)
        by_slot[slot].append(variable)
    for group in (by_project_slot, by_funder_slot, by_pair):
        for variables in group.values():
            if len(variables) > 1:
                problem += pulp.lpSum(variables) <= 1
    for variables in by_slot.values():
        if len(variables) > session.tables:
            problem += pulp.lpSum(variables) <= session.tables
    with warnings.catch_warnings():
        # PuLP 3.3 announces that 4.0 moves CBC to an extra; the pin in
        # pyproject.toml keeps the bundled solver.
        warnings.simplefilter("ignore", DeprecationWarning)
        solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=SOLVER_SECONDS)
    problem.solve(solver)
    chosen = [key for key, variable in meet.items() if (variable.value() or 0) > 0.5]
    return _seat(chosen, session.tables)


def _seat(chosen: list[tuple[Hashable, Hashable, int]], tables: int) -> list[Meeting]:
    """Tables for the chosen meetings: a funder keeps the table it had in the
    previous slot when that table is free, else takes the lowest free one."""
    by_slot: dict[int, list[tuple[Hashable, Hashable]]] = defaultdict(list)
    for project, funder, slot in chosen:
        by_slot[slot].append((project, funder))
    home: dict[Hashable, int] = {}
    meetings = []
    for slot in sorted(by_slot):
        pairs = sorted(by_slot[slot], key=lambda pair: (pair[1] not in home, repr(pair)))
        free = set(range(1, tables + 1))
        for project, funder in pairs:
            table = home.get(funder)
            if table not in free:
                table = min(free)
            free.discard(table)
            home[funder] = table
            meetings.append(Meeting(project, funder, slot, table))
    return sorted(meetings, key=lambda m: (m.slot, m.table))


def total_worth(session: Session, meetings: Sequence[Meeting]) -> int:
    worth = pair_worth(session)
    return sum(worth[m.project, m.funder] for m in meetings)
