"""The filled EFRAG template: every datapoint of a report read back through
the template's own names (tables, fixed rows, units, choices as the
drop-downs' texts, percentages as fractions), the report's identification
and period, and omitted disclosures ticked and left empty."""

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from levier.engine.vsme import template
from levier.engine.vsme.catalogue import Field, Table
from levier.vsme import exports, extra, services
from tests.vsme.factories import fill_required, make_report

pytestmark = pytest.mark.django_db

BLANK = exports.TEMPLATE.read_bytes()
BLANK_BOOK = openpyxl.load_workbook(io.BytesIO(BLANK), data_only=True)


def _download(client, report) -> bytes:
    response = client.get(
        reverse("vsme_report_template", args=[report.organisation.slug, report.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return response.content


def _expected_cell(field: Field, value):
    """What the template's cell holds for a stored value, by the storage the
    catalogue gives (written here from the template's own conventions)."""
    options = {o.code: o.value for o in field.options}
    if field.storage == "checkbox":
        return bool(value)
    if field.storage == "yes_no" or (field.kind == "boolean" and field.storage == "value"):
        return ("YES" if value else "NO") if field.storage == "yes_no" else bool(value)
    if field.storage == "option" or field.kind == "choice":
        return options[value]
    if field.kind == "percent":
        return pytest.approx(value / 100)
    if field.kind == "date":
        return date.fromisoformat(value)
    return value


def test_every_datapoint_reads_back_through_the_templates_names(client, organisation, org_admin):
    report = make_report(organisation, org_admin, module="comprehensive")
    report.identifier_scheme, report.identifier = "LEI", "969500ABCDEF12345678"
    report.save()
    fill_required(report, org_admin, everything=True)
    client.force_login(org_admin)
    filled = _Reader(_download(client, report))
    points = services.datapoints(report)
    compared = 0
    for disclosure in services.disclosures(report):
        for section in disclosure.sections:
            for item in section.items:
                value = points[item.code].value
                if isinstance(item, Table):
                    compared += _compare_table(filled, item, value)
                    continue
                if not item.range_name or item.overwrites_formula:
                    continue
                read = filled.read([item.range_name])[item.range_name]
                if isinstance(read, list) and item.storage != "option_per_cell":
                    read = read[0][0]  # a cell merged over several columns
                if item.storage == "option_per_cell":
                    assert read[0] == [item.options[0].value] or read[0] == item.options[0].value
                elif item.storage == "checkbox_per_option":
                    sheet = template.defined_names(BLANK)[item.range_name].sheet
                    first = item.options[0]
                    box = f"'{sheet}'!{first.cell}"
                    assert filled.read([box])[box] is True
                else:
                    assert read == _expected_cell(item, value), item.code
                compared += 1
    assert compared > 60
    meta = filled.read(
        [
            "template_reporting_entity_name",
            "template_reporting_entity_identifier_scheme",
            "template_reporting_entity_identifier",
            "template_currency",
            "'General Information'!D6",
            "'General Information'!D7",
            "'General Information'!D8",
            "'General Information'!D10",
            "'General Information'!D11",
            "'General Information'!D12",
        ],
    )
    assert list(meta.values()) == [
        [[organisation.name, None]],
        "LEI",
        "969500ABCDEF12345678",
        "EUR",
        2025,
        1,
        1,
        2025,
        12,
        31,
    ]


class _Reader:
    """Reads a workbook through names, parsing it once for all of them."""

    def __init__(self, workbook: bytes):
        self.workbook = workbook
        names = template.defined_names(workbook)
        self.values = template.read(workbook, list(names))

    def read(self, names):
        missing = [n for n in names if n not in self.values]
        if missing:
            self.values.update(template.read(self.workbook, missing))
        return {n: self.values[n] for n in names}


BLANK_READER = _Reader(BLANK)


def _compare_table(filled, table: Table, value) -> int:
    count = 0
    for column in table.columns:
        if column.overwrites_formula:
            continue
        if table.rows:
            for row, name in zip(table.rows, column.cells, strict=False):
                given = (value or {}).get(row.code, {}).get(column.code)
                read = filled.read([name])[name]
                if given is None:
                    assert read is None, name
                else:
                    assert read == _expected_cell(column, given), name
                count += 1
        elif column.range_name and column.code in value[0]:
            read = filled.read([column.range_name])[column.range_name]
            first = read[0][0] if isinstance(read[0], list) else read[0]
            assert first == _expected_cell(column, value[0][column.code]), column.code
            # The rows after the last one stay as the blank template has them.
            blank = BLANK_READER.read([column.range_name])[column.range_name]
            assert read[len(value) :] == blank[len(value) :]
            count += 1
    return count


def test_the_period_reads_as_the_converter_reads_it(client, organisation, org_admin):
    """EFRAG's converter reads the stored results of the template's formulas
    (openpyxl, data_only): the period's dates must be there, not "-"."""
    report = make_report(organisation, org_admin, year=2024)
    client.force_login(org_admin)
    book = openpyxl.load_workbook(io.BytesIO(_download(client, report)), data_only=True)
    sheet = book["General Information"]
    assert (sheet["D9"].value, sheet["D13"].value) == ("2024-01-01", "2024-12-31")
    formulas = openpyxl.load_workbook(io.BytesIO(_download(client, report)))
    assert str(formulas["General Information"]["D9"].value).startswith("=IF(")


def test_the_pay_gap_and_replaced_formulas_read_as_the_converter_reads_them(
    client, organisation, org_admin
):
    """B10's gap, computed from the hourly pay of men and women as the
    standard defines it, and a value that replaces a template's formula (the
    accident rate), are stored as the formulas' results."""
    report = make_report(organisation, org_admin)
    services.save_value(report, extra.MALE_PAY, 20.0, org_admin)
    services.save_value(report, extra.FEMALE_PAY, 18.0, org_admin)
    services.save_value(
        report, "RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod", 4.5, org_admin
    )
    client.force_login(org_admin)
    filled = _download(client, report)
    book = openpyxl.load_workbook(io.BytesIO(filled), data_only=True)
    social = book["Social Disclosures"]
    assert (social["D148"].value, social["D149"].value) == (20, 18)
    assert social["D150"].value == pytest.approx((20 - 18) / 20)
    assert social["D143"].value == 4.5
    page = client.get(
        reverse("vsme_report_read", args=[organisation.slug, report.pk]),
        headers={"accept-language": "en"},
    )
    assert "Pay gap between women and men" in page.content.decode()
    assert "10 %" in page.content.decode()


def test_turnover_and_board_ratio_are_computed_from_their_inputs(client, organisation, org_admin):
    report = make_report(organisation, org_admin, module="comprehensive")
    for code, value in {
        extra.LEFT: 6.0,
        extra.AT_START: 50.0,
        extra.AT_END: 70.0,
        extra.HAS_BOARD: True,
        extra.FEMALE_BOARD: 3,
        extra.MALE_BOARD: 4,
    }.items():
        services.save_value(report, code, value, org_admin)
    client.force_login(org_admin)
    book = openpyxl.load_workbook(io.BytesIO(_download(client, report)), data_only=True)
    social, governance = book["Social Disclosures"], book["Governance Disclosures"]
    assert (social["D134"].value, social["D135"].value, social["D136"].value) == (6, 50, 70)
    assert social["D137"].value == pytest.approx(6 / 60)
    assert governance["H30"].value is True
    assert (governance["H31"].value, governance["H32"].value) == (3, 4)
    assert governance["H33"].value == pytest.approx(0.75)
    page = client.get(
        reverse("vsme_report_read", args=[organisation.slug, report.pk]),
        headers={"accept-language": "en"},
    ).content.decode()
    assert "Employee turnover rate" in page and "10 %" in page
    assert "Gender diversity ratio of the governance body" in page and "0.75" in page


def test_an_omitted_disclosure_is_ticked_and_left_empty(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    fill_required(report, org_admin)
    report.omitted = ["B9"]
    report.save()
    client.force_login(org_admin)
    filled = _Reader(_download(client, report))
    names = template.defined_names(BLANK)
    boxes = [name for name in names if name.startswith("template_checkbox_b9_")]
    assert boxes
    assert all(filled.read(boxes)[name] is True for name in boxes)
    b9 = services.catalogue().disclosure("B9")
    written = filled.read([f.range_name for f in b9.fields() if f.range_name])
    assert all(value is None for value in written.values())


def test_everything_else_in_the_workbook_is_the_template_unchanged(
    client, organisation, org_admin
):
    report = make_report(organisation, org_admin)
    fill_required(report, org_admin)
    client.force_login(org_admin)
    filled = zipfile.ZipFile(io.BytesIO(_download(client, report)))
    blank = zipfile.ZipFile(io.BytesIO(BLANK))
    assert filled.namelist() == blank.namelist()
    changed = [n for n in blank.namelist() if blank.read(n) != filled.read(n)]
    assert set(changed) <= {"xl/workbook.xml"} | {
        n for n in changed if n.startswith("xl/worksheets/sheet")
    }
    assert "xl/styles.xml" not in changed
    assert "xl/sharedStrings.xml" not in changed


def test_the_templates_totals_are_stored_as_it_computes_them(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    for code, value in {
        "GrossScope1GreenhouseGasEmissions": 12.0,
        "GrossLocationBasedScope2GreenhouseGasEmissions": 3.0,
        "Turnover": 1_500_000.0,
        "NumberOfEmployees": 20.0,
        "NumberOfPermanentContractEmployees": 17.0,
    }.items():
        services.save_value(report, code, value, org_admin)
    client.force_login(org_admin)
    book = openpyxl.load_workbook(io.BytesIO(_download(client, report)), data_only=True)
    environment, social = book["Environmental Disclosures"], book["Social Disclosures"]
    assert environment["D25"].value == 15
    assert environment["G66"].value == pytest.approx(15 / 1_500_000)
    # The market-based total needs market-based scope 2: left as the template has it.
    assert environment["D26"].value == BLANK_BOOK["Environmental Disclosures"]["D26"].value
    assert social["D11"].value == 3
