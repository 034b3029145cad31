"""The VSME Digital Template writer: EFRAG's own template filled through its
named ranges, read back with openpyxl, and compared byte for byte with the
template everywhere we did not write."""

import datetime as dt
import io
import posixpath
import re
import warnings
import zipfile
from collections import defaultdict
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.styles import Protection
from openpyxl.workbook.defined_name import DefinedName

from levier.engine.vsme.template import (
    MAIN,
    RELATIONSHIPS,
    ConflictingValues,
    InvalidValue,
    NotAFormula,
    NotAnInput,
    Range,
    TooManyRows,
    UnknownName,
    WrongShape,
    defined_names,
    fill,
    read,
)

ROOT = Path(__file__).resolve().parents[3]
# EFRAG's files, vendored unchanged with their licence.
FOLDER = ROOT / "levier" / "vsme" / "data" / "efrag"
BLANK = FOLDER / "VSME-Digital-Template-1.3.0.xlsx"
SAMPLE = FOLDER / "VSME-Digital-Template-Sample-1.3.0.xlsx"

GENERAL = "General Information"
# Inputs of the template that have no name: the reporting period.
PERIOD = [f"'{GENERAL}'!D{row}" for row in (6, 7, 8, 10, 11, 12)]
# Text the sample lacks: accents, typographic signs, an emoji, line breaks.
TEXTS = {
    "DescriptionOfMainBusinessRelationships": "Fournisseurs régionaux « circuits courts » ✓\n"
    "Coopérative d'électricité — contrat 2025–2027 🌱",
    "DescriptionOfSignificantMarketsTheUndertakingOperatesIn": "  Île-de-France\r\nÅland\n\n",
}
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def blank() -> bytes:
    return BLANK.read_bytes()


@cache
def sample() -> bytes:
    return SAMPLE.read_bytes()


@cache
def workbook(data: bytes) -> openpyxl.Workbook:
    """The template, the sample and the sample filled into the template, fully
    loaded by openpyxl once."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(io.BytesIO(data))


class Cell(NamedTuple):
    value: object
    data_type: str


def sheet_cells(data: bytes, title: str) -> defaultdict[str, Cell]:
    """A sheet's cells as openpyxl reads them (read-only, so quickly): a
    missing cell is empty."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        try:
            found = defaultdict(lambda: Cell(None, "n"))
            for row in book[title].iter_rows():
                for cell in row:
                    if isinstance(cell, ReadOnlyCell):
                        found[cell.coordinate] = Cell(cell.value, cell.data_type)
            return found
        finally:
            book.close()


def is_input(sheet, cell) -> bool:
    """openpyxl's view, independent of the writer's: what a person filling
    the template in Excel can type into."""
    if isinstance(cell, MergedCell) or cell.data_type == "f":
        return False
    return not (sheet.protection.sheet and cell.protection.locked)


@cache
def sample_values() -> tuple[dict, dict]:
    """Every name with at least one input cell, with the sample's values in
    its input cells (None elsewhere), and the cells written."""
    template, filled = workbook(blank()), workbook(sample())
    values, written = {}, {}
    ranges = {**defined_names(blank()), **{key: parse(key) for key in PERIOD}}
    for name, where in ranges.items():
        sheet, source = template[where.sheet], filled[where.sheet]
        grid, inputs = [], []
        for row in where.cells():
            grid.append([])
            for reference in row:
                if is_input(sheet, sheet[reference]):
                    inputs.append(reference)
                    grid[-1].append(source[reference].value)
                else:
                    grid[-1].append(None)
        if not inputs:
            continue
        values[name] = grid[0][0] if where.rows == where.columns == 1 else grid
        written[name] = (where.sheet, [ref for ref in inputs if source[ref].value is not None])
    values.update(TEXTS)
    return values, written


@cache
def filled_sample() -> bytes:
    return fill(blank(), sample_values()[0])


def parse(key: str) -> Range:
    sheet, cell = key.rsplit("!", 1)
    return Range(sheet.strip("'"), cell, cell)


