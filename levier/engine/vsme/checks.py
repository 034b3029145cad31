"""The checks of a VSME report, datapoint by datapoint: what the standard
requires and is missing, and figures that contradict each other (totals
that are not the sum of their parts). Plain Python over the catalogue and
the report's values; the pages word the problems.

A value's own validity (a number where a number is expected, a percentage
up to 100...) is checked when it is typed (``values.parse``): a stored value
is always of its kind.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from levier.engine.vsme.catalogue import Disclosure, Table

# Relative gap under which a total and the sum of its parts agree: the
# parts are often rounded (headcounts in full-time equivalents, tonnes).
SUM_TOLERANCE = 0.01


@dataclass(frozen=True)
class Problem:
    code: str  # the datapoint or table at fault
    kind: str  # "missing", "sum", "to_confirm"
    disclosure: str
    params: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Sum:
    """``total`` equals the sum of ``parts`` when the total and every part
    are given. A part may be ``"Table.Column"``: the column summed over the
    table's rows (free rows) or its fixed rows."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class NotAbove:
    """``part`` is at most ``total`` (permanent contracts among employees)."""

    part: str
    total: str


# Consistency rules, by the catalogue's codes (a test checks each code
# exists); a rule whose datapoints are not all given is skipped.
RULES: tuple[Sum | NotAbove, ...] = (
    # B8: headcount by gender adds up to the headcount of B1.
    Sum(
        "NumberOfEmployees",
        (
            "NumberOfMaleEmployees",
            "NumberOfFemaleEmployees",
            "NumberOfOtherGenderEmployees",
            "NumberOfNonReportedGenderEmployees",
        ),
    ),
    # B8: headcount by country of the employment contract, when given.
    Sum(
        "NumberOfEmployees",
        (
            "NumberOfEmployeesForCountryOfEmploymentContractTable"
            ".NumberOfEmployeesForCountryOfEmploymentContract",
        ),
    ),
    # B8: temporary contracts are the headcount less the permanent ones.
    NotAbove("NumberOfPermanentContractEmployees", "NumberOfEmployees"),
    # B3: the breakdown of energy adds up to the total consumption.
    Sum(
        "TotalEnergyConsumption",
        (
            "BreakdownOfEnergyConsumptionTable.EnergyConsumptionFromElectricity",
            "BreakdownOfEnergyConsumptionTable.EnergyConsumptionFromSelfGeneratedElectricity",
            "BreakdownOfEnergyConsumptionTable.EnergyConsumptionFromFuels",
        ),
    ),
)


def _given(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str | list | dict):
        return bool(value)
    return True


def _missing(disclosure: Disclosure, item, values: dict, not_applicable: set[str]):
    if item.code in not_applicable or _given(values.get(item.code)):
        return None
    if isinstance(item, Table):
        required = any(column.requirement == "shall" for column in item.columns)
    else:
        required = item.requirement == "shall"
    if required:
        return Problem(item.code, "missing", disclosure.code)
    return None


def _number(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _amount(code: str, values: dict) -> float | None:
    """A number given, or a table column's sum (None when no row has it)."""
    if "." not in code:
        return _number(values.get(code))
    table, column = code.split(".", 1)
    rows = values.get(table)
    if isinstance(rows, dict):
        rows = list(rows.values())
    numbers = [_number(row.get(column)) for row in rows or [] if isinstance(row, dict)]
    numbers = [n for n in numbers if n is not None]
    return sum(numbers) if numbers else None


def _broken(rule, values: dict, where: dict) -> Problem | None:
    codes = (rule.total, *rule.parts) if isinstance(rule, Sum) else (rule.part, rule.total)
    if any(code.split(".", 1)[0] not in where for code in codes):
        return None
    if isinstance(rule, NotAbove):
        part, total = _number(values.get(rule.part)), _number(values.get(rule.total))
        if part is None or total is None or part <= total * (1 + SUM_TOLERANCE):
            return None
        return Problem(
            rule.part, "above", where[rule.part], {"part": part, "total": total, "of": rule.total}
        )
    total = _number(values.get(rule.total))
    parts = [_amount(part, values) for part in rule.parts]
    if total is None or any(part is None for part in parts):
        return None
    added = sum(parts)
    if abs(added - total) <= SUM_TOLERANCE * max(abs(total), 1.0):
        return None
    return Problem(
        rule.total,
        "sum",
        where[rule.total],
        {"total": total, "sum": added, "parts": rule.parts},
    )


def check(
    disclosures: Iterable[Disclosure],
    values: dict,
    not_applicable: set[str],
    *,
    period: tuple[date, date] | None = None,
    rules: Iterable[Sum | NotAbove] = RULES,
) -> list[Problem]:
    """The problems of the report's ``values`` (code -> stored value) over
    ``disclosures``, in the catalogue's order."""
    disclosures = list(disclosures)
    problems = []
    where = {}
    for disclosure in disclosures:
        for item in disclosure.items():
            where[item.code] = disclosure.code
            problem = _missing(disclosure, item, values, not_applicable)
            if problem:
                problems.append(problem)
    for rule in rules:
        problem = _broken(rule, values, where)
        if problem is not None:
            problems.append(problem)
    return problems
