"""The charts of a carbon footprint, as SVG strings drawn on the server.

Made to be read on a phone: each label sits on its own line above its bar,
so bars use the whole width; the drawing is 360 units wide with 14-unit
text, about the size of the page's text on a 390 px screen. Every chart has
a title and a description listing its figures (``role="img"``), and the
page puts the same figures in a table next to it. Colours are never the
only key: each segment has its name in a tooltip and in the legend and the
table. No script, no style attribute (the pages' Content Security Policy),
presentation attributes only, so WeasyPrint draws them the same.
"""

import hashlib
import textwrap
from html import escape

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levier.carbon import labels
from levier.carbon.models import Post
from levier.carbon.results import Results
from levier.engine.carbon.posts import POSTS

WIDTH = 360
FONT = 15
SMALL = 13
CHAR = 0.58  # estimated glyph width in em, on the generous side
INK = "#1d2a33"
MUTED = "#4a5560"
TRACK = "#eef1f3"
BAR = "#0b6e4f"

# One colour per Levier category, told apart within a scope (Okabe-Ito's
# colour-blind-safe set, then darker tones for scope 3's eight categories).
POST_COLOURS = {
    Post.FUEL_BUILDINGS: "#d55e00",
    Post.FUEL_VEHICLES: "#e69f00",
    Post.REFRIGERANTS: "#cc79a7",
    Post.ELECTRICITY: "#0072b2",
    Post.HEAT_NETWORK: "#56b4e9",
    Post.PURCHASED_GOODS: "#0b6e4f",
    Post.PURCHASED_SERVICES: "#7fb069",
    Post.FIXED_ASSETS: "#4a5560",
    Post.FREIGHT_IN: "#8c564b",
    Post.FREIGHT_OUT: "#c49c94",
    Post.BUSINESS_TRAVEL: "#9467bd",
    Post.COMMUTING: "#332288",  # indigo: told apart from the refrigerants' pink
    Post.WASTE: "#a8a820",
}


def tonnes_text(kg: float, decimals: int = 1) -> str:
    return number_format(round(kg / 1000, decimals), decimal_pos=decimals, force_grouping=True)


def percent_text(share: float) -> str:
    return number_format(round(share * 100), decimal_pos=0)


def percent_sign_text(share: float) -> str:
    """The share with its percent sign: "12 %" (no-break space) in French, "12%" in English."""
    space = "" if (get_language() or "").startswith("en") else "\u00a0"
    return f"{percent_text(share)}{space}%"


def _n(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _wrap(text: str, size: float, width: float = WIDTH) -> list[str]:
    limit = max(10, int(width / (size * CHAR)))
    return textwrap.wrap(str(text), limit, break_long_words=False) or [""]


def _text(x: float, y: float, lines: list[str], size: float, fill: str = INK, **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{_e(v)}"' for k, v in attrs.items())
    head = f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" fill="{fill}"{extra}>'
    if len(lines) == 1:
        return f"{head}{_e(lines[0])}</text>"
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(y + i * 1.2 * size)}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"{head}{spans}</text>"


def _rect(x, y, w, h, fill, tip: str = "", **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{_e(v)}"' for k, v in attrs.items())
    inner = f"<title>{_e(tip)}</title>" if tip else ""
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0))}" height="{_n(h)}" '
        f'fill="{fill}"{extra}>{inner}</rect>'
    )


def _svg(body: str, height: float, title: str, description: str) -> str:
    view = f"0 0 {WIDTH} {_n(height)}"
    uid = "carbon-chart-" + hashlib.sha1(f"{view}\x00{title}\x00{body}".encode()).hexdigest()[:12]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" width="100%" '
        'class="chart-svg" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="sans-serif">'
        f'<title id="{uid}-title">{_e(title)}</title>'
        f'<desc id="{uid}-desc">{_e(description)}</desc>{body}</svg>'
    )