def members(data: bytes) -> dict[str, tuple[int, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            info.filename: (info.compress_type, archive.read(info)) for info in archive.infolist()
        }


def sheet_paths(data: bytes) -> dict[str, str]:
    """Sheet title -> zip member."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relationships = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        link.get("Id"): posixpath.normpath(posixpath.join("xl", link.get("Target"))).lstrip("/")
        for link in relationships
    }
    return {
        sheet.get("name"): targets[sheet.get(f"{{{RELATIONSHIPS}}}id")]
        for sheet in book.iter(f"{{{MAIN}}}sheet")
    }


def cells(xml: str) -> dict[str, str]:
    pattern = r'(<c r="([A-Z]+[0-9]+)"(?:[^>]*?/>|[^>]*?>.*?</c>))'
    return {reference: whole for whole, reference in re.findall(pattern, xml, re.DOTALL)}


def cell_xml(xml: str, reference: str) -> str:
    return re.search(rf'<c r="{reference}"(?:[^>]*?/>|[^>]*?>.*?</c>)', xml, re.DOTALL)[0]


def sheet_xml(data: bytes, title: str) -> str:
    return members(data)[sheet_paths(data)[title]][1].decode("utf-8")


# -- the whole sample --------------------------------------------------------


def test_the_sample_filled_into_the_blank_template_reads_back_the_same():
    values, written = sample_values()
    result = workbook(filled_sample())
    source, template = workbook(sample()), workbook(blank())
    compared = 0
    for name, (title, references) in written.items():
        for reference in references:
            got, expected = result[title][reference], source[title][reference]
            expected_value = TEXTS.get(name, expected.value)
            assert (type(got.value), got.value) == (type(expected_value), expected_value), (
                name,
                reference,
            )
            assert got.style_id == template[title][reference].style_id
        compared += bool(references)
    # The template has 204 names with an input cell (157 without the template_
    # prefix: its checkboxes, the entity's name and identifier are inputs
    # too); with the reporting period's 6 unnamed cells, 210 ranges, 181 of
    # which the sample fills (1,344 cells).
    assert len(written) == 210
    assert compared == 181
    assert {type(value) for name in written for value in flat(values[name])} >= {int, str, bool}
    # The sample is read back through the names as from EFRAG's sample itself.
    names = [name for name in values if name not in TEXTS]
    assert read(filled_sample(), names) == read(sample(), names)
    assert read(filled_sample(), list(TEXTS)) == TEXTS


def flat(value) -> list:
    if isinstance(value, list):
        return [item for row in value for item in row if item is not None]
    return [value] if value is not None else []


def test_only_the_written_sheets_and_the_workbook_change_and_only_where_written():
    before, after = members(blank()), members(filled_sample())
    assert list(before) == list(after)  # same members, same order
    assert [kind for kind, _ in before.values()] == [kind for kind, _ in after.values()]
    changed = {path for path in before if before[path][1] != after[path][1]}
    paths = sheet_paths(blank())
    _, written = sample_values()
    sheets = {title for title, references in written.values() if references}
    assert changed == {"xl/workbook.xml"} | {paths[title] for title in sheets}
    assert "xl/calcChain.xml" in after and "xl/sharedStrings.xml" not in changed

    workbook_xml = after["xl/workbook.xml"][1]
    assert b'<calcPr calcId="191028" fullCalcOnLoad="1"/>' in workbook_xml
    assert workbook_xml.replace(b' fullCalcOnLoad="1"', b"") == before["xl/workbook.xml"][1]

    for title in sheets:
        old = before[paths[title]][1].decode("utf-8")
        new = after[paths[title]][1].decode("utf-8")
        # Namespaces, mc:Ignorable, data validations, protection, merges,
        # conditional formats, extensions: all outside sheetData, untouched.
        assert new[: new.index("<sheetData")] == old[: old.index("<sheetData")]
        assert new[new.index("</sheetData>") :] == old[old.index("</sheetData>") :]
        for part in ("<dataValidations", "<extLst>", "<x14:dataValidations"):
            if part in old:
                assert new.count(part) == old.count(part) >= 1
        ours = {ref for name, (t, refs) in written.items() if t == title for ref in refs}
        old_cells, new_cells = cells(old), cells(new)
        assert set(old_cells) <= set(new_cells)
        for reference, xml in old_cells.items():
            if reference not in ours:
                assert new_cells[reference] == xml, (title, reference)
    # The drop-down lists of the sites' countries are still there.
    general = after[paths[GENERAL]][1].decode("utf-8")
    assert "<x14:dataValidation " in general or "<dataValidation " in general


def test_the_filled_workbook_is_a_valid_package_for_openpyxl():
    with zipfile.ZipFile(io.BytesIO(filled_sample())) as archive:
        assert archive.testzip() is None
    result = workbook(filled_sample())
    assert result.sheetnames == workbook(blank()).sheetnames
    assert set(result.defined_names) == set(workbook(blank()).defined_names)


# -- tables ------------------------------------------------------------------


SITES = [
    [None, "12 rue des Lilas", "01000", "Bourg-en-Bresse", "France", None],
    [None, "Zone artisanale, lot 4", "69100", "Villeurbanne", "France", None],
    [None, "Via Roma 1", "20121", "Milano", "Italy", None],
]


def test_three_sites_fill_three_rows_and_leave_the_ninety_seven_others_as_they_were():
    result = fill(blank(), {"ListOfSitesTable": SITES})
    sheet, template = sheet_cells(result, GENERAL), sheet_cells(blank(), GENERAL)
    assert [[sheet[f"{column}{row}"].value for column in "DEFG"] for row in (406, 407, 408)] == [
        row[1:5] for row in SITES
    ]
    for row in range(409, 506):
        assert [sheet[f"{column}{row}"].value for column in "DEFG"] == [None] * 4
    for row in range(406, 506):
        # None left the identifiers and the GPS formulas of the template.
        assert sheet[f"C{row}"].value == row - 405
        assert sheet[f"H{row}"] == template[f"H{row}"]
        assert sheet[f"H{row}"].data_type == "f"
    assert read(result, ["AddressOfSite", "PostalCodeOfSite"]) == {
        "AddressOfSite": [[row[1]] for row in SITES],
        "PostalCodeOfSite": [[row[2]] for row in SITES],  # text: the leading zero stays
    }


def test_a_one_column_range_takes_a_flat_list():
    result = fill(blank(), {"CityOfSite": ["Lyon", None, "Nantes"]})
    assert read(result, ["CityOfSite"]) == {"CityOfSite": [["Lyon"], [None], ["Nantes"]]}


def test_more_rows_than_the_table_holds_are_refused_with_the_numbers():
    with pytest.raises(TooManyRows) as refused:
        fill(blank(), {"AddressOfSite": [f"Site {n}" for n in range(101)]})
    assert (refused.value.name, refused.value.given, refused.value.room) == (
        "AddressOfSite",
        101,
        100,
    )
    assert "101 rows given" in str(refused.value) and "room for 100" in str(refused.value)
    assert fill(blank(), {"AddressOfSite": [f"Site {n}" for n in range(100)]})


# -- text --------------------------------------------------------------------


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x0b", "\x0c", "\x1f", "\ufffe"])
def test_text_with_a_character_xml_cannot_carry_is_refused_not_stripped(character):
    with pytest.raises(InvalidValue) as refused:
        fill(blank(), {"DescriptionOfMainBusinessRelationships": f"ab{character}cd"})
    assert refused.value.cell == "E529"
    assert f"U+{ord(character):04X} at position 3" in str(refused.value)


def test_tabs_line_feeds_and_carriage_returns_are_kept():
    text = "a\tb\nc\r\nd\re "
    result = fill(blank(), {"DescriptionOfMainBusinessRelationships": text})
    assert sheet_cells(result, GENERAL)["E529"].value == text
    assert read(result, ["DescriptionOfMainBusinessRelationships"]) == {
        "DescriptionOfMainBusinessRelationships": text
    }


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://example.com","x")', "=1+1", "+33 4 78 00 00 00", "@SUM(A1)"]
)
def test_a_text_starting_like_a_formula_is_written_as_text(text):
    result = fill(blank(), {"DescriptionOfMainBusinessRelationships": text})
    xml = cell_xml(sheet_xml(result, GENERAL), "E529")
    assert 't="inlineStr"' in xml and "<f>" not in xml and "<f " not in xml
    cell = sheet_cells(result, GENERAL)["E529"]
    assert (cell.data_type, cell.value) == ("s", text)


def test_excel_escape_sequences_in_text_are_themselves_escaped():
    text = "code _x0041_ and _x000D_ stay as typed"
    result = fill(blank(), {"DescriptionOfMainBusinessRelationships": text})
    assert "_x005F_x0041_" in cell_xml(sheet_xml(result, GENERAL), "E529")
    assert read(result, ["DescriptionOfMainBusinessRelationships"]) == {
        "DescriptionOfMainBusinessRelationships": text
    }


def test_text_up_to_excels_limit_is_written_and_beyond_it_refused():
    longest = "é" * 32_767
    result = fill(blank(), {"DescriptionOfMainBusinessRelationships": longest})
    assert read(result, ["DescriptionOfMainBusinessRelationships"]) == {
        "DescriptionOfMainBusinessRelationships": longest
    }
    for too_long in ("a" * 32_768, "🌱" * 16_384):  # an emoji counts two, as in Excel
        with pytest.raises(InvalidValue, match="32768 characters long, Excel's limit is 32767"):
            fill(blank(), {"DescriptionOfMainBusinessRelationships": too_long})


def test_none_and_empty_text_leave_the_templates_cell_as_it_is():
    result = fill(blank(), {"Assets": None, "AmountOfEmissionToAir_unit": ""})
    assert sheet_xml(result, GENERAL) == sheet_xml(blank(), GENERAL)
    assert sheet_cells(result, "Environmental Disclosures")["C78"].value == "metric tonnes (t)"


# -- numbers and booleans ----------------------------------------------------


def test_numbers_and_booleans_keep_their_type():
    result = fill(
        blank(),
        {
            "Assets": Decimal("1250000.50"),
            "Turnover": 23_500,
            "NumberOfEmployees": 12.5,
            "ReportContainsDisclosuresFromThePreviousReportingPeriodThatRemainUnchanged": True,
        },
    )
    sheet = sheet_cells(result, GENERAL)
    assert [(type(sheet[ref].value), sheet[ref].value) for ref in ("E282", "E283", "E284")] == [
        (float, 1250000.5),
        (int, 23500),
        (float, 12.5),
    ]
    assert sheet["E21"].value is True
    assert 't="b"' in cell_xml(sheet_xml(result, GENERAL), "E21")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (float("nan"), "not a number Excel can hold"),
        (float("inf"), "not a number Excel can hold"),
        (Decimal("NaN"), "not a number Excel can hold"),
        (2**53 + 1, "more digits than Excel keeps"),
        (object(), "a value of type object cannot go in a cell"),
        (dt.date(2025, 1, 1), "does not show a date"),
    ],
)
def test_values_no_cell_can_hold_are_refused(value, message):
    with pytest.raises(InvalidValue, match=message):
        fill(blank(), {"Assets": value})


# -- errors ------------------------------------------------------------------


def test_an_unknown_name_is_refused():
    with pytest.raises(UnknownName) as refused:
        fill(blank(), {"NoSuchName": 1})
    assert refused.value.name == "NoSuchName"
    for key in ("'No such sheet'!A1", "#REF!", 42):
        with pytest.raises(UnknownName):
            fill(blank(), {key: 1})
    with pytest.raises(UnknownName):
        read(blank(), ["NoSuchName"])


@pytest.mark.parametrize(
    ("name", "value", "cell", "reason"),
    [
        ("EmployeeTurnoverRate", 0.1, "D137", "formula"),
        ("template_reporting_period_startdate", "2025-01-01", "D9", "formula"),
        ("ListOfSitesTable", [[None, None, None, None, None, "45.7, 4.8"]], "H406", "formula"),
        ("TypeOfPollutantAxis", [["Arsenic", "Arsenic", None]], "E80", "merged"),
        ("enum_ListYesNo", ["MAYBE"], "O2", "locked"),
        ("template_reporting_template_version", "9.9.9", "C1", "locked"),
    ],
)
def test_a_cell_that_is_no_input_is_refused(name, value, cell, reason):
    with pytest.raises(NotAnInput) as refused:
        fill(blank(), {name: value})
    assert (refused.value.name, refused.value.cell, refused.value.reason) == (name, cell, reason)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ListOfSubsidiaryTable", [[1, "Filiale"]], "row 1 has 2 values, the range is 3 wide"),
        ("ListOfSubsidiaryTable", [[1, "A", "B"], [2, "A", "B", "C"]], "row 2 has 4 values"),
        ("ListOfSubsidiaryTable", [[1, "A", "B"], "C"], "row 2 is not a list"),
        ("ListOfSubsidiaryTable", "Filiale", "give a list of rows"),
        ("Assets", [1], "one cell: give one value"),
        ("Assets", [[1]], "one cell: give one value"),
    ],
)
def test_a_value_of_the_wrong_shape_is_refused(name, value, message):
    with pytest.raises(WrongShape, match=message):
        fill(blank(), {name: value})


def test_overlapping_names_must_agree():
    rows = [["Arsenic", None, None, 1, None, None, 4, 5]]  # D:F and G:I are merged
    agreed = fill(blank(), {"AmountOfEmissionsTable": rows, "TypeOfPollutantAxis": [rows[0][:3]]})
    assert read(agreed, ["TypeOfPollutantAxis"]) == {"TypeOfPollutantAxis": [rows[0][:3]]}
    with pytest.raises(ConflictingValues) as refused:
        fill(
            blank(),
            {"AmountOfEmissionsTable": rows, "TypeOfPollutantAxis": [["Lead", None, None]]},
        )
    assert refused.value.names == ("AmountOfEmissionsTable", "TypeOfPollutantAxis")
    assert refused.value.cell == "'Environmental Disclosures'!$D$80"


# -- names -------------------------------------------------------------------


def test_defined_names_are_ranges_of_the_templates_sheets():
    names = defined_names(blank())
    assert names["Assets"] == Range(GENERAL, "E282", "E282")
    assert str(names["Assets"]) == "'General Information'!$E$282"
    sites = names["AddressOfSite"]
    assert (sites.rows, sites.columns) == (100, 1)
    assert sites.cells()[:2] == [["D406"], ["D407"]] and sites.cells()[-1] == ["D505"]
    block = names["AmountOfEmissionToAir"]
    assert (block.rows, block.columns, block.cells()[0]) == (100, 3, ["G80", "H80", "I80"])
    # Broken (#REF!) and sheet-scoped names are left out.
    assert "enum_ListNACECode" not in names and "_xlnm._FilterDatabase" not in names
    assert len(names) == 841


def test_a_range_is_normalised_and_immutable():
    assert Range("S", "C5", "A1") == Range("S", "A1", "C5")
    assert Range("It's", "A1", "B2").cells() == [["A1", "B1"], ["A2", "B2"]]
    assert str(Range("It's", "A1", "B2")) == "'It''s'!$A$1:$B$2"
    with pytest.raises(AttributeError):
        Range("S", "A1", "A1").sheet = "T"  # type: ignore[misc]


def test_the_reporting_period_goes_through_sheet_qualified_references():
    period = dict(zip(PERIOD, [2025, 1, 1, 2025, 12, 31], strict=True))
    result = fill(blank(), period)
    assert read(result, PERIOD) == period


# -- hand-made workbooks: dates, missing rows and cells ----------------------


def small_template(*, edit=None) -> bytes:
    """A protected sheet: B2 an unlocked date cell, B3 an unlocked number
    cell, C3 a formula, column D unlocked and showing dates and column F
    unlocked (their cells do not exist), row 5 empty but for its height, A1
    locked; and an empty sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Report"
    sheet["A1"] = "Label"
    sheet["B2"].number_format = "yyyy-mm-dd"
    sheet["B2"].protection = Protection(locked=False)
    sheet["B3"].protection = Protection(locked=False)
    sheet["C3"] = "=B2+1"
    sheet.column_dimensions["D"].number_format = "dd/mm/yyyy"
    sheet.column_dimensions["D"].protection = Protection(locked=False)
    sheet.column_dimensions["F"].protection = Protection(locked=False)
    sheet.row_dimensions[5].height = 30
    sheet["D9"] = "end"
    sheet.protection.sheet = True
    book.create_sheet("Empty")
    for name, reference in {
        "Start": "Report!$B$2",
        "Amount": "Report!$B$3",
        "Total": "Report!$C$3",
        "Label": "Report!$A$1",
        "Dates": "Report!$D$4:$D$8",
        "Anything": "Empty!$B$2:$C$3",
    }.items():
        book.defined_names[name] = DefinedName(name, attr_text=reference)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if edit is None:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, edit(info.filename, content.decode("utf-8")).encode("utf-8"))
    return out.getvalue()


