"""Which evidence files are accepted: by extension, size and content.

The extension alone would let anything through under a reassuring name; the
content check refuses, say, an executable renamed to ``.pdf``, or any ZIP
archive renamed to ``.docx``. The size is checked first, from what the upload
declares, so a refused file is never read.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from levier.lib import archives

ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy .doc/.xls/.ppt
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
    ".docx": ZIP,
    ".xlsx": ZIP,
    ".pptx": ZIP,
    ".odt": ZIP,
    ".ods": ZIP,
    ".odp": ZIP,
    ".doc": OLE,
    ".xls": OLE,
    ".ppt": OLE,
}
# Office Open XML documents keep their content in a folder named after the program.
OOXML_FOLDERS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
# OpenDocument files name their type in a first part called "mimetype".
ODF_TYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
    ".odp": b"application/vnd.oasis.opendocument.presentation",
}
# Evidence is not a data dump: a document unpacking to more is refused unread.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
MAX_NAME_LENGTH = 200  # StoredFile.original_name


def max_size() -> int:
    return getattr(settings, "LEVIER_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024)


def short_name(name: str, limit: int = MAX_NAME_LENGTH) -> str:
    """`name` within `limit` characters, cut in its stem so that its extension stays."""
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix
    if not suffix or len(suffix) >= limit // 2:
        return name[:limit]
    stem = name[: -len(suffix)]
    return stem[: limit - len(suffix)] + suffix


def check_evidence(upload) -> None:
    """Raise ValidationError with a clear message when the file is refused."""
    name = short_name(upload.name)
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in SIGNATURES:
        raise ValidationError(
            _("%(name)s: this type of file is not accepted. Accepted: %(types)s.")
            % {"name": name, "types": ", ".join(sorted(s[1:] for s in SIGNATURES))}
        )
    if upload.size > max_size():
        raise ValidationError(
            _("%(name)s is too large (%(size)s); the limit is %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_size()),
            }
        )
    if not _content_matches(upload, suffix):
        raise ValidationError(
            _("%(name)s does not look like a %(type)s file.")
            % {"name": name, "type": suffix[1:].upper()}
        )


def _content_matches(upload, suffix: str) -> bool:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[suffix]):
        return False
    if suffix == ".webp":
        return head[8:12] == b"WEBP"  # RIFF also holds WAV and AVI files
    if suffix in OOXML_FOLDERS or suffix in ODF_TYPES:
        try:
            return _archive_matches(upload, suffix)
        finally:
            upload.seek(0)
    return True


def _archive_matches(upload, suffix: str) -> bool:
    try:
        archive = archives.open_zip(upload, MAX_UNPACKED_BYTES)
    except archives.ArchiveRefused:
        return False
    with archive:
        names = set(archive.namelist())
        if suffix in OOXML_FOLDERS:
            folder = OOXML_FOLDERS[suffix]
            return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
        if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
            return False
        return archive.read("mimetype").strip() == ODF_TYPES[suffix]


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(PurePath(name).suffix.lower(), "application/octet-stream")


class StoredFile(models.Model):
    """What Levier keeps of an accepted file besides the file itself; each
    subclass adds ``file`` with the folder it belongs in."""

    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


def stored_fields(upload, user) -> dict:
    """The fields of a ``StoredFile`` for a checked upload."""
    return {
        "file": upload,
        "original_name": short_name(upload.name),
        "size": upload.size,
        "uploaded_by": user,
    }


def download(stored: StoredFile) -> FileResponse:
    """The file as an attachment, under its original name, never sniffed."""
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=content_type(stored.original_name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
