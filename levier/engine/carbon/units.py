"""Units of activity data, converted by pint.

Every unit Levier stores is one of ``UNITS`` (a short code). Conversions go
through a pint registry extended with what carbon accounting needs and pint
does not know: heat on a lower or higher heating value basis (kWh PCI and
kWh PCS are different quantities: converting one into the other needs the
fuel's own ratio, so they are separate dimensions here), money, passengers,
items. A conversion between incompatible units raises ``UnitMismatch``
saying what was tried.
"""

from functools import cache

import pint

# code -> pint expression. The codes are what the database stores.
UNITS: dict[str, str] = {
    # Volume and mass.
    "L": "liter",
    "m3": "meter ** 3",
    "kg": "kilogram",
    "t": "tonne",
    # Final energy (electricity, heat networks).
    "kWh": "kilowatt_hour",
    "MWh": "megawatt_hour",
    # Heat of fuels, lower heating value (PCI) and higher heating value (PCS).
    "kWh_PCI": "kWh_PCI",
    "MWh_PCI": "MWh_PCI",
    "MJ_PCI": "MJ_PCI",
    "GJ_PCI": "GJ_PCI",
    "tep_PCI": "tep_PCI",
    "kWh_PCS": "kWh_PCS",
    "MWh_PCS": "MWh_PCS",
    "GJ_PCS": "GJ_PCS",
    "tep_PCS": "tep_PCS",
    # Distances and transport work.
    "km": "kilometer",
    "passenger_km": "passenger * kilometer",
    "peq_km": "passenger_equivalent * kilometer",
    "t_km": "tonne * kilometer",
    "m3_km": "meter ** 3 * kilometer",
    # Money (purchases by spend).
    "EUR": "EUR",
    "kEUR": "kEUR",
    "MEUR": "MEUR",
    # Counted things (laptops, nights in a hotel, meals) and time.
    "item": "item",
    "m2": "meter ** 2",
    "hour": "hour",
}

_DEFINITIONS = """
heat_pci_kWh = [heat_pci] = kWh_PCI
MWh_PCI = 1000 * kWh_PCI
MJ_PCI = kWh_PCI / 3.6
GJ_PCI = 1000 * MJ_PCI
# One tonne of oil equivalent is 11,630 kWh (IEA / Eurostat convention).
tep_PCI = 11630 * kWh_PCI
heat_pcs_kWh = [heat_pcs] = kWh_PCS
MWh_PCS = 1000 * kWh_PCS
GJ_PCS = kWh_PCS * 1000 / 3.6
tep_PCS = 11630 * kWh_PCS
euro = [currency] = EUR
kEUR = 1000 * EUR
MEUR = 1000000 * EUR
passenger = [passenger]
passenger_equivalent = [passenger_equivalent]
item = [item]
"""


class UnitMismatch(ValueError):
    """A quantity in one unit cannot be expressed in another."""

    def __init__(self, from_unit: str, to_unit: str):
        self.from_unit = from_unit
        self.to_unit = to_unit
        super().__init__(f"cannot convert {from_unit} to {to_unit}")


class UnknownUnit(ValueError):
    def __init__(self, unit: str):
        self.unit = unit
        super().__init__(f"unknown unit: {unit}")


@cache
def registry() -> pint.UnitRegistry:
    ureg = pint.UnitRegistry(cache_folder=None)
    for line in _DEFINITIONS.strip().splitlines():
        if line and not line.startswith("#"):
            ureg.define(line)
    return ureg


@cache
def _unit(code: str):
    try:
        expression = UNITS[code]
    except KeyError:
        raise UnknownUnit(code) from None
    return registry().parse_units(expression)


@cache
def factor(from_unit: str, to_unit: str) -> float:
    """How many ``to_unit`` make one ``from_unit``. Cached: a few hundred
    pairs of codes at most, and pint takes microseconds for each conversion
    (most of an inventory's computation without the cache)."""
    if from_unit == to_unit:
        return 1.0
    source, target = _unit(from_unit), _unit(to_unit)
    try:
        return float(registry().Quantity(1.0, source).to(target).magnitude)
    except pint.DimensionalityError:
        raise UnitMismatch(from_unit, to_unit) from None


def convert(quantity: float, from_unit: str, to_unit: str) -> float:
    return quantity * factor(from_unit, to_unit)


def compatible(from_unit: str, to_unit: str) -> bool:
    try:
        factor(from_unit, to_unit)
    except UnitMismatch:
        return False
    return True


def compatible_units(unit: str) -> list[str]:
    """The units a quantity can be typed in for a factor expressed per ``unit``."""
    return [code for code in UNITS if compatible(code, unit)]
