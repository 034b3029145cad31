"""Builders of VSME reports for tests: a report, and the values that make a
module complete, derived from the catalogue (never typed datapoint by
datapoint, so that a new template version keeps the tests meaningful)."""

from datetime import date

from levier.engine.vsme.catalogue import Field, Table
from levier.vsme import services
from levier.vsme.models import Module

# Figures consistent with each other (B1 headcount = B8 by gender, energy
# total = its breakdown) so that a complete report passes the checks.
CONSISTENT = {
    "NumberOfEmployees": 20.0,
    "NumberOfPermanentContractEmployees": 18.0,
    "NumberOfMaleEmployees": 9.0,
    "NumberOfFemaleEmployees": 11.0,
    "NumberOfOtherGenderEmployees": 0.0,
    "NumberOfNonReportedGenderEmployees": 0.0,
    "TotalEnergyConsumption": 150.0,
}


def make_report(organisation, user, module=Module.BASIC, year=2025, **fields):
    return services.create_report(
        organisation,
        user,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        module=module,
        **fields,
    )


def sample_value(field: Field):
    """A plausible value of the field's kind."""
    if field.code in CONSISTENT:
        return CONSISTENT[field.code]
    if field.kind == "text":
        return f"Texte pour {field.code}"
    if field.kind in ("number", "money"):
        return 12.5
    if field.kind == "integer":
        return 3
    if field.kind == "percent":
        return 40.0
    if field.kind == "boolean":
        return True
    if field.kind == "choice":
        return field.options[0].code
    if field.kind == "choices":
        return [field.options[0].code]
    if field.kind == "date":
        return "2025-06-30"
    if field.kind == "year":
        return 2030
    raise ValueError(field.kind)


def table_value(table: Table):
    # A mass and a volume column share their cells: a row fills one of them.
    columns = [c for c in table.columns if not c.alternative or c.code < c.alternative]
    if table.rows:
        # Only the first row: the energy breakdown then adds up to its total.
        first = table.rows[0].code
        return {first: {c.code: _column_value(table, c) for c in columns}}
    return [{c.code: _column_value(table, c) for c in columns}]


def _column_value(table: Table, column: Field):
    if table.code == "BreakdownOfEnergyConsumptionTable":
        return {"EnergyConsumptionFromElectricity": 100.0}.get(column.code, 25.0)
    if table.code == "NumberOfEmployeesForCountryOfEmploymentContractTable" and column.kind in (
        "number",
        "money",
        "integer",
    ):
        return CONSISTENT["NumberOfEmployees"]
    return sample_value(column)


def fill_required(report, user, *, everything=False) -> int:
    """Enter (as a person would) every required datapoint of the report's
    disclosures, or every datapoint when ``everything``; returns how many."""
    count = 0
    for disclosure in services.disclosures(report):
        for section in disclosure.sections:
            for item in section.items:
                if isinstance(item, Table):
                    required = any(c.requirement == "shall" for c in item.columns)
                    value = table_value(item)
                else:
                    required = item.requirement == "shall"
                    value = sample_value(item)
                if required or everything:
                    services.save_value(report, item.code, value, user)
                    count += 1
    return count
