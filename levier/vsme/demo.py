"""Demo VSME reports: the showcase member's complete report of the older
year and, started from it, its report of the latest year in progress; a
dozen other members with a report complete or in progress, so that the
network's readiness page has figures. Atelier Boisvert, the visitor's
organisation, has none: a new user starts from scratch.

Values are derived from each member's profile and carbon footprint with a
seeded generator: the same on every database.
"""

import random
from datetime import date

from django.utils import translation

from levier.accounts.models import OrgRole
from levier.assessments.demo import demo_year
from levier.engine.vsme.catalogue import Field, Table
from levier.vsme import services
from levier.vsme.models import Datapoint, Module, VsmeReport

SHOWCASE = "Maison Lévêque Traiteur"
VISITOR = "Atelier Boisvert"
COMPLETE, IN_PROGRESS = 7, 6
# What members in progress have not done yet, in turn: the readiness page
# shows where they get stuck.
LEFT_UNDONE = ("B8", "B9", "B7", "B8", "B10", "B6")

TEXTS = {
    "DescriptionOfSustainabilityRelatedCertificationsOrLabels": (
        "Membre d'un réseau d'entreprises engagées ; démarche d'amélioration suivie avec "
        "l'évaluation Levier 360."
    ),
    "OtherUndertakingsLegalForm": "Société par actions simplifiée",
}


def _admin(organisation):
    return organisation.memberships.filter(role=OrgRole.ADMIN).order_by("pk").first().user


def _number(field: Field, organisation, rng: random.Random):
    headcount = organisation.headcount
    code = field.code
    if code == "Assets":
        return float(headcount * rng.randrange(40_000, 90_000, 1_000))
    if code == "Turnover":
        return float(headcount * rng.randrange(80_000, 160_000, 1_000))
    if field.kind == "integer":
        return rng.randint(0, 3)
    if field.kind == "percent":
        return float(rng.randint(20, 95))
    if field.unit == "h":
        return float(rng.randint(8, 28))
    if field.unit == "m3":
        return float(headcount * rng.randint(8, 20))
    if field.unit == "tCO2e":
        return round(headcount * rng.uniform(0.5, 3.0), 1)
    if field.unit == "MWh":
        return round(headcount * rng.uniform(3, 9), 1)
    return round(rng.uniform(1, 50), 1)


def _nace(field: Field, organisation) -> str:
    """The member's NACE class: its NAF class when NACE Rev. 2.1 kept the
    number, else the first class of its division (what the member would pick
    in the list)."""
    digits = "".join(ch for ch in organisation.naf_code if ch.isdigit())
    # NACE Rev. 2.1 moved some divisions to other sections: match by number.
    classes = {
        option.code: option.code.removeprefix("nace:NACE_")[1:]
        for option in field.options
        if option.code.startswith("nace:NACE_")
    }
    exact = [code for code, number in classes.items() if number == digits[:4]]
    division = [
        code for code, number in classes.items() if len(number) == 4 and number[:2] == digits[:2]
    ]
    return (exact or division or list(classes))[0]


def _workforce(organisation, rng: random.Random) -> dict:
    headcount = float(organisation.headcount)
    women = float(round(headcount * rng.uniform(0.3, 0.6)))
    return {
        "NumberOfEmployees": headcount,
        "NumberOfPermanentContractEmployees": float(round(headcount * rng.uniform(0.8, 1.0))),
        "NumberOfFemaleEmployees": women,
        "NumberOfMaleEmployees": headcount - women,
        "NumberOfOtherGenderEmployees": 0.0,
        "NumberOfNonReportedGenderEmployees": 0.0,
    }


