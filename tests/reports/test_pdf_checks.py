"""The page checks catch what they are for: on PDFs made for the purpose, a nearly
empty page, a page that stops half-way, text printed over text and text too
small are reported, and a well-filled page is not."""

import pytest
from weasyprint import HTML

from tests.reports import pdf_checks

PAGE = "@page { size: A4; margin: 18mm 16mm; } body { font-family: sans-serif; font-size: 10pt; }"
PARAGRAPH = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 12 + "</p>"


def _pdf(body: str, style: str = "") -> bytes:
    return HTML(string=f"<style>{PAGE}{style}</style><body>{body}</body>").write_pdf()


FULL_PAGE = PARAGRAPH * 7


def test_a_full_page_passes_every_check():
    pdf = _pdf(FULL_PAGE)

    pdf_checks.assert_board_document(pdf, min_text_pt=9)
    assert len(pdf_checks.page_images(pdf)) == 1
    (fill,) = pdf_checks.page_fills(pdf)
    assert fill.bottom > 0.8 and fill.ink > 0.02


def test_a_page_holding_one_line_is_nearly_empty():
    pdf = _pdf(FULL_PAGE + '<p style="break-before: page">One line left over.</p>')

    problems = pdf_checks.nearly_empty_pages(pdf)

    assert problems == [problems[0]] and problems[0].startswith("page 2 is nearly empty")
    with pytest.raises(AssertionError, match="page 2 is nearly empty"):
        pdf_checks.assert_board_document(pdf)


def test_a_blank_page_is_nearly_empty():
    pdf = _pdf(FULL_PAGE + '<div style="break-before: page"></div>')

    assert pdf_checks.page_fills(pdf)[1].ink == 0
    assert pdf_checks.nearly_empty_pages(pdf)[0].startswith("page 2 is nearly empty")


def test_a_page_stopping_half_way_before_another_is_reported():
    pdf = _pdf(PARAGRAPH * 3 + '<div style="break-before: page">' + FULL_PAGE + "</div>")

    problems = pdf_checks.nearly_empty_pages(pdf)

    assert len(problems) == 1 and problems[0].startswith("page 1 stops at")
    # The same short page is fine as the last one: a document ends where it ends.
    assert pdf_checks.nearly_empty_pages(_pdf(FULL_PAGE + PARAGRAPH * 3)) == []


def test_text_over_text_is_reported():
    over = (
        '<p style="position: absolute; top: 40mm; left: 20mm">Revenue grew</p>'
        '<p style="position: absolute; top: 41mm; left: 30mm">Headcount</p>'
    )
    pdf = _pdf(FULL_PAGE + over)

    pairs = pdf_checks.overlapping_words(pdf_checks.words(pdf))

    assert {(a.text, b.text) for a, b in pairs} & {("Revenue", "Headcount"), ("grew", "Headcount")}
    with pytest.raises(AssertionError, match="overlaps"):
        pdf_checks.assert_board_document(pdf)


def test_words_side_by_side_and_lines_one_above_the_other_do_not_overlap():
    tight = "p { line-height: 1.15; margin: 0 }"

    pdf = _pdf(FULL_PAGE, tight)

    assert pdf_checks.overlapping_words(pdf_checks.words(pdf)) == []


def test_text_printed_too_small_is_reported():
    pdf = _pdf(FULL_PAGE + '<p style="font-size: 6pt">Footnote in tiny print</p>')

    small = pdf_checks.small_text(pdf, 9)

    assert small and all("6.0 pt" in line for line in small)
    assert pdf_checks.small_text(pdf, 6) == []
    with pytest.raises(AssertionError, match="Footnote"):
        pdf_checks.assert_board_document(pdf, min_text_pt=9)


def test_text_shrunk_by_its_drawing_counts_at_its_printed_size():
    # An SVG 1000 units wide drawn 100 mm wide: its 20-unit text prints at about 5.7 pt.
    svg = (
        '<svg viewBox="0 0 1000 100" style="width: 100mm">'
        '<text x="10" y="50" font-size="20">Chart label</text></svg>'
    )
    pdf = _pdf(FULL_PAGE + svg)

    sizes = [size for _page, text, size in pdf_checks.text_sizes(pdf) if "Chart" in text]

    assert sizes and sizes[0] == pytest.approx(20 * 100 / 1000 * 72 / 25.4, abs=0.2)
