"""What leaves Levier of a VSME report: EFRAG's own template filled through
its named ranges, and the readable report (page and PDF) laid out by
disclosure."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template.defaultfilters import floatformat
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levier.engine.vsme import template, values
from levier.engine.vsme.catalogue import Disclosure, Field, Table
from levier.vsme import extra, services
from levier.vsme.models import Datapoint, VsmeReport

TEMPLATE = Path(__file__).parent / "data" / "efrag" / "VSME-Digital-Template-1.3.0.xlsx"


@cache
def template_bytes() -> bytes:
    return TEMPLATE.read_bytes()


# The template ------------------------------------------------------------------------

PERIOD_CELLS = {
    "start": ("'General Information'!D6", "'General Information'!D7", "'General Information'!D8"),
    "end": ("'General Information'!D10", "'General Information'!D11", "'General Information'!D12"),
}


def _option_value(item: Field, code: str) -> str:
    """The drop-down's text the template stores for an option."""
    for option in item.options:
        if option.code == code:
            return option.value or option.label.en
    return code


def _sheet_of(range_name: str, names: dict) -> str:
    return names[range_name].sheet


def _shaped(name: str, value, names: dict):
    """``value`` (one value, or one per row) in the shape of ``name``'s
    range: a range spanning merged columns takes its value in the first."""
    where = names.get(name)
    if where is None or "!" in name:
        return value
    width = where.columns
    if isinstance(value, list):
        if width == 1:
            return value
        return [[v] + [None] * (width - 1) for v in value]
    if where.rows == 1 and width == 1:
        return value
    return [[value] + [None] * (width - 1)]


def _field_values(item: Field, value, names: dict) -> dict:
    """Cell (name or sheet-qualified reference) -> what the template holds."""
    # Cells the template pre-fills with a formula (a geolocation, the fuel
    # converter) are left to it: the writer never replaces a formula.
    if value is None:
        return {}
    storage = item.storage
    found: dict = {}
    if storage == "checkbox":
        found[item.range_name] = bool(value)
    elif storage == "yes_no":
        found[item.range_name] = "YES" if value else "NO"
    elif storage == "option":
        found[item.range_name] = _option_value(item, value)
    elif storage == "option_per_cell":
        chosen = [_option_value(item, code) for code in value][: item.max_items or None]
        found[item.range_name] = chosen
    elif storage == "checkbox_per_option":
        sheet = _sheet_of(item.range_name, names)
        chosen = set(value)
        for option in item.options:
            found[f"'{sheet}'!{option.cell}"] = option.code in chosen
    elif item.kind == "percent":
        # The template holds fractions: 25 % is 0.25.
        found[item.range_name] = value / 100
    else:
        found[item.range_name] = values.cell_value(item.kind, value)
    if item.unit_range and item.unit:
        unit = next((u.value for u in item.units if u.code == item.unit), "")
        if unit:
            found[item.unit_range] = unit
    return {name: _shaped(name, v, names) for name, v in found.items()}


def _cell(item: Field, value):
    """One cell of a table's column."""
    if value is None:
        return None
    if item.kind == "choice":
        return _option_value(item, value)
    if item.kind == "boolean" and item.storage == "yes_no":
        return "YES" if value else "NO"
    if item.kind == "boolean":
        return bool(value)
    if item.kind == "percent":
        return value / 100
    return values.cell_value(item.kind, value)


def _table_values(table: Table, value, names: dict) -> dict:
    found: dict = {}
    if table.rows:
        rows = value or {}
        for column in table.columns:
            if column.overwrites_formula:
                continue
            for row, cell_name in zip(table.rows, column.cells, strict=False):
                cell = _cell(column, rows.get(row.code, {}).get(column.code))
                if cell is not None:
                    found[cell_name] = cell
        return found
    rows = (value or [])[: table.max_rows or None]
    if not rows:
        return found
    for column in table.columns:
        if not column.range_name or column.overwrites_formula:
            continue
        found[column.range_name] = _shaped(
            column.range_name, [_cell(column, row.get(column.code)) for row in rows], names
        )
        if column.unit_range and column.unit:
            unit = next((u.value for u in column.units if u.code == column.unit), "")
            unit_range = names.get(column.unit_range)
            if unit and unit_range is not None and unit_range.rows > 1:
                # One unit per row, on the rows this column fills: a mass and a
                # volume column share their cells (``alternative``).
                given = [unit if row.get(column.code) is not None else None for row in rows]
                found[column.unit_range] = _shaped(column.unit_range, given, names)
            elif unit and unit_range is not None:
                found[column.unit_range] = _shaped(column.unit_range, unit, names)
    return found