def _empty(title: str) -> str:
    text = _text(WIDTH / 2, 30, [_("No emissions yet")], FONT, MUTED, text_anchor="middle")
    return _svg(text, 48, title, _("No emissions yet"))


def scope_chart(results: Results) -> str:
    """One bar per scope, stacked by the Levier categories it holds, on a
    common scale; the legend names the categories drawn."""
    title = _("Emissions by scope and category")
    if results.total.kg <= 0:
        return _empty(title)
    by_post = {row.code: row for row in results.posts}
    scale = max(row.kg for row in results.scopes) or 1
    parts, y, drawn = [], 0.0, []
    for scope_row in results.scopes:
        label = _("%(scope)s: %(tonnes)s tCO2e (%(percent)s%%)") % {
            "scope": labels.scope_label(scope_row.code, short=True),
            "tonnes": tonnes_text(scope_row.kg),
            "percent": percent_text(scope_row.share),
        }
        parts.append(_text(0, y + FONT, [label], FONT, font_weight="bold"))
        top = y + FONT + 8
        parts.append(_rect(0, top, WIDTH, 22, TRACK))
        x = 0.0
        for code, post in POSTS.items():
            row = by_post[code]
            if post.scope != scope_row.code or row.kg <= 0:
                continue
            width = WIDTH * row.kg / scale
            tip = f"{row.label}: {tonnes_text(row.kg)} tCO2e ({percent_sign_text(row.share)})"
            parts.append(_rect(x, top, width, 22, POST_COLOURS[code], tip, stroke="#ffffff"))
            x += width
            drawn.append(row)
        y = top + 22 + 14
    y += 4
    for row in drawn:
        lines = _wrap(row.label, SMALL, WIDTH - 24)
        parts.append(_rect(0, y, 14, 14, POST_COLOURS[row.code], stroke="#ffffff"))
        parts.append(_text(22, y + 11, lines, SMALL))
        y += max(20, len(lines) * 1.2 * SMALL + 6)
    description = "; ".join(
        f"{labels.scope_label(row.code, short=True)} {tonnes_text(row.kg)} tCO2e"
        for row in results.scopes
    )
    description += ". " + "; ".join(f"{row.label} {tonnes_text(row.kg)} tCO2e" for row in drawn)
    return _svg("".join(parts), y, title, description)


def bars_chart(rows, *, title: str, empty_title: str | None = None) -> str:
    """Horizontal bars of ``rows`` (``results.Row``) with emissions, heaviest
    first: the label above, the bar and its tonnes and share below."""
    rows = sorted((row for row in rows if row.kg > 0), key=lambda row: -row.kg)
    if not rows:
        return _empty(empty_title or title)
    texts = [f"{tonnes_text(row.kg)} t · {percent_sign_text(row.share)}" for row in rows]
    value_width = max(len(t) for t in texts) * SMALL * CHAR + 8
    span = WIDTH - value_width
    scale = rows[0].kg
    parts, y = [], 0.0
    for row, text in zip(rows, texts, strict=True):
        lines = _wrap(row.label, FONT)
        parts.append(_text(0, y + FONT, lines, FONT))
        top = y + FONT + (len(lines) - 1) * 1.2 * FONT + 6
        width = span * row.kg / scale
        parts.append(_rect(0, top, span, 16, TRACK))
        parts.append(_rect(0, top, width, 16, BAR, f"{row.label}: {text}"))
        parts.append(_text(width + 6, top + 12.5, [text], SMALL))
        y = top + 16 + 12
    description = "; ".join(f"{row.label} {text}" for row, text in zip(rows, texts, strict=True))
    return _svg("".join(parts), y - 4, title, description)


def beges_chart(results: Results) -> str:
    return bars_chart(results.beges_posts, title=_("Emissions by post of the BEGES table"))


def posts_chart(results: Results) -> str:
    return bars_chart(results.posts, title=_("Emissions by category"))
