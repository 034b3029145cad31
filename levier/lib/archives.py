"""Opening uploaded ZIP archives (XLSX, DOCX, ODT...) without trusting their size.

A few megabytes of ZIP can unpack to gigabytes, or list hundreds of thousands of
parts, which zipfile reads one by one before anything can be asked of it.
`open_zip` checks what the archive declares first and refuses it, unread, when it
is more than a document needs. What zipfile then unpacks never exceeds the sizes
the archive declares: it stops there and fails the checksum.
"""

import io
import zipfile

# An office document holds a few dozen parts.
MAX_PARTS = 1_000
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_MAX_COMMENT_SIZE = 65_535


class ArchiveRefused(Exception):
    """Not a ZIP archive, or one larger than allowed once unpacked."""

    def __init__(self, unpacked: int | None = None):
        self.unpacked = unpacked  # set when the archive is only too large
        super().__init__("too large once unpacked" if unpacked else "not a usable ZIP archive")


def declared_parts(file) -> int | None:
    """How many parts the archive's end record declares; None when there is no record."""
    file.seek(0, io.SEEK_END)
    size = file.tell()
    tail_size = min(size, _END_RECORD_SIZE + _MAX_COMMENT_SIZE)
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        return None
    # Total number of entries, bytes 10-11 of the record (0xFFFF: see the ZIP64 record,
    # which no document of ours needs).
    return int.from_bytes(tail[at + 10 : at + 12], "little")


def open_zip(file, max_unpacked_bytes: int) -> zipfile.ZipFile:
    """The archive in `file`, once its declared parts and unpacked size are within bounds.

    Raises ArchiveRefused otherwise; the caller closes the archive.
    """
    parts = declared_parts(file)
    if parts is None or parts > MAX_PARTS:
        raise ArchiveRefused
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ArchiveRefused from None
    unpacked = sum(part.file_size for part in archive.infolist())
    if unpacked > max_unpacked_bytes:
        archive.close()
        raise ArchiveRefused(unpacked)
    return archive