def _checkboxes(report: VsmeReport, names: dict) -> dict:
    """The table of contents' "classified or sensitive, omitted" boxes of
    the omitted disclosures' parts."""
    found = {}
    for code in report.omitted:
        prefix = f"template_checkbox_{code.lower()}_"
        for name in names:
            if name.startswith(prefix):
                found[name] = True
    return found


def template_values(report: VsmeReport, points: dict[str, Datapoint], names: dict) -> dict:
    """Cell -> value for every datapoint given, plus the report's own
    identification (entity, currency, period) and omitted disclosures."""
    organisation = report.organisation
    found = {
        # A merged block of two cells: the name goes in the first.
        "template_reporting_entity_name": [[organisation.name, None]],
        "template_currency": "EUR",
    }
    for which, day in (("start", report.period_start), ("end", report.period_end)):
        year, month, number = PERIOD_CELLS[which]
        found.update({year: day.year, month: day.month, number: day.day})
    if report.identifier_scheme and report.identifier:
        found["template_reporting_entity_identifier_scheme"] = report.identifier_scheme
        found["template_reporting_entity_identifier"] = report.identifier
    found.update(_checkboxes(report, names))
    for item, value in _given(report, points):
        if isinstance(item, Table):
            found.update(_table_values(item, value, names))
        elif item.range_name and not item.overwrites_formula:
            found.update(_field_values(item, value, names))
    return found


def _covered(report: VsmeReport) -> list:
    return [d for d in services.disclosures(report) if d.code not in report.omitted]


def _given(report: VsmeReport, points: dict[str, Datapoint]):
    """(field or table, value) for every datapoint given in the disclosures
    the report covers and does not omit."""
    for disclosure in _covered(report):
        for section in disclosure.sections:
            for item in section.items:
                point = points.get(item.code)
                if point is not None and point.value is not None:
                    yield item, point.value


def _first_cells(name: str, names: dict) -> list[str]:
    """The sheet-qualified first cell of each row of a named range."""
    where = names[name]
    return [f"'{where.sheet}'!{row[0]}" for row in where.cells()]


def formula_results(report: VsmeReport, points: dict[str, Datapoint], names: dict) -> dict:
    """Values for cells the template fills with a formula, stored as the
    formula's result (the formula is kept, Excel recomputes it on opening):
    EFRAG's converter reads stored results without computing them.

    - the reporting period's dates ("2025-01-01"), as the template's formulas
      write them from the year, month and day;
    - datapoints the template pre-fills by a formula that the person's value
      replaces (a rate, a geolocation, the fuel converter's energy);
    - B10's pay gap, computed as the standard defines it (``extra.pay_gap``)."""
    found = {
        "template_reporting_period_startdate": report.period_start.isoformat(),
        "template_reporting_period_enddate": report.period_end.isoformat(),
    }
    for item, value in _given(report, points):
        if isinstance(item, Table):
            found.update(_table_results(item, value, names))
        elif item.overwrites_formula and item.range_name:
            found[item.range_name] = _cell(item, value)
    given = {code: p.value for code, p in points.items()}
    codes = {d.code for d in _covered(report)}
    if {"B1", "B3", "B8"} & codes:
        found.update(template_totals(given))
    for computed in extra.COMPUTED:
        result = computed.compute(given) if computed.disclosure in codes else None
        if result is not None:
            found[computed.cell] = result / 100 if computed.percent else result
    return found


def _number(values: dict, code: str) -> float | None:
    value = values.get(code)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _sum(values: dict, *codes: str, every: bool = False) -> float | None:
    """The template's SUM of the cells given (of all of them when ``every``)."""
    numbers = [_number(values, code) for code in codes]
    if (every and None in numbers) or all(n is None for n in numbers):
        return None
    return sum(n for n in numbers if n is not None)


def _per_turnover(total: float | None, values: dict) -> float | None:
    turnover = _number(values, "Turnover")
    return total / turnover if total is not None and turnover else None


