"""Import and export: CSV and XLSX; a bad line refuses the whole file, saying where."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from levier.practices.models import Practice
from tests.factories import make_network_staff

pytestmark = pytest.mark.django_db

HEADER = "code,title,summary,steps,effort,cost,size_bands,themes,questions"
GOOD = [
    'charte-teletravail,Charte de télétravail,Un cadre écrit,"Consulter\nRédiger",low,none,'
    "micro;small,SOC-HSW,",
    "plan-mobilite,Plan de mobilité,Des trajets plus sobres,Diagnostiquer,medium,low,,ENV-MOB,",
]


@pytest.fixture
def animator_client(client, network):
    client.force_login(make_network_staff(network))
    return client


def _csv(*lines, header=HEADER, name="pratiques.csv"):
    return SimpleUploadedFile(name, "\n".join([header, *lines]).encode("utf-8"))


def _import(client, network, upload):
    return client.post(reverse("practice_import", args=[network.slug]), {"file": upload})


def test_a_good_csv_is_imported(animator_client, network):
    response = _import(animator_client, network, _csv(*GOOD))

    assert response.status_code == 302
    practice = Practice.objects.get(code="charte-teletravail")
    assert practice.network == network and practice.status == "published"
    assert practice.step_list == ["Consulter", "Rédiger"]
    assert practice.size_bands == ["micro", "small"]


def test_a_semicolon_csv_from_a_french_spreadsheet_is_read(animator_client, network):
    upload = _csv(
        "plan-mobilite;Plan de mobilité;Des trajets plus sobres;Diagnostiquer;medium;low;;"
        "ENV-MOB;",
        header=HEADER.replace(",", ";"),
    )

    assert _import(animator_client, network, upload).status_code == 302
    assert Practice.objects.filter(code="plan-mobilite").exists()


def test_a_bad_line_imports_nothing_and_says_where(animator_client, network):
    bad = [
        GOOD[0],
        "velos,Vélos partagés,Une flotte,Acheter,huge,none,,ENV-MOB,",  # line 4: effort
        ",Sans code,Résumé,Étape,low,none,,,",  # line 5: code
        "quiz,Quiz,Résumé,Étape,low,none,,XXX-YYY,SOC-HSW-05:nonexistent",  # line 6
    ]

    response = _import(animator_client, network, _csv(*bad))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Ligne 4, effort" in page  # the first line spans lines 2 and 3
    assert "Ligne 5, code\u00a0: obligatoire" in page
    assert "Ligne 6, themes" in page
    assert "Ligne 6, questions" in page and "nonexistent" in page
    assert "rien n’a été importé" in page
    assert not Practice.objects.exists()


def test_line_numbers_count_multi_line_cells(animator_client, network):
    lines = [GOOD[1], GOOD[0], "velos,Vélos,Une flotte,Acheter,huge,none,,ENV-MOB,"]

    page = _import(animator_client, network, _csv(*lines)).content.decode()

    assert "Ligne 5, effort" in page  # GOOD[0] takes lines 3 and 4


def test_an_unknown_column_is_reported(animator_client, network):
    page = _import(
        animator_client, network, _csv(GOOD[1] + ",x", header=HEADER + ",colour")
    ).content.decode()

    assert "colour" in page and "colonne inconnue" in page


def test_export_then_import_round_trips_in_xlsx(animator_client, network):
    _import(animator_client, network, _csv(*GOOD))
    Practice.objects.filter(code="plan-mobilite").update(title="Changed")
    exported = animator_client.get(reverse("practice_export", args=[network.slug, "xlsx"]))
    book = load_workbook(BytesIO(exported.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "code" and {row[0] for row in rows[1:]} == {
        "charte-teletravail",
        "plan-mobilite",
    }
    # Edit the spreadsheet as a person would, then import it back.
    for row in book.active.iter_rows(min_row=2):
        if row[0].value == "plan-mobilite":
            row[1].value = "Plan de mobilité employeur"
    buffer = BytesIO()
    book.save(buffer)

    response = _import(
        animator_client, network, SimpleUploadedFile("export.xlsx", buffer.getvalue())
    )

    assert response.status_code == 302
    assert Practice.objects.get(code="plan-mobilite").title == "Plan de mobilité employeur"
    assert Practice.objects.count() == 2


def test_a_broken_xlsx_line_is_reported_with_its_row(animator_client, network):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["ok", "Titre", "Résumé", "Étape", "low", "none", "", "", ""])
    sheet.append(["ko", "Titre", "Résumé", "Étape", "low", "expensive", "", "", ""])
    buffer = BytesIO()
    book.save(buffer)

    page = _import(
        animator_client, network, SimpleUploadedFile("p.xlsx", buffer.getvalue())
    ).content.decode()

    assert "Ligne 3, cost" in page
    assert not Practice.objects.exists()


def test_csv_export_opens_in_a_french_spreadsheet(animator_client, network):
    _import(animator_client, network, _csv(*GOOD))

    exported = animator_client.get(reverse("practice_export", args=[network.slug, "csv"]))

    assert exported.content.startswith("\ufeff".encode())  # UTF-8 mark for Excel
    assert "Charte de télétravail" in exported.content.decode("utf-8-sig")
