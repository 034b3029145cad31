"""Which evidence files are accepted: by extension and by their first bytes.

The extension alone would let anything through under a reassuring name; the
signature check refuses, say, an executable renamed to ``.pdf``.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

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
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


def max_size() -> int:
    return getattr(settings, "LEVIER_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024)


def check_evidence(upload) -> None:
    """Raise ValidationError with a clear message when the file is refused."""
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in SIGNATURES:
        raise ValidationError(
            _("%(name)s: this type of file is not accepted. Accepted: %(types)s.")
            % {"name": upload.name, "types": ", ".join(sorted(s[1:] for s in SIGNATURES))}
        )
    if upload.size > max_size():
        raise ValidationError(
            _("%(name)s is too large (%(size)s); the limit is %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_size()),
            }
        )
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[suffix]):
        raise ValidationError(
            _("%(name)s does not look like a %(type)s file.")
            % {"name": upload.name, "type": suffix[1:].upper()}
        )


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
        "original_name": upload.name[:200],
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