def template_totals(values: dict) -> dict:
    """The template's own totals and ratios (its formulas, written the same
    way here, scope 3 not reported), stored as their formulas' results so that
    a reader of stored results sees them before a spreadsheet recomputes."""
    s1, s2, s2m = (
        "GrossScope1GreenhouseGasEmissions",
        "GrossLocationBasedScope2GreenhouseGasEmissions",
        "GrossMarketBasedScope2GreenhouseGasEmissions",
    )
    location = _sum(values, s1, s2)
    market = _sum(values, s1, s2m, every=True)
    employees = _number(values, "NumberOfEmployees")
    permanent = _number(values, "NumberOfPermanentContractEmployees")
    found = {
        "TotalGrossLocationBasedScope1AndScope2GHGEmissions": location,
        "TotalGrossMarketBasedScope1AndScope2GHGEmissions": market,
        "Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased": _per_turnover(
            location, values
        ),
        "Scope1AndScope2GreenhouseGasEmissionsIntensityValueMarketBased": _per_turnover(
            market, values
        ),
        "NumberOfTemporaryContractEmployees": (
            employees - permanent if employees is not None and permanent is not None else None
        ),
    }
    return {name: value for name, value in found.items() if value is not None}


def _table_results(table: Table, value, names: dict) -> dict:
    found = {}
    for column in table.columns:
        if not column.overwrites_formula:
            continue
        if table.rows:
            for row, cell_name in zip(table.rows, column.cells, strict=False):
                cell = _cell(column, (value or {}).get(row.code, {}).get(column.code))
                if cell is not None:
                    found[cell_name] = cell
        elif column.range_name:
            cells = _first_cells(column.range_name, names)
            for row, reference in zip(value or [], cells, strict=False):
                cell = _cell(column, row.get(column.code))
                if cell is not None:
                    found[reference] = cell
    return found


def filled_template(report: VsmeReport, points: dict[str, Datapoint]) -> bytes:
    names = template.defined_names(template_bytes())
    return template.fill(
        template_bytes(),
        template_values(report, points, names),
        formula_results(report, points, names),
    )


# The readable report ----------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    code: str
    label: str
    text: str
    unit: str
    source: str


@dataclass(frozen=True)
class Grid:
    code: str
    label: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]


@dataclass(frozen=True)
class ReadableDisclosure:
    disclosure: Disclosure
    omitted: bool
    items: list


def display(item: Field, value, language: str) -> str:
    if value is None:
        return "—"
    if item.kind == "boolean":
        return _("Yes") if value else _("No")
    if item.kind == "choice":
        return next((o.label.get(language) for o in item.options if o.code == value), value)
    if item.kind == "choices":
        labels = {o.code: o.label.get(language) for o in item.options}
        return ", ".join(labels.get(code, code) for code in value)
    if item.kind in ("number", "money", "percent"):
        text = floatformat(value, "-2g")
        return f"{text} %" if item.kind == "percent" else text
    return str(value)


def _grid(table: Table, value, language: str) -> Grid:
    columns = [column.label.get(language) for column in table.columns]
    rows = []
    if table.rows:
        for row in table.rows:
            cells = (value or {}).get(row.code, {})
            rows.append(
                (
                    row.label.get(language),
                    [display(c, cells.get(c.code), language) for c in table.columns],
                )
            )
    else:
        for index, cells in enumerate(value or [], 1):
            rows.append(
                (str(index), [display(c, cells.get(c.code), language) for c in table.columns])
            )
    return Grid(table.code, table.label.get(language), columns, rows)


def _computed_after(code: str, points: dict[str, Datapoint], language: str) -> list[Line]:
    """The datapoints Levier computes from inputs, after their last input."""
    given = {c: p.value for c, p in points.items()}
    lines = []
    for computed in extra.COMPUTED:
        result = computed.compute(given) if computed.after == code else None
        if result is not None:
            digits = "-1g" if computed.percent else "-2g"
            text = floatformat(result, digits) + (" %" if computed.percent else "")
            lines.append(
                Line(
                    computed.cell,
                    computed.label.get(language),
                    text,
                    "",
                    _("computed by Levier as the standard defines it"),
                )
            )
    return lines


def readable(report: VsmeReport, points: dict[str, Datapoint]) -> list[ReadableDisclosure]:
    language = get_language() or "fr"
    result = []
    for disclosure in services.disclosures(report):
        items = []
        omitted = disclosure.code in report.omitted
        if not omitted:
            for section in disclosure.sections:
                for item in section.items:
                    point = points.get(item.code)
                    if point is None or (point.value is None and not point.not_applicable):
                        continue
                    if isinstance(item, Table):
                        items.append(_grid(item, point.value, language))
                        continue
                    text = (
                        _("Not applicable")
                        if point.not_applicable
                        else display(item, point.value, language)
                    )
                    items.append(
                        Line(
                            item.code,
                            item.label.get(language),
                            text,
                            item.unit if item.kind not in ("percent", "text") else "",
                            point.source_text if point.source != "entered" else "",
                        )
                    )
                    items += _computed_after(item.code, points, language)
        result.append(ReadableDisclosure(disclosure, omitted, items))
    return result
