"""Which funders fit a project seeking funding, and why, as plain Python.

A funder fits a project when every criterion the funder states holds: the
amount sought is within its ticket range, one of the project's accepted
instruments is one it offers, the project's stage is one it finances, the
project works on one of its themes and in one of its territories, and the
project's organisation meets its eligibility conditions. A criterion the
funder leaves empty does not restrict (a national fund lists no territory).

Every check gives a `Reason`: the criteria that hold are the reasons a funder
fits, the ones that fail are what blocks it. Nothing is weighted in secret:
the order of the funders that fit (`rank`) counts the criteria they state
precisely and that hold (a theme fund that names your theme before a
generalist fund), then how close the amount is to the middle of the ticket.
"""

from collections.abc import Hashable
from dataclasses import dataclass, field
from enum import StrEnum


class Criterion(StrEnum):
    TICKET = "ticket"
    INSTRUMENT = "instrument"
    STAGE = "stage"
    THEME = "theme"
    TERRITORY = "territory"
    SIZE = "size"
    ESUS = "esus"
    ACCOMPANIED = "accompanied"


@dataclass(frozen=True)
class ProjectFacts:
    """What the rules read of a project and of the organisation behind it."""

    amount_sought: int  # euros
    instruments: frozenset[str]
    stage: str
    themes: frozenset[str]
    region: str  # INSEE region code of the project's territory
    size_band: str
    esus: bool = False  # holds the ESUS approval (entreprise solidaire d'utilité sociale)
    accompanied_by: frozenset[str] = frozenset()  # accelerators / support programmes


@dataclass(frozen=True)
class FunderFacts:
    """A funder's stated criteria; an empty collection means "any"."""

    ticket_min: int | None = None
    ticket_max: int | None = None
    instruments: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    size_bands: frozenset[str] = frozenset()
    requires_esus: bool = False
    # The project must be accompanied by one of these (e.g. a partner accelerator).
    requires_accompanied_by: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reason:
    criterion: Criterion
    holds: bool
    # Whether the funder stated the criterion (an unstated one always holds
    # and says nothing about the fit).
    stated: bool
    # The values that matched or were expected, for the sentence shown to people.
    detail: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def fits(self) -> bool:
        return all(reason.holds for reason in self.reasons)

    @property
    def why(self) -> tuple[Reason, ...]:
        """The stated criteria that hold: why this funder fits."""
        return tuple(r for r in self.reasons if r.holds and r.stated)

    @property
    def blockers(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if not r.holds)


def _within_ticket(project: ProjectFacts, funder: FunderFacts) -> Reason:
    stated = funder.ticket_min is not None or funder.ticket_max is not None
    low = funder.ticket_min if funder.ticket_min is not None else 0
    high = funder.ticket_max
    holds = project.amount_sought >= low and (high is None or project.amount_sought <= high)
    detail = (str(low), "" if high is None else str(high))
    return Reason(Criterion.TICKET, holds, stated, detail)


def _overlap(criterion: Criterion, wanted: frozenset[str], offered: frozenset[str]) -> Reason:
    if not offered:
        return Reason(criterion, True, False)
    common = wanted & offered
    return Reason(criterion, bool(common), True, tuple(sorted(common or offered)))


def _member_of(criterion: Criterion, value: str, allowed: frozenset[str]) -> Reason:
    if not allowed:
        return Reason(criterion, True, False)
    return Reason(
        criterion, value in allowed, True, (value,) if value in allowed else tuple(sorted(allowed))
    )


def match(project: ProjectFacts, funder: FunderFacts) -> Match:
    """Every criterion checked, in a fixed order, whether it holds or not."""
    accompanied = _overlap(
        Criterion.ACCOMPANIED, project.accompanied_by, funder.requires_accompanied_by
    )
    esus = Reason(Criterion.ESUS, project.esus or not funder.requires_esus, funder.requires_esus)
    return Match(
        (
            _within_ticket(project, funder),
            _overlap(Criterion.INSTRUMENT, project.instruments, funder.instruments),
            _member_of(Criterion.STAGE, project.stage, funder.stages),
            _overlap(Criterion.THEME, project.themes, funder.themes),
            _member_of(Criterion.TERRITORY, project.region, funder.regions),
            _member_of(Criterion.SIZE, project.size_band, funder.size_bands),
            esus,
            accompanied,
        )
    )


def _closeness(project: ProjectFacts, funder: FunderFacts) -> float:
    """0 at the middle of the ticket range, growing towards its ends (lower is better)."""
    if funder.ticket_min is None or funder.ticket_max is None:
        return 1.0
    width = max(funder.ticket_max - funder.ticket_min, 1)
    middle = (funder.ticket_min + funder.ticket_max) / 2
    return abs(project.amount_sought - middle) / width


def rank(
    project: ProjectFacts, funders: dict[Hashable, FunderFacts]
) -> list[tuple[Hashable, Match]]:
    """The funders that fit first (most precise first), then those that do not
    (fewest blockers first); ties in the order given."""
    checked = [(key, match(project, facts), facts) for key, facts in funders.items()]
    fitting = [c for c in checked if c[1].fits]
    others = [c for c in checked if not c[1].fits]
    fitting.sort(key=lambda c: (-len(c[1].why), _closeness(project, c[2])))
    others.sort(key=lambda c: len(c[1].blockers))
    return [(key, found) for key, found, _ in fitting + others]
