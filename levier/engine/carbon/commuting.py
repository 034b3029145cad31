"""A commuting survey's answers -> the year's distances by mode, mode shares,
and what remote work and car-pooling could save.

Each answer is one employee's usual week: how far they live (one way), how
they come, how many days they come to the site and how many they work
remotely. A year is ``weeks_per_year`` such weeks.

Two kinds of km come out, because a shared car is counted differently from
the people in it:

- *travelled* km: what people travel, there and back on each day on site
  (``2 × distance × days on site × weeks``): mode shares by km use these;
- *counted* km: what the mode's emission factor is applied to. Per person it
  is the travelled km, except for car-pooling, where each person counts their
  part of the car's km. Levier's convention (not a published figure): a
  shared car carries ``CARPOOL_OCCUPANCY`` = 2 people, so a car-pooler counts
  half the distance. Cars and motorbikes' factors are per vehicle.km, public
  transport's per passenger.km: counted km are in the unit of each mode's
  factor.

When fewer people answered than the headcount, every answer stands for
``headcount / answers`` people (the scale factor), and every km figure is
scaled by it; counts of people stay counts of answers.

Plain Python, no Django: the mode codes are those of
``levier.carbon.models.CommuteMode``.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CAR = "car"
CARPOOL = "carpool"
MOTORBIKE = "motorbike"
BUS = "bus"
TRAM_METRO = "tram_metro"
TRAIN = "train"
BIKE = "bike"
EBIKE = "ebike"
WALK = "walk"
MODES: tuple[str, ...] = (CAR, CARPOOL, MOTORBIKE, BUS, TRAM_METRO, TRAIN, BIKE, EBIKE, WALK)
# Modes moved by an engine, those a remote day is proposed for. An electric
# bicycle is assisted, not motorised: it is counted with the active modes.
MOTORISED = frozenset({CAR, CARPOOL, MOTORBIKE, BUS, TRAM_METRO, TRAIN})

# Levier's conventions (not published figures): a shared car carries two
# people; one more remote day is proposed to those who come at least two days.
CARPOOL_OCCUPANCY = 2
REMOTE_MIN_DAYS = 2
DAYS_IN_WEEK = 7
WEEKS_IN_YEAR = 53


@dataclass(frozen=True)
class Answer:
    """One employee's answer."""

    distance_km: float  # home to site, one way
    mode: str  # a code of MODES
    days_on_site: float  # per week
    remote_days: float = 0.0  # per week

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"unknown commuting mode: {self.mode}")
        if not (math.isfinite(self.distance_km) and self.distance_km >= 0):
            raise ValueError("a commuting distance is a positive number of km")
        for days in (self.days_on_site, self.remote_days):
            if not 0 <= days <= DAYS_IN_WEEK:
                raise ValueError(f"days a week are between 0 and {DAYS_IN_WEEK}")


def travelled_km(answer: Answer, weeks_per_year: float) -> float:
    """The km one person travels in a year: there and back on each day on site."""
    return 2 * answer.distance_km * answer.days_on_site * weeks_per_year


def counted_km(answer: Answer, weeks_per_year: float) -> float:
    """The km the mode's factor counts for one person in a year: a car-pooler
    counts their part of the shared car's km."""
    km = travelled_km(answer, weeks_per_year)
    return km / CARPOOL_OCCUPANCY if answer.mode == CARPOOL else km


def scale(answers: int, headcount: int | None) -> float:
    """How many people each answer stands for: the headcount over the answers
    when fewer answered, else 1 (nobody is scaled down)."""
    if headcount and 0 < answers < headcount:
        return headcount / answers
    return 1.0


@dataclass(frozen=True)
class ModeFigures:
    """One mode's year, for the whole headcount."""

    mode: str
    people: int  # answers
    people_share: float  # of the answers, 0..1
    travelled_km: float  # what its users travel (person.km)
    km_share: float  # of all the travelled km, 0..1
    km: float  # counted km: what the mode's factor applies to


@dataclass(frozen=True)
class Potential:
    """What a change would save in a year, for the whole headcount."""

    people: int  # answers concerned
    km: float  # counted km avoided (vehicle.km for cars, passenger.km otherwise)
    share: float  # of all the counted km, 0..1
    km_by_mode: Mapping[str, float] = field(default_factory=dict)

    def kg(self, kg_per_km: Mapping[str, float]) -> float:
        """The kgCO2e avoided, given each mode's factor per counted km
        (modes without a factor emit nothing)."""
        return math.fsum(km * kg_per_km.get(mode, 0.0) for mode, km in self.km_by_mode.items())


