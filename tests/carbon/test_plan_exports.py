"""The plan's downloads carry the carbon actions' expected and realised
tCO2e, as the plan page does: a board reading the PDF or the spreadsheet
sees the reductions next to the score gains."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from levier.carbon import levers, reductions
from tests.carbon.factories import make_factor, make_inventory, make_line

pytestmark = pytest.mark.django_db

KWH, FACTOR, SHARE = 50000.0, 0.06, 0.2
LATER_KWH = 42000.0


def _plan_with_a_carbon_action(organisation, owner):
    electricity = make_factor(FACTOR, "kWh", posts=("electricity",))
    inventory = make_inventory(organisation, year=2024)
    make_line(inventory, "electricity", KWH, factor=electricity)
    action = reductions.add_to_plan(
        inventory, levers.get("electricity-sobriety"), SHARE, owner, title="Turn lights off"
    )
    later = make_inventory(organisation, year=2025)
    make_line(later, "electricity", LATER_KWH, factor=electricity)
    return action


def test_the_spreadsheet_has_expected_and_realised_tonnes(client, organisation, org_admin):
    action = _plan_with_a_carbon_action(organisation, org_admin)
    client.force_login(org_admin)
    response = client.get(
        reverse("plan_xlsx", args=[organisation.slug]), headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(row for row in rows if row and row[0] == "Action")
    expected_column = header.index("Expected reduction (tCO2e a year)")
    realised_column = header.index("Realised reduction (tCO2e)")
    row = next(row for row in rows if row and row[0] == action.title)
    assert row[expected_column] == pytest.approx(SHARE * KWH * FACTOR / 1000, abs=1e-3)
    assert row[realised_column] == pytest.approx((KWH - LATER_KWH) * FACTOR / 1000, abs=1e-3)
    summary = next(row for row in rows if row and row[0] == "Expected reduction (tCO2e a year)")
    assert summary[1] == pytest.approx(SHARE * KWH * FACTOR / 1000, abs=1e-3)
    assert summary[3] == 1


def test_the_pdf_says_the_reductions(client, organisation, org_admin):
    _plan_with_a_carbon_action(organisation, org_admin)
    client.force_login(org_admin)
    response = client.get(
        reverse("plan_pdf", args=[organisation.slug]), headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    expected = f"{SHARE * KWH * FACTOR / 1000:.2f}"  # 0.60
    assert f"−{expected} tCO2e a year expected" in text
    realised = f"{(KWH - LATER_KWH) * FACTOR / 1000:.2f}"  # 0.48
    assert f"{realised} t less in 2025" in text
    assert "Carbon: −" in text


def test_a_plan_without_carbon_action_has_no_carbon_figures(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.get(
        reverse("plan_xlsx", args=[organisation.slug]), headers={"accept-language": "en"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    first_column = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "Expected reduction (tCO2e a year)" not in first_column