def test_a_date_goes_into_a_date_cell_as_its_serial_number():
    result = fill(small_template(), {"Start": dt.date(2025, 1, 1)})
    assert re.search(r'<c r="B2" s="\d+"><v>45658</v></c>', sheet_xml(result, "Report"))
    assert sheet_cells(result, "Report")["B2"].value == dt.datetime(2025, 1, 1)
    assert read(result, ["Start"]) == {"Start": dt.date(2025, 1, 1)}
    noon = dt.datetime(2025, 1, 1, 12, 0)
    assert read(fill(small_template(), {"Start": noon}), ["Start"]) == {"Start": noon}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (dt.date(1900, 2, 28), "before Excel's first exact date"),
        (dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "time zone"),
    ],
)
def test_dates_excel_cannot_hold_exactly_are_refused(value, message):
    with pytest.raises(InvalidValue, match=message):
        fill(small_template(), {"Start": value})


def test_a_date_into_a_cell_that_shows_numbers_is_refused():
    with pytest.raises(InvalidValue, match="does not show a date"):
        fill(small_template(), {"Amount": dt.date(2025, 1, 1)})


def test_missing_rows_and_cells_are_created_in_order_with_the_columns_style():
    def handmade(path, xml):
        # Excel's own shapes: a self-closing empty row, rows with spans.
        xml = xml.replace('<row r="5" ht="30" customHeight="1"></row>', '<row r="5" ht="30"/>')
        return xml.replace('<row r="9">', '<row r="9" spans="4:4">')

    dates = [dt.date(2025, 1, 4), dt.date(2025, 1, 5), None, dt.date(2025, 1, 7)]
    result = fill(small_template(edit=handmade), {"Dates": dates, "Amount": 3})
    xml = sheet_xml(result, "Report")
    rows = [int(number) for number in re.findall(r'<row r="(\d+)"', xml)]
    assert rows == sorted(rows) == [1, 2, 3, 4, 5, 7, 9]
    assert '<row r="5" ht="30"><c r="D5" s="1"><v>45662</v></c></row>' in xml
    # The cell keeps its style; its former type (t="n") goes with its former value.
    assert '<row r="3"><c r="B3" s="2"><v>3</v></c><c r="C3"><f>B2+1</f>' in xml
    sheet = openpyxl.load_workbook(io.BytesIO(result))["Report"]
    assert [sheet[f"D{row}"].value for row in range(4, 9)] == [
        dt.datetime(2025, 1, 4),
        dt.datetime(2025, 1, 5),
        None,
        dt.datetime(2025, 1, 7),
        None,
    ]
    assert sheet.row_dimensions[5].height == 30
    assert read(result, ["Dates"]) == {"Dates": [[value] for value in dates]}


