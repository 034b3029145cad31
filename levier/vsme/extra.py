"""Inputs of EFRAG's template that have no defined name, so no concept in
the catalogue, yet carry what the standard asks: the template computes a
datapoint from them (B8's employee turnover rate, B10's gender pay gap,
C9's gender diversity ratio). Levier asks them too, next to the datapoints
of their disclosure, and computes the datapoint the way the standard (and
the template's formula) defines it, to show it and to store it as the
formula's result in the filled template."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from levier.engine.text import Text
from levier.engine.vsme.catalogue import Catalogue, Field, Section
from levier.engine.vsme.catalogue import load as load_catalogue

MALE_PAY = "AverageGrossHourlyPayLevelOfMaleEmployees"
FEMALE_PAY = "AverageGrossHourlyPayLevelOfFemaleEmployees"
LEFT = "NumberOfEmployeesWhoLeftDuringTheReportingPeriod"
AT_START = "NumberOfEmployeesAtTheBeginningOfTheReportingPeriod"
AT_END = "NumberOfEmployeesAtTheEndOfTheReportingPeriod"
HAS_BOARD = "UndertakingHasAGovernanceBody"
FEMALE_BOARD = "NumberOfFemaleMembersOfTheGovernanceBody"
MALE_BOARD = "NumberOfMaleMembersOfTheGovernanceBody"


def _field(code, fr, en, kind, unit, paragraph, cell, storage="value", help_fr="", help_en=""):
    return Field(
        code=code,
        concept="",
        label=Text(fr=fr, en=en),
        help=Text(fr=help_fr, en=help_en),
        kind=kind,
        unit=unit,
        requirement="if_applicable",
        paragraph=paragraph,
        range_name=cell,
        storage=storage,
    )


# Disclosure -> (position among its first section's items, fields).
EXTRA_FIELDS: dict[str, tuple[int, list[Field]]] = {
    "B8": (
        5,
        [
            _field(
                LEFT,
                "Nombre de salariés partis pendant la période",
                "Number of employees who left during the reporting period",
                "number",
                "",
                "40(d)",
                "'Social Disclosures'!D134",
                help_fr="Pour le taux de rotation, demandé à partir de 50 salariés.",
                help_en="For the turnover rate, asked from 50 employees.",
            ),
            _field(
                AT_START,
                "Nombre de salariés au début de la période",
                "Number of employees at the beginning of the reporting period",
                "number",
                "",
                "40(d)",
                "'Social Disclosures'!D135",
            ),
            _field(
                AT_END,
                "Nombre de salariés à la fin de la période",
                "Number of employees at the end of the reporting period",
                "number",
                "",
                "40(d)",
                "'Social Disclosures'!D136",
            ),
        ],
    ),
    "B10": (
        1,
        [
            _field(
                MALE_PAY,
                "Rémunération horaire brute moyenne des salariés hommes",
                "Average gross hourly pay level of male employees",
                "money",
                "EUR",
                "42(b)",
                "'Social Disclosures'!D148",
                help_fr="Sert à calculer l’écart de rémunération entre femmes et hommes.",
                help_en="Used to compute the pay gap between women and men.",
            ),
            _field(
                FEMALE_PAY,
                "Rémunération horaire brute moyenne des salariées femmes",
                "Average gross hourly pay level of female employees",
                "money",
                "EUR",
                "42(b)",
                "'Social Disclosures'!D149",
            ),
        ],
    ),
    "C9": (
        0,
        [
            _field(
                HAS_BOARD,
                "L’entreprise a un organe de gouvernance",
                "The undertaking has a governance body",
                "boolean",
                "",
                "65",
                "'Governance Disclosures'!H30",
                storage="checkbox",
            ),
            _field(
                FEMALE_BOARD,
                "Nombre de femmes membres de l’organe de gouvernance à la fin de la période",
                "Number of female board members at the end of the reporting period",
                "integer",
                "",
                "65",
                "'Governance Disclosures'!H31",
            ),
            _field(
                MALE_BOARD,
                "Nombre d’hommes membres de l’organe de gouvernance à la fin de la période",
                "Number of male board members at the end of the reporting period",
                "integer",
                "",
                "65",
                "'Governance Disclosures'!H32",
            ),
        ],
    ),
}


def _number(values: dict, code: str) -> float | None:
    value = values.get(code)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def pay_gap(values: dict) -> float | None:
    """The gender pay gap in percent (VSME 42(b)): men's average gross hourly
    pay less women's, over men's."""
    male, female = _number(values, MALE_PAY), _number(values, FEMALE_PAY)
    if male is None or female is None or not male:
        return None
    return (male - female) / male * 100


def turnover_rate(values: dict) -> float | None:
    """Employees who left over the average headcount of the period, in percent."""
    left, start, end = (_number(values, code) for code in (LEFT, AT_START, AT_END))
    if left is None or start is None or end is None or not (start + end):
        return None
    return left / ((start + end) / 2) * 100


def board_ratio(values: dict) -> float | None:
    """Women per man in the governance body (the template's formula: 0 when
    either count is 0)."""
    female, male = _number(values, FEMALE_BOARD), _number(values, MALE_BOARD)
    if female is None or male is None:
        return None
    return 0.0 if not female or not male else female / male


@dataclass(frozen=True)
class Computed:
    disclosure: str
    after: str  # the input after which the readable report shows it
    label: Text
    compute: Callable[[dict], float | None]
    percent: bool  # shown as a percentage; the template stores a fraction
    cell: str  # the template's formula cell


COMPUTED = (
    Computed(
        "B8",
        AT_END,
        Text(fr="Taux de rotation du personnel", en="Employee turnover rate"),
        turnover_rate,
        True,
        "'Social Disclosures'!D137",
    ),
    Computed(
        "B10",
        FEMALE_PAY,
        Text(
            fr="Écart de rémunération entre femmes et hommes",
            en="Pay gap between women and men",
        ),
        pay_gap,
        True,
        "'Social Disclosures'!D150",
    ),
    Computed(
        "C9",
        MALE_BOARD,
        Text(
            fr="Ratio de diversité femmes-hommes de l’organe de gouvernance",
            en="Gender diversity ratio of the governance body",
        ),
        board_ratio,
        False,
        "'Governance Disclosures'!H33",
    ),
)


@cache
def catalogue() -> Catalogue:
    """EFRAG's catalogue with the extra inputs in their disclosure's first
    section (a disclosure with no input gets one section)."""
    base = load_catalogue()
    disclosures = []
    for disclosure in base.disclosures:
        if disclosure.code in EXTRA_FIELDS:
            position, extra = EXTRA_FIELDS[disclosure.code]
            if disclosure.sections:
                first, *others = disclosure.sections
            else:
                first, others = Section(disclosure.code, disclosure.title, ()), []
            items = list(first.items)
            items[position:position] = extra
            disclosure = replace(
                disclosure, sections=(replace(first, items=tuple(items)), *others)
            )
        disclosures.append(disclosure)
    return Catalogue(version=base.version, disclosures=tuple(disclosures))
