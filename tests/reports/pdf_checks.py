"""Checks that a PDF we produce reads as a document one can send: every page
rendered to an image (poppler's pdftoppm) holds enough ink, no two words sit on
each other (their boxes as poppler's pdftotext places the glyphs), and no text
is printed smaller than a reader can read.

poppler-utils is a test requirement (``make test`` installs it); the checks fail
rather than skip without it, so a CI without it cannot pass silently.
"""

import math
import re
import subprocess
import tempfile
from dataclasses import dataclass
from html import unescape
from io import BytesIO
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

MM = 72 / 25.4  # points in a millimetre
RENDER_DPI = 40  # enough to see where the ink is, fast to render
INK_LEVEL = 200  # a grey pixel darker than this is ink (light table rules and fills are not)


@dataclass(frozen=True)
class Word:
    text: str
    page: int  # from 1
    x0: float  # points, from the page's top-left corner
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class PageFill:
    """Where the ink is on a page's body (the page less its top and bottom bands)."""

    page: int  # from 1
    ink: float  # share of the body's pixels that are ink
    top: float  # first inked row, as a share of the body's height (1.0 when blank)
    bottom: float  # last inked row, as a share of the body's height (0.0 when blank)

    @property
    def height(self) -> float:
        return max(0.0, self.bottom - self.top)


def page_images(pdf: bytes, dpi: int = RENDER_DPI) -> list[Image.Image]:
    """Every page rendered by pdftoppm, in greyscale, in order."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(Path(folder) / "p")],
            check=True,
        )
        # pdftoppm pads the page number with zeros to the width of the last one.
        files = sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        images = []
        for file in files:
            with Image.open(file) as image:
                images.append(image.convert("L"))
        return images


def page_fills(
    pdf: bytes, *, top_mm: float = 12, bottom_mm: float = 14, dpi: int = RENDER_DPI
) -> list[PageFill]:
    """Each page's ink, leaving out a top and a bottom band (the running header and
    footer: a page holding only its footer is empty)."""
    fills = []
    per_mm = dpi / 25.4
    for number, image in enumerate(page_images(pdf, dpi), start=1):
        width, height = image.size
        body = image.crop((0, round(top_mm * per_mm), width, height - round(bottom_mm * per_mm)))
        ink = body.point(lambda level: 255 if level < INK_LEVEL else 0)
        box = ink.getbbox()
        inked = ink.histogram()[255]
        body_height = body.size[1]
        if box is None:
            fills.append(PageFill(number, 0.0, 1.0, 0.0))
        else:
            fills.append(
                PageFill(
                    number,
                    inked / (body.size[0] * body_height),
                    box[1] / body_height,
                    box[3] / body_height,
                )
            )
    return fills


def nearly_empty_pages(
    pdf: bytes,
    *,
    min_height: float = 0.2,
    min_reach: float = 0.5,
    min_ink: float = 0.004,
    **bands,
) -> list[str]:
    """What is wrong with each page that is nearly empty, as sentences (none: all is well).

    Every page's ink must span at least ``min_height`` of its body and cover at least
    ``min_ink`` of it; every page but the last must reach ``min_reach`` of its body
    down (a page that stops in its upper half wasted the rest: something was pushed
    to the next page)."""
    fills = page_fills(pdf, **bands)
    problems = []
    for fill in fills:
        if fill.height < min_height or fill.ink < min_ink:
            problems.append(
                f"page {fill.page} is nearly empty: ink over {fill.height:.0%} of its height, "
                f"{fill.ink:.2%} of its surface"
            )
        elif fill.page < len(fills) and fill.bottom < min_reach:
            problems.append(f"page {fill.page} stops at {fill.bottom:.0%} of its height")
    return problems


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def words(pdf: bytes) -> list[Word]:
    """Every word with the box of its glyphs, from pdftotext -bbox."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-bbox", str(source), "-"], check=True, capture_output=True, text=True
        ).stdout
    found = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, text in _WORD.findall(page):
            found.append(Word(unescape(text), number, float(x0), float(y0), float(x1), float(y1)))
    return found


def _inner(word: Word, slack: float) -> tuple[float, float, float, float]:
    """The word's box less ``slack`` of its height on each side: pdftotext's boxes run
    from the font's ascent to its descent, which neighbouring lines may share without
    any glyph touching."""
    trim = (word.y1 - word.y0) * slack
    return (word.x0 + 0.5, word.y0 + trim, word.x1 - 0.5, word.y1 - trim)


def overlapping_words(found: list[Word], *, slack: float = 0.2) -> list[tuple[Word, Word]]:
    """Pairs of words of a page whose boxes intersect: text printed over text."""
    pairs = []
    by_page: dict[int, list[Word]] = {}
    for word in found:
        by_page.setdefault(word.page, []).append(word)
    for page_words in by_page.values():
        boxes = sorted(((_inner(w, slack), w) for w in page_words), key=lambda item: item[0][1])
        for index, (box, word) in enumerate(boxes):
            for other_box, other in boxes[index + 1 :]:
                if other_box[1] >= box[3]:
                    break  # sorted by top: nothing further down reaches this box
                if box[0] < other_box[2] and other_box[0] < box[2]:
                    pairs.append((word, other))
    return pairs


def describe(pairs: list[tuple[Word, Word]]) -> list[str]:
    return [f"page {a.page}: {a.text!r} overlaps {b.text!r}" for a, b in pairs]


def text_sizes(pdf: bytes) -> list[tuple[int, str, float]]:
    """(page, text, printed size in points) of every text run, its font size scaled
    by the text and graphic matrices (a chart's labels shrink with the chart)."""
    sizes = []
    for number, page in enumerate(PdfReader(BytesIO(pdf)).pages, start=1):

        def visit(text, cm, tm, font, size, number=number):
            if not text.strip():
                return
            scale_text = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]))
            scale_page = math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2]))
            sizes.append((number, text.strip(), size * scale_text * scale_page))

        page.extract_text(visitor_text=visit)
    return sizes


def small_text(pdf: bytes, minimum: float) -> list[str]:
    """Text runs printed smaller than ``minimum`` points."""
    return [
        f"page {page}: {text[:40]!r} at {size:.1f} pt"
        for page, text, size in text_sizes(pdf)
        if size < minimum - 0.05
    ]


def assert_board_document(pdf: bytes, *, min_text_pt: float = 7.5, **fill) -> None:
    """The checks every document we hand out passes: no nearly empty page, no text
    over text, nothing printed smaller than ``min_text_pt``."""
    problems = nearly_empty_pages(pdf, **fill)
    problems += describe(overlapping_words(words(pdf)))
    problems += small_text(pdf, min_text_pt)
    assert not problems, "\n".join(problems[:20])