def test_a_written_cell_widens_its_rows_spans_and_the_sheets_dimension():
    def handmade(path, xml):
        return xml.replace('<row r="9">', '<row r="9" spans="4:4">')

    template = small_template(edit=handmade)
    result = fill(template, {"'Report'!F9": 1, "'Report'!D12": dt.date(2025, 1, 1)})
    xml = sheet_xml(result, "Report")
    assert '<row r="9" spans="4:6">' in xml
    assert '<dimension ref="A1:F12" />' in xml


def test_the_cells_of_a_protected_sheets_locked_and_formula_cells_are_refused():
    with pytest.raises(NotAnInput, match="locked"):
        fill(small_template(), {"Label": "x"})
    with pytest.raises(NotAnInput, match="formula"):
        fill(small_template(), {"Total": 1})


@pytest.mark.parametrize("empty", ["<sheetData></sheetData>", "<sheetData/>"])
def test_a_sheet_with_no_rows_gets_its_first_rows(empty):
    def handmade(path, xml):
        return xml.replace("<sheetData></sheetData>", empty)

    result = fill(small_template(edit=handmade), {"Anything": [[1, "a"], [None, True]]})
    assert '<sheetData><row r="2"><c r="B2"><v>1</v></c>' in sheet_xml(result, "Empty")
    assert read(result, ["Anything"]) == {"Anything": [[1, "a"], [None, True]]}


