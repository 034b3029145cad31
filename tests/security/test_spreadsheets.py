"""The one way exports write cells: text a spreadsheet would run stays text."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from levier.lib.spreadsheets import append_row, cell_value, csv_bytes, imported_text, xlsx_bytes


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+33 6 12", "-", "- item", "-3.5", "@SUM(A1)", "\t=1", "\r=1", "="],
)
def test_text_a_spreadsheet_would_run_goes_behind_a_quote(text):
    assert cell_value(text) == "'" + text
    assert imported_text(cell_value(text)) == text


@pytest.mark.parametrize(
    "value",
    [
        "Plan de mobilité",
        "",
        " =1+1",  # a leading space is text to every spreadsheet
        "'quoted by its author",
        "'- kept: the author typed the quote",
        -3.5,
        -2,
        0,
        Decimal("-1.25"),
        None,
        True,
        datetime.date(2026, 12, 3),
    ],
)
def test_everything_else_is_written_as_it_is(value):
    assert cell_value(value) == value


def test_lazy_translations_are_written_as_text():
    assert cell_value(gettext_lazy("Overall")) in ("Overall", "Global")


def test_only_a_quote_our_export_added_is_removed_on_import():
    assert imported_text("'=1+1") == "=1+1"
    assert imported_text("'quoted by its author") == "'quoted by its author"
    assert imported_text("'") == "'"


def test_csv_cells_are_neutralised_and_numbers_stay_numbers():
    content = csv_bytes([["=1+1", -3.5, "- item", "-"], ["ok", 2, "", None]], delimiter=";")

    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["'=1+1", "-3.5", "'- item", "'-"], ["ok", "2", "", ""]]


def _read_back(rows) -> list[list]:
    book = Workbook()
    for row in rows:
        append_row(book.active, row)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(book))).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


def test_xlsx_cells_are_text_and_numbers_stay_numeric():
    (row,) = _read_back([[-3.5, "-3.5", "- item", "-", "=A1", "#N/A", "Vélo"]])

    assert row == [
        (-3.5, "n"),
        ("'-3.5", "s"),
        ("'- item", "s"),
        ("'-", "s"),
        ("'=A1", "s"),
        ("#N/A", "s"),  # openpyxl would make an error value of it
        ("Vélo", "s"),
    ]


def test_control_characters_cannot_hide_a_formula_nor_break_the_file():
    (row,) = _read_back([["\x00=1+1", "a\x07b"]])

    assert row == [("'=1+1", "s"), ("ab", "s")]


def test_append_row_returns_its_cells_to_style_them():
    book = Workbook()

    cells = append_row(book.active, ["Titre", 3])

    assert [cell.coordinate for cell in cells] == ["A1", "B1"]
    assert [cell.coordinate for cell in append_row(book.active, [])] == []
    assert append_row(book.active, ["x"])[0].coordinate == "A3"