@dataclass(frozen=True)
class Commuting:
    """What a survey's answers say, scaled to the headcount."""

    answers: int
    headcount: int | None
    weeks_per_year: float
    scale: float  # people each answer stands for
    modes: tuple[ModeFigures, ...]  # modes answered, in MODES order
    travelled_km: float
    km: float  # counted km, all modes
    remote: Potential
    carpool: Potential

    @property
    def extrapolated(self) -> bool:
        return self.scale != 1.0

    @property
    def km_by_mode(self) -> dict[str, float]:
        """Counted km per mode: the activity of the inventory's commuting lines."""
        return {figures.mode: figures.km for figures in self.modes}

    def kg(self, kg_per_km: Mapping[str, float]) -> float:
        """The year's kgCO2e, given each mode's factor per counted km."""
        return math.fsum(f.km * kg_per_km.get(f.mode, 0.0) for f in self.modes)


def _share(part: float, whole: float) -> float:
    return part / whole if whole > 0 else 0.0


def remote_potential(
    answers: list[Answer], weeks_per_year: float, factor: float, all_km: float
) -> Potential:
    """One more remote day a week for everyone who comes at least
    REMOTE_MIN_DAYS days by a motorised mode: one day's round trip less."""
    saved: dict[str, float] = {}
    people = 0
    for answer in answers:
        if answer.mode in MOTORISED and answer.days_on_site >= REMOTE_MIN_DAYS:
            people += 1
            one_day = counted_km(answer, weeks_per_year) / answer.days_on_site
            saved[answer.mode] = saved.get(answer.mode, 0.0) + one_day * factor
    km = math.fsum(saved.values())
    return Potential(people, km, _share(km, all_km), saved)


def carpool_potential(
    answers: list[Answer],
    weeks_per_year: float,
    factor: float,
    all_km: float,
    min_km: float = 0.0,
) -> Potential:
    """Solo car commuters (living at least ``min_km`` away) paired two by two:
    each counts half their car's km instead of all of it."""
    concerned = [a for a in answers if a.mode == CAR and a.distance_km >= min_km]
    km = math.fsum(counted_km(a, weeks_per_year) for a in concerned) * factor
    km *= 1 - 1 / CARPOOL_OCCUPANCY
    return Potential(len(concerned), km, _share(km, all_km), {CAR: km} if concerned else {})


def summarise(
    answers: Iterable[Answer],
    weeks_per_year: float,
    headcount: int | None = None,
    *,
    carpool_min_km: float = 0.0,
) -> Commuting:
    """The survey's year: km and shares by mode and the two potentials, with
    every km scaled to the headcount when fewer people answered."""
    answers = list(answers)
    if not 0 <= weeks_per_year <= WEEKS_IN_YEAR:
        raise ValueError(f"weeks worked in a year are between 0 and {WEEKS_IN_YEAR}")
    factor = scale(len(answers), headcount)
    people: dict[str, int] = {}
    travelled: dict[str, list[float]] = {}
    counted: dict[str, list[float]] = {}
    for answer in answers:
        people[answer.mode] = people.get(answer.mode, 0) + 1
        travelled.setdefault(answer.mode, []).append(travelled_km(answer, weeks_per_year))
        counted.setdefault(answer.mode, []).append(counted_km(answer, weeks_per_year))
    travelled_by_mode = {mode: math.fsum(kms) * factor for mode, kms in travelled.items()}
    counted_by_mode = {mode: math.fsum(kms) * factor for mode, kms in counted.items()}
    all_travelled = math.fsum(travelled_by_mode.values())
    all_counted = math.fsum(counted_by_mode.values())
    modes = tuple(
        ModeFigures(
            mode=mode,
            people=people[mode],
            people_share=people[mode] / len(answers),
            travelled_km=travelled_by_mode[mode],
            km_share=_share(travelled_by_mode[mode], all_travelled),
            km=counted_by_mode[mode],
        )
        for mode in MODES
        if mode in people
    )
    return Commuting(
        answers=len(answers),
        headcount=headcount,
        weeks_per_year=weeks_per_year,
        scale=factor,
        modes=modes,
        travelled_km=all_travelled,
        km=all_counted,
        remote=remote_potential(answers, weeks_per_year, factor, all_counted),
        carpool=carpool_potential(answers, weeks_per_year, factor, all_counted, carpool_min_km),
    )