@pytest.mark.parametrize(
    ("calc", "expected"),
    [
        (
            '<calcPr calcId="124519" fullCalcOnLoad="0" />',
            '<calcPr calcId="124519" fullCalcOnLoad="1" />',
        ),
        ("", '<calcPr fullCalcOnLoad="1"/></workbook>'),
    ],
)
def test_the_workbook_asks_for_a_full_recalculation_on_opening(calc, expected):
    def handmade(path, xml):
        if path != "xl/workbook.xml":
            return xml
        return xml.replace('<calcPr calcId="124519" fullCalcOnLoad="1" />', calc)

    result = fill(small_template(edit=handmade), {"Amount": 1})
    workbook_xml = members(result)["xl/workbook.xml"][1].decode("utf-8")
    assert expected in workbook_xml and workbook_xml.count("<calcPr") == 1


# -- property ----------------------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
XML_CHARACTER = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


@PROPERTY
@given(rows=st.lists(st.lists(SCALARS, min_size=2, max_size=2), max_size=12))
def test_any_rows_written_to_a_table_read_back_identical(rows):
    """The subsidiaries' name and address columns: text of any character XML
    carries, numbers, booleans, gaps."""
    texts = [value for row in rows for value in row if isinstance(value, str)]
    if not all(XML_CHARACTER.fullmatch(text) for text in texts):
        with pytest.raises(InvalidValue):
            fill(blank(), {"ListOfSubsidiaryTable": [[None, *row] for row in rows]})
        return
    result = fill(blank(), {"ListOfSubsidiaryTable": [[None, *row] for row in rows]})
    expected = [[None if value == "" else value for value in row] for row in rows]
    while expected and expected[-1] == [None, None]:
        expected.pop()
    back = read(result, ["NameOfTheSubsidiary", "RegisteredAddressOfTheSubsidiary"])
    names = [row[0] for row in back["NameOfTheSubsidiary"]]
    addresses = [row[0] for row in back["RegisteredAddressOfTheSubsidiary"]]
    width = max(len(names), len(addresses))
    names += [None] * (width - len(names))
    addresses += [None] * (width - len(addresses))
    got = [[name, address] for name, address in zip(names, addresses, strict=True)]
    assert [[(type(v), v) for v in row] for row in got] == [
        [(type(v), v) for v in row] for row in expected
    ]


def test_a_formulas_stored_result_is_written_and_its_formula_kept():
    template_bytes = blank()
    filled = fill(
        template_bytes,
        {"'General Information'!D6": 2024},
        {"template_reporting_period_startdate": "2024-01-01"},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = openpyxl.load_workbook(io.BytesIO(filled), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(filled))
    assert results["General Information"]["D9"].value == "2024-01-01"
    assert str(formulas["General Information"]["D9"].value).startswith("=IF(")


def test_a_result_for_a_cell_without_formula_is_refused():
    with pytest.raises(NotAFormula):
        fill(blank(), {}, {"Assets": 12})
