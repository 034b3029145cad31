"""Inputs of EFRAG's template that have no defined name, so no concept in
the catalogue, yet carry what the standard asks: B10's gender pay gap is
computed from the average gross hourly pay of men and of women (VSME
paragraph 42(b): the difference as a percentage of men's pay), which the
template asks for in two unnamed cells. Levier asks them too, next to the
datapoints of their disclosure, and computes the gap the same way."""

from dataclasses import replace
from functools import cache

from levier.engine.text import Text
from levier.engine.vsme.catalogue import Catalogue, Field
from levier.engine.vsme.catalogue import load as load_catalogue

MALE_PAY = "AverageGrossHourlyPayLevelOfMaleEmployees"
FEMALE_PAY = "AverageGrossHourlyPayLevelOfFemaleEmployees"
PAY_GAP_CELL = "'Social Disclosures'!D150"

EXTRA_FIELDS = {
    "B10": [
        Field(
            code=MALE_PAY,
            concept="",
            label=Text(
                fr="Rémunération horaire brute moyenne des salariés hommes",
                en="Average gross hourly pay level of male employees",
            ),
            help=Text(
                fr="Sert à calculer l’écart de rémunération entre femmes et hommes (§ 42(b)).",
                en="Used to compute the pay gap between women and men (§ 42(b)).",
            ),
            kind="money",
            unit="EUR",
            requirement="if_applicable",
            paragraph="42(b)",
            range_name="'Social Disclosures'!D148",
        ),
        Field(
            code=FEMALE_PAY,
            concept="",
            label=Text(
                fr="Rémunération horaire brute moyenne des salariées femmes",
                en="Average gross hourly pay level of female employees",
            ),
            help=Text(fr="", en=""),
            kind="money",
            unit="EUR",
            requirement="if_applicable",
            paragraph="42(b)",
            range_name="'Social Disclosures'!D149",
        ),
    ]
}


def pay_gap(values: dict) -> float | None:
    """The gender pay gap in percent as the standard defines it: men's
    average gross hourly pay less women's, over men's."""
    male, female = values.get(MALE_PAY), values.get(FEMALE_PAY)
    if not isinstance(male, int | float) or not isinstance(female, int | float) or not male:
        return None
    return (male - female) / male * 100


@cache
def catalogue() -> Catalogue:
    """EFRAG's catalogue with the extra inputs in their disclosure's first section."""
    base = load_catalogue()
    disclosures = []
    for disclosure in base.disclosures:
        extra = EXTRA_FIELDS.get(disclosure.code)
        if extra:
            first, *others = disclosure.sections
            items = list(first.items)
            # After the minimum wage, where the template asks for them.
            items[1:1] = extra
            disclosure = replace(
                disclosure, sections=(replace(first, items=tuple(items)), *others)
            )
        disclosures.append(disclosure)
    return Catalogue(version=base.version, disclosures=tuple(disclosures))
