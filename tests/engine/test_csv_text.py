"""Reading uploaded CSV bytes: the encodings French offices save in, and the
files that are no text at all."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levier.engine import csv_text


def test_utf8_with_or_without_its_mark_and_windows_1252_read_the_same():
    text = "Nom;Unité\nÉlectricité;kWh\n"
    assert csv_text.decode(text.encode("utf-8")) == text
    assert csv_text.decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert csv_text.decode(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("Nom;Unité\n".encode("utf-16"), "utf16"),
        (b"PK\x03\x04" + b"\x00" * 100, "binary"),
        (b"%PDF-1.7\n", "binary"),
        (b"\x01\x02\x03\x04" * 50, "binary"),
        # 0x81 is undefined in Windows-1252 and starts no UTF-8 sequence.
        (b"Nom;Unit\x81\n", "encoding"),
    ],
)
def test_what_is_not_text_is_refused_with_its_reason(data, code):
    with pytest.raises(csv_text.Unreadable) as refused:
        csv_text.decode(data)
    assert refused.value.code == code


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_lines_give_back_the_whole_text_line_by_line(text):
    pieces = list(csv_text.lines(text))
    assert "".join(pieces) == text
    assert all(piece.endswith("\n") for piece in pieces[:-1])
    assert all("\n" not in piece[:-1] for piece in pieces)
