"""The reduction an action brings, computed from the inventory's own lines.

Two kinds of levers cover what SMEs do first:

- ``Cut``: use less of what a post's lines measure (turn the heating down,
  fewer flights, buy less): the post's matching emissions times the share;
- ``Switch``: move a share of some lines' activity to a lower-emitting
  alternative (car to train, diesel van to electric): what those lines emit
  for that share, minus what the same activity emits with the alternative's
  factor.

A reduction is never negative: a switch to something that emits more
reduces nothing (the caller says so rather than projecting an increase).
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from levier.engine.carbon import units
from levier.engine.carbon.footprint import (
    Emission,
    Line,
    activity_in_factor_unit,
    total,
)
from levier.engine.carbon.footprint import line_emission as emission_of

# A car's vehicle.km count as one traveller's passenger.km when compared with
# a per-passenger alternative: the conservative assumption of one person per car.
_SAME_TRIP = {("km", "passenger_km")}


def _everything(line: Line) -> bool:
    return True


@dataclass(frozen=True)
class Cut:
    post: str
    share: float  # 0..1
    applies_to: Callable[[Line], bool] = _everything


@dataclass(frozen=True)
class Switch:
    post: str
    share: float  # 0..1 of the matching lines' activity
    to_factor_value: float  # kgCO2e per to_factor_unit
    to_factor_unit: str
    to_factor_uncertainty: float = 0.0
    applies_to: Callable[[Line], bool] = _everything


def _scaled(emission: Emission, share: float) -> Emission:
    return Emission(emission.kg * share, emission.uncertainty_kg * share)


def _switched_quantity(line: Line, to_unit: str) -> float:
    activity = activity_in_factor_unit(line)
    if units.compatible(line.factor_unit, to_unit):
        return units.convert(activity, line.factor_unit, to_unit)
    if (line.factor_unit, to_unit) in _SAME_TRIP:
        return activity
    raise units.UnitMismatch(line.factor_unit, to_unit)


def reduction(lines: Iterable[Line], lever: Cut | Switch) -> Emission:
    """The kgCO2e a year the lever saves on these lines."""
    if not 0 <= lever.share <= 1:
        raise ValueError("a lever's share is between 0 and 1")
    matching = [line for line in lines if line.post == lever.post and lever.applies_to(line)]
    if isinstance(lever, Cut):
        return _scaled(total(emission_of(line) for line in matching), lever.share)
    saved = []
    for line in matching:
        # The whole line's difference, then its share: the same activity with
        # the same factor then differs by exactly nothing (no rounding apart).
        before = emission_of(line)
        after_kg = _switched_quantity(line, lever.to_factor_unit) * lever.to_factor_value
        difference = Emission(
            before.kg - after_kg,
            math.hypot(before.uncertainty_kg, after_kg * lever.to_factor_uncertainty),
        )
        saved.append(_scaled(difference, lever.share))
    result = total(saved)
    return result if result.kg > 0 else Emission(0.0, 0.0)
