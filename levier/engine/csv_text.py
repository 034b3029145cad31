"""Reading an uploaded CSV file's bytes as text, the way French offices save
them: UTF-8 with or without its mark, else Windows-1252 (what French Excel
writes for "CSV (separator: semicolon)"). Plain Python, shared by the
practices' and the emission factors' imports, which word the refusals for
their users."""

import re
from collections.abc import Iterator

# What starts files that are anything but text: ZIP (XLSX, DOCX, ODS), PDF, old Office,
# images, archives and programs.
BINARY_SIGNATURES = (
    b"PK\x03\x04",
    b"%PDF",
    b"\xd0\xcf\x11\xe0",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"MZ",
)
# PostgreSQL refuses NUL in text and XLSX cannot write the others.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class Unreadable(Exception):
    """The bytes are no text we read: ``code`` is "utf16", "binary" or "encoding"."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


def looks_binary(data: bytes) -> bool:
    """A known file signature, or control characters in more than 1 in 20 bytes at the
    start: text has a stray one at most, which the importer then points at."""
    sample = data[:8192]
    if sample.startswith(BINARY_SIGNATURES):
        return True
    controls = len(CONTROL_CHARACTERS.findall(sample.decode("latin-1")))
    return controls * 20 > len(sample)


def decode(data: bytes) -> str:
    if data.startswith(UTF16_MARKS):
        raise Unreadable("utf16")
    if looks_binary(data):
        raise Unreadable("binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise Unreadable("encoding") from None


def lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends, one at a time: a StringIO would copy the
    whole text, four bytes a character."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end
