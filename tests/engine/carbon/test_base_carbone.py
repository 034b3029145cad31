"""Reading Base Carbone / Base Empreinte exports, without Django."""

import codecs
import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levier.engine.carbon import base_carbone as bc
from levier.engine.carbon.units import UNITS

# ADEME's Base Carbone V20.2 extract published by Datagir (MIT, see LICENSE-datagir-MIT.txt).
EXTRACT = (
    Path(__file__).resolve().parents[2] / "carbon" / "data" / "base-carbone-v20.2-extract.csv"
)
HEADER = [
    "Type Ligne",
    "Identifiant de l'élément",
    "Statut de l'élément",
    "Nom base français",
    "Nom base anglais",
    "Code de la catégorie",
    "Unité français",
    "Localisation géographique",
    "Incertitude",
    "Type poste",
    "Total poste non décomposé",
]


def export(rows, delimiter=",", encoding="utf-8-sig", header=HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def row(
    kind="Elément", identifier="100", name="Gazole", unit="kgCO2e/litre", total="3.1", post=""
):
    return [
        kind,
        identifier,
        "Valide générique",
        name,
        "Diesel",
        "Combustibles > Fossiles",
        unit,
        "France continentale",
        "10",
        post,
        total,
    ]


def test_the_real_extract_reads_whole_with_counts_from_the_file():
    data = EXTRACT.read_bytes()
    with EXTRACT.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    identifiers = {r["Identifiant de l'élément"] for r in rows if r["Identifiant de l'élément"]}

    parsed = bc.parse(data)

    assert parsed.errors == []
    assert parsed.rows == len(rows)
    assert parsed.without_id == sum(1 for r in rows if not r["Identifiant de l'élément"])
    assert {e.source_id for e in parsed.elements} == identifiers
    assert all(e.unit in UNITS for e in parsed.elements)
    by_id = {e.source_id: e for e in parsed.elements}
    first = next(r for r in rows if r["Identifiant de l'élément"])
    element = by_id[first["Identifiant de l'élément"]]
    assert element.value == pytest.approx(float(first["Total poste non décomposé"]))
    assert element.perimeter == first["Type poste"]  # post lines only: the posts read
    # Mis-encoded text is mended.
    assert not any("Ã" in e.name_fr + e.category for e in parsed.elements)


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("kgCO2e/kWhPCI", "kWh_PCI"),
        ("kgCO2e/KWh PCI", "kWh_PCI"),
        ("kgCO2e/kWh (PCI)", "kWh_PCI"),
        ("kgCO2e/kWh PCS", "kWh_PCS"),
        ("kgCO2e/Litre", "L"),
        ("kgCO2e/litre", "L"),
        ("kgCO2e/TEP PCI", "tep_PCI"),
        ("kgCO2e/Tep PCS", "tep_PCS"),
        ("kgCO2e/GJ PCI", "GJ_PCI"),
        ("kgCO2e/passager.km", "passenger_km"),
        ("kgCO2e/peq.km", "peq_km"),
        ("kgCO2e/t.km", "t_km"),
        ("kgCO2e/tonne", "t"),
        ("kgCO2e/m3 (n)", "m3"),
        ("kgCO2e/k€", "kEUR"),
        ("kgCO2e/kg BioGNC", "kg"),
        ("kg CO2e / kWh", "kWh"),
    ],
)
def test_unit_labels_become_codes(label, code):
    assert bc.normalise_unit(label) == code


@pytest.mark.parametrize("label", ["kgCO2e/parsec", "litre", "", "kgCO2e/kWh PCX"])
def test_unknown_units_are_none(label):
    assert bc.normalise_unit(label) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [("9.60E-04", 0.00096), ("0,5", 0.5), ("1 234,5", 1234.5), ("12", 12.0), ("-3", -3.0)],
)
def test_numbers_as_exports_write_them(text, number):
    assert bc.parse_number(text) == pytest.approx(number)


@pytest.mark.parametrize("text", ["", "abc", "nan", "inf", "1,2,3"])
def test_not_numbers(text):
    assert bc.parse_number(text) is None


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_a_number_written_with_a_decimal_comma_reads_back(value):
    assert bc.parse_number(repr(value).replace(".", ",")) == pytest.approx(value)


def test_semicolons_and_windows_1252_read_like_commas_and_utf8():
    rows = [row(name="Électricité", total="0,052", unit="kgCO2e/kWh")]
    semicolons = bc.parse(export(rows, delimiter=";", encoding="cp1252"))
    commas = bc.parse(export(rows))

    assert semicolons.elements == commas.elements
    assert semicolons.elements[0].name_fr.startswith("Électricité")
    assert semicolons.elements[0].value == pytest.approx(0.052)


def test_a_mark_of_utf8_or_none_reads_the_same():
    rows = [row()]
    assert bc.parse(export(rows, encoding="utf-8")).elements == bc.parse(export(rows)).elements


def test_an_element_line_gives_the_total_else_the_posts_are_summed():
    with_total = bc.parse(
        export(
            [
                row("Elément", "1", total="3.2"),
                row("Poste", "1", total="2.5", post="Combustion"),
                row("Poste", "1", total="0.6", post="Amont"),
            ]
        )
    )
    posts_only = bc.parse(
        export(
            [
                row("Poste", "2", total="2.5", post="Combustion"),
                row("Poste", "2", total="0.6", post="Amont"),
            ]
        )
    )

    assert with_total.elements[0].value == pytest.approx(3.2)
    assert with_total.elements[0].perimeter == "Total"
    assert posts_only.elements[0].value == pytest.approx(2.5 + 0.6)
    assert posts_only.elements[0].perimeter == "Combustion + Amont"


def test_rows_without_identifier_are_counted_and_duplicates_reported():
    parsed = bc.parse(
        export([row(identifier=""), row(identifier="7"), row(identifier="7", total="9")])
    )

    assert parsed.without_id == 1
    assert [e.source_id for e in parsed.elements] == ["7"]
    assert parsed.elements[0].value == pytest.approx(3.1)  # the first line
    assert [(n.line, n.code) for n in parsed.notices] == [(4, "duplicate")]


def test_a_bad_line_is_a_problem_with_its_line_and_column():
    parsed = bc.parse(
        export(
            [
                row(identifier="1"),
                row(identifier="2", total="abc"),
                row(identifier="3", unit="kgCO2e/parsec"),
            ]
        )
    )

    assert [(p.line, p.field, p.code) for p in parsed.errors] == [
        (3, "Total poste non décomposé", "number"),
        (4, "Unité français", "unit"),
    ]


def test_archived_elements_are_skipped():
    archived = row(identifier="5")
    archived[2] = "Archivé"
    parsed = bc.parse(export([archived, row(identifier="6")]))

    assert parsed.archived == 1
    assert [e.source_id for e in parsed.elements] == ["6"]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (codecs.BOM_UTF16_LE + "a,b".encode("utf-16-le"), "utf16"),
        (b"PK\x03\x04binary", "binary"),
        (b"", "empty"),
        (b"name,value\nx,1\n", "layout"),
        ("Type Ligne,Nom base français\nx,y\n".encode(), "missing_columns"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, code):
    with pytest.raises(bc.Refused) as refused:
        bc.parse(data)
    assert refused.value.code == code


def test_categories_suggest_inventory_categories():
    assert bc.posts_of("Transport de marchandises > Routier") == ("freight_in", "freight_out")
    assert bc.posts_of("Combustibles > Fossiles") == ("fuel_buildings", "fuel_vehicles")
    assert bc.posts_of("Autre chose") == ()
