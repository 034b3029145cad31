"""Evidence is checked by what the file holds, its size before it is read, and keeps a
name that fits with its extension."""

import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from levier.assessments.models import Evidence
from levier.assessments.uploads import MAX_NAME_LENGTH, check_evidence, short_name
from levier.lib import archives
from tests.assessments.conftest import PDF, url
from tests.assessments.conftest import upload_evidence as _upload
from tests.engine.hostile_packs import MAX_SECONDS, measure

pytestmark = pytest.mark.django_db


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
ODS = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""})
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 24


@pytest.mark.parametrize(
    ("name", "content"),
    [("rapport.docx", DOCX), ("tableau.xlsx", _xlsx()), ("note.odt", ODT), ("photo.webp", WEBP)],
)
def test_documents_of_the_accepted_types_are_attached(
    client, assessment, contributor, name, content
):
    client.force_login(contributor)

    _upload(client, assessment, name, content)

    assert Evidence.objects.get().original_name == name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.docx", _zip({"notes.txt": b"any zip"})),  # a ZIP is not a document
        ("rapport.docx", _xlsx()),  # a spreadsheet renamed
        ("note.odt", ODS),  # another OpenDocument type
        ("note.odt", _zip({"mimetype": b"x" * 1000})),
        ("photo.webp", WAV),  # RIFF, but sound
        ("rapport.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("rapport.docx", b"MZ\x90\x00 an executable"),
    ],
    ids=["plain-zip", "xlsx-as-docx", "ods-as-odt", "odt-big-mimetype", "wav", "html", "exe"],
)
def test_a_file_whose_content_is_not_its_type_is_refused(
    client, assessment, contributor, name, content
):
    client.force_login(contributor)

    response = _upload(client, assessment, name, content)

    assert "ne ressemble pas à un fichier" in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_archive_of_countless_parts_is_refused_at_once(client, assessment, contributor):
    parts = {f"word/part{n}.xml": b"" for n in range(archives.MAX_PARTS + 1)}
    content = _zip({"[Content_Types].xml": b"<Types/>", **parts})
    client.force_login(contributor)
    _upload(client, assessment, "virus.exe", b"MZ")  # warm: templates and catalogues load

    cost = measure(lambda: _upload(client, assessment, "rapport.docx", content))

    assert "ne ressemble pas à un fichier DOCX" in cost.result.content.decode()
    assert cost.seconds < MAX_SECONDS


class _UnreadableUpload(SimpleUploadedFile):
    def read(self, *args):
        raise AssertionError("the upload was read")


def test_the_size_is_checked_before_the_file_is_read(settings):
    settings.LEVIER_MAX_EVIDENCE_BYTES = 1000
    upload = _UnreadableUpload("gros.pdf", b"")
    upload.size = 1001

    with pytest.raises(ValidationError) as refused:
        check_evidence(upload)

    assert "too large" in str(refused.value) or "trop volumineux" in str(refused.value)


def test_a_long_name_is_shortened_and_keeps_its_extension(client, assessment, contributor):
    name = "Rapport RSE " + "très détaillé " * 20 + "2026.pdf"
    assert len(name) > MAX_NAME_LENGTH
    client.force_login(contributor)

    response = _upload(client, assessment, name, PDF)

    evidence = Evidence.objects.get()
    assert len(evidence.original_name) == MAX_NAME_LENGTH
    assert evidence.original_name.startswith("Rapport RSE très détaillé")
    assert evidence.original_name.endswith(".pdf")
    assert f"{evidence.original_name} est joint" in response.content.decode()
    download = client.get(url("assessment_evidence", assessment, evidence.pk))
    assert download["Content-Type"] == "application/pdf"
    assert ".pdf" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("court.pdf", "court.pdf"),
        ("a" * 196 + ".pdf", "a" * 196 + ".pdf"),  # exactly 200
        ("a" * 300 + ".docx", "a" * 195 + ".docx"),
        ("a.b" * 100 + ".jpeg", ("a.b" * 100)[:195] + ".jpeg"),
        ("a" * 300, "a" * 200),  # no extension to keep
        ("a." + "b" * 300, ("a." + "b" * 300)[:200]),  # an "extension" too long to be one
    ],
)
def test_short_name(name, expected):
    assert short_name(name) == expected
    assert len(short_name(name)) <= MAX_NAME_LENGTH