def _value(field: Field, organisation, rng: random.Random, fixed: dict):
    if field.code in fixed:
        return fixed[field.code]
    if field.kind == "text":
        return TEXTS.get(field.code, f"Voir le rapport d'activité de {organisation.name}.")
    if field.kind in ("number", "money", "integer", "percent"):
        return _number(field, organisation, rng)
    if field.kind == "boolean":
        return True
    if field.kind == "choice":
        return field.options[0].code
    if field.code == "NaceSectorClassificationCodes":
        return [_nace(field, organisation)]
    if field.kind == "choices":
        return [field.options[0].code]
    if field.kind == "year":
        return demo_year() + 5
    return date(demo_year() - 1, 12, 31).isoformat()


def _table(table: Table, organisation, rng: random.Random, energy: float):
    if table.code == "ListOfSitesTable":
        return [
            {
                "AddressOfSite": "Siège",
                "PostalCodeOfSite": f"{rng.randint(10, 95)}000",
                "CityOfSite": organisation.get_region_display(),
                "CountryOfSite": "country:FR",
            }
        ]
    if table.code == "BreakdownOfEnergyConsumptionTable":
        electricity = round(energy * 0.6, 1)
        return {
            "vsme:NonRenewableEnergyMember": {
                "EnergyConsumptionFromElectricity": electricity,
                "EnergyConsumptionFromFuels": round(energy - electricity, 1),
            }
        }
    if table.code == "WasteGeneratedTable":
        kind = next(c for c in table.columns if c.code == "TypeOfWasteAxis")
        return [
            {
                "TypeOfWasteAxis": kind.options[0].code,
                "WasteDivertedToRecycleOrReuseMass": round(rng.uniform(0.5, 8), 1),
                "WasteDirectedToDisposalMass": round(rng.uniform(0.5, 5), 1),
            }
        ]
    return None


def _fill(report: VsmeReport, user, rng: random.Random, skip: tuple[str, ...] = ()) -> None:
    organisation = report.organisation
    points = services.datapoints(report)
    fixed = _workforce(organisation, rng)
    energy = points.get("TotalEnergyConsumption")
    total_energy = (
        energy.value if energy and energy.value else round(organisation.headcount * 6.5, 1)
    )
    fixed["TotalEnergyConsumption"] = total_energy
    for disclosure in services.disclosures(report):
        if disclosure.code in skip:
            continue
        for section in disclosure.sections:
            for item in section.items:
                point = points.get(item.code)
                waiting = (
                    point is not None
                    and point.value is not None
                    and point.state != Datapoint.State.CONFIRMED
                )
                if waiting and point.code not in fixed:
                    services.confirm(point, user)
                    continue
                if isinstance(item, Table):
                    value = _table(item, organisation, rng, total_energy)
                    if value is not None:
                        services.save_value(report, item.code, value, user)
                elif item.requirement == "shall" or item.code in TEXTS:
                    services.save_value(
                        report, item.code, _value(item, organisation, rng, fixed), user
                    )


def _report(organisation, year: int, start_from=None) -> VsmeReport:
    return services.create_report(
        organisation,
        _admin(organisation),
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        module=Module.BASIC,
        start_from=start_from,
    )


def build(network) -> None:
    rng = random.Random(2025)
    year = demo_year() - 1
    organisations = list(network.organisations.exclude(name=VISITOR).order_by("name"))
    showcase = next(o for o in organisations if o.name == SHOWCASE)
    others = [o for o in organisations if o != showcase]
    with translation.override("fr"):  # the demo's texts are French
        older = _report(showcase, year - 1)
        _fill(older, _admin(showcase), rng)
        problems = services.complete(older, _admin(showcase))
        assert not problems, problems
        # The latest year starts from it: values to confirm, B8 to update.
        _report(showcase, year, start_from=older)
        for organisation in others[:COMPLETE]:
            report = _report(organisation, year)
            _fill(report, _admin(organisation), rng)
            problems = services.complete(report, _admin(organisation))
            assert not problems, (organisation.name, problems)
        for index, organisation in enumerate(others[COMPLETE : COMPLETE + IN_PROGRESS]):
            report = _report(organisation, year)
            _fill(report, _admin(organisation), rng, skip=(LEFT_UNDONE[index],))
