"""Server-side SVG charts (radar, horizontal bars, trajectory line) returned as strings.

Standard library only, for inline use in HTML pages and in WeasyPrint PDFs: no script, no CSS
variable, no external resource; presentation attributes and the "sans-serif" family only.

- Values are clamped to [0, 100] (``[0, max_value]`` for bars) for drawing only; printed
  values are the caller's, formatted with ``value_format``. NaN counts as None.
- All text is XML-escaped. The root ``<svg role="img">`` is labelled by its ``<title>`` and
  ``<desc>``, with ids hashed from the chart's content: the output is deterministic and two
  different charts never share ids (the same chart drawn twice does, with identical text).
- Coordinates are rounded to 2 decimals. Text widths are estimated (no font metrics, on the
  generous side) and the viewBox grows to include every label. Empty input gives a small
  SVG showing ``empty_text``.
"""

import hashlib
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

GREEN = "#0b6e4f"  # Levier green, 6.3:1 on white
SLATE = "#4a5560"  # 7.5:1 on white: muted text, second series
INK = "#1d2a33"  # main text colour
GRID = "#c9d1d6"
TRACK = "#eef1f3"
CHAR = 0.58  # estimated average glyph width, in em (generous for DejaVu Sans / Helvetica)
LINE = 1.2  # line height, in em

Format = Callable[[float], str]


def _format(value: float) -> str:
    return f"{value:.0f}"


@dataclass(frozen=True)
class Series:
    """A radar polygon, one value per axis; no colour: green if first, else slate."""

    label: str
    values: list[float | None]
    colour: str | None = None
    dashed: bool = False


@dataclass(frozen=True)
class BarRow:
    """One bar: ``marker`` is an optional tick (previous score, peer median...)."""

    label: str
    value: float | None
    marker: float | None = None
    marker_label: str | None = None


def _n(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _tag(name: str, inner: str = "", **attrs: object) -> str:
    """An element: numbers rounded, text escaped, ``stroke_width`` written ``stroke-width``."""
    text = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{_n(v) if isinstance(v, int | float) else _e(v)}"'
        for key, v in attrs.items()
        if v is not None
    )
    return f"<{name}{text}>{inner}</{name}>" if inner else f"<{name}{text}/>"


def _clamp(value: float | None, top: float = 100.0) -> float | None:
    if value is None or math.isnan(float(value)):
        return None
    return min(max(float(value), 0.0), top)


def _width(text: str, size: float) -> float:
    return len(text) * size * CHAR


def _split(text: str, limit: int) -> list[str]:
    """One line, or two cut at the space nearest the middle; never truncated."""
    text = " ".join(str(text).split())
    if len(text) <= limit or " " not in text:
        return [text]
    cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: max(i, len(text) - i))
    return [text[:cut], text[cut + 1 :]]


class _Canvas:
    """SVG fragments plus the bounding box of everything drawn, texts included."""

    def __init__(self, *box: float) -> None:
        self.parts: list[str] = []
        self.box = list(box)

    def extend(self, x0: float, y0: float, x1: float, y1: float) -> None:
        b = self.box
        self.box = [min(b[0], x0), min(b[1], y0), max(b[2], x1), max(b[3], y1)]

    def add(self, name: str, inner: str = "", **attrs: object) -> None:
        self.parts.append(_tag(name, inner, **attrs))

    def text(self, x, y, lines, *, size, anchor="start", fill=INK) -> None:
        """Draw ``lines`` (a list of str) with the first baseline at ``y``."""
        w = max(_width(line, size) for line in lines)
        left = x - {"start": 0, "middle": w / 2, "end": w}[anchor]
        last = y + (len(lines) - 1) * LINE * size
        self.extend(left, y - 0.8 * size, left + w, last + 0.25 * size)
        style = {"font_size": size, "text_anchor": anchor, "fill": fill}
        if len(lines) == 1:
            self.add("text", _e(lines[0]) or " ", x=x, y=y, **style)
            return
        spans = (
            _tag("tspan", _e(line), x=x, y=y + i * LINE * size) for i, line in enumerate(lines)
        )
        self.add("text", "".join(spans), **style)

    def line(self, x1, y1, x2, y2, stroke, width=1.0, inner="", **attrs) -> None:
        self.add(
            "line", inner, x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=width, **attrs
        )

    def legend(self, items: list[tuple[str, str, bool, bool]], x: float, size: float) -> None:
        """One line per (label, colour, dashed, tick) item, under everything drawn."""
        top = self.box[3] + size * 0.5
        for i, (label, colour, dashed, tick) in enumerate(items):
            mid = top + size + i * size * 1.8
            ends = (x + 12, mid - 9, x + 12, mid + 9) if tick else (x, mid, x + 24, mid)
            self.line(*ends, colour, 2.5, stroke_dasharray="6 4" if dashed else None)
            self.text(x + 32, mid + 0.35 * size, [label], size=size)

    def svg(self, title: str, description: str, margin: float = 0) -> str:
        x0, y0, x1, y1 = self.box
        view = (x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin)
        return _svg("".join(self.parts), view, title, description)


def _svg(body: str, view: Sequence[float], title: str, description: str) -> str:
    view_box = " ".join(_n(v) for v in view)
    digest = hashlib.sha1("\x00".join((view_box, title, description, body)).encode())
    uid = "levier-chart-" + digest.hexdigest()[:12]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" width="100%" '
        # Sized by the stylesheet (svg.chart-svg): the pages' Content Security
        # Policy refuses style attributes.
        'class="chart-svg" preserveAspectRatio="xMidYMid meet" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="sans-serif">'
        f'<title id="{uid}-title">{_e(title)}</title>'
        f'<desc id="{uid}-desc">{_e(description)}</desc>{body}</svg>'
    )


def for_screen_width(wide: str, narrow: str) -> str:
    """Both drawings of one chart: ``wide`` for large screens and print, ``narrow``
    (a viewBox about 340 units wide) for phones, where the wide one's text would
    shrink to 5-7 px. The stylesheet shows one of them (svg[data-width="wide"] /
    svg[data-width="narrow"]); the hidden one is display: none, so screen readers
    meet the chart once."""
    return wide.replace("<svg ", '<svg data-width="wide" ', 1) + narrow.replace(
        "<svg ", '<svg data-width="narrow" ', 1
    )


def _empty(empty_text: str, title: str, description: str) -> str:
    canvas = _Canvas(0, 0, max(320, _width(empty_text, 14) + 32), 56)
    canvas.text(canvas.box[2] / 2, 34, [empty_text], size=14, anchor="middle", fill=SLATE)
    return canvas.svg(title, description)


def radar_chart(
    axes: list[str],
    series: list[Series],
    *,
    size: int = 420,
    font: float | None = None,
    title: str,
    description: str,
    empty_text: str = "No data",
    value_format: Format = _format,
) -> str:
    """A radar chart: one spoke per axis (clockwise from the top), one polygon per series.

    ``size`` is the diameter of the 100 ring, in viewBox units; the viewBox grows to take in
    the axis labels (split on two lines past 22 characters, anchored away from the circle)
    and, with two series or more, a legend underneath. The first series is drawn on top.
    ``font`` is the labels' size in the same units (by default a thirtieth of ``size``): a
    printed chart, shrunk to the page's width, needs it larger to stay readable.

    A None value gets no dot and its axis is skipped: the polygon closes over the scored axes
    only (the chord crossing a missing axis is not a zero). Drawing None as 0 would show a
    bad score where there is none. Missing values at the end of ``values`` may be omitted.

    With fewer than 3 axes a radar means nothing: the chart falls back to ``bar_chart``
    (first series as bars, second as markers).
    """
    raw = [(list(s.values) + [None] * len(axes))[: len(axes)] for s in series]
    values = [[_clamp(v) for v in row] for row in raw]
    if not any(v is not None for row in values for v in row):
        return _empty(empty_text, title, description)
    colours = [s.colour or (GREEN if i == 0 else SLATE) for i, s in enumerate(series)]
    if len(axes) < 3:
        prev = raw[1] if len(raw) > 1 else [None] * len(axes)
        tips = [None if p is None else f"{series[1].label}: {value_format(p)}" for p in prev]
        rows = [BarRow(*row) for row in zip(axes, raw[0], prev, tips, strict=True)]
        texts = {"title": title, "description": description, "empty_text": empty_text}
        legend = series[1].label if len(series) > 1 else None
        return bar_chart(
            rows, value_format=value_format, colour=colours[0], marker_legend=legend, **texts
        )
    radius, font = size / 2, font or max(10.0, size / 30)
    angles = [-math.pi / 2 + 2 * math.pi * i / len(axes) for i in range(len(axes))]
    # A label at the top or bottom is centred: keep it narrower than the gap between its
    # neighbours, which start one spoke away on either side.
    gap = 2 * (radius + 0.6 * font) * math.sin(2 * math.pi / len(axes))
    narrow = max(10, min(22, int(gap / (font * CHAR))))

    def at(angle: float, r: float) -> tuple[float, float]:
        return r * math.cos(angle), r * math.sin(angle)

    canvas = _Canvas(-radius, -radius, radius, radius)
    for step in (25, 50, 75, 100):
        ring = SLATE if step == 100 else GRID
        canvas.add("circle", cx=0, cy=0, r=radius * step / 100, fill="none", stroke=ring)
    for angle, axis in zip(angles, axes, strict=True):
        x, y = at(angle, radius)
        canvas.line(0, 0, x, y, GRID)
        x, y = at(angle, radius + 0.6 * font)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.05 else "start" if cos > 0 else "end"
        lines = _split(axis, 22 if anchor != "middle" else narrow)
        block = (len(lines) - 1) * LINE * font
        # Centre the block on the label point, then push it outwards by half its height.
        centre = y + math.sin(angle) * (block + font) / 2
        canvas.text(x, centre - block / 2 + 0.35 * font, lines, size=font, anchor=anchor)
    for index in reversed(range(len(series))):
        s, colour, dots, pts = series[index], colours[index], "", []
        dot = {"r": 3.5, "fill": "#ffffff" if s.dashed else colour, "stroke": colour}
        for i, value in enumerate(values[index]):
            if value is not None:
                x, y = at(angles[i], radius * value / 100)
                pts.append(f"{_n(x)},{_n(y)}")
                tip = _e(f"{s.label} · {axes[i]}: {value_format(raw[index][i])}")
                dots += _tag("circle", _tag("title", tip), cx=x, cy=y, **dot)
        line = {"stroke": colour, "stroke_width": 2, "stroke_linejoin": "round"}
        if s.dashed:
            line["stroke_dasharray"] = "6 4"
        opacity = 0.06 if s.dashed else 0.16
        polygon = _tag("polygon", points=" ".join(pts), fill=colour, fill_opacity=opacity, **line)
        canvas.add("g", polygon + dots, class_="series")
    for step in (25, 50, 75, 100):
        y = -radius * step / 100 + font * 0.75 + 2
        canvas.text(4, y, [str(step)], size=font * 0.75, fill=SLATE)
    if len(series) > 1:
        items = [(s.label, c, s.dashed, False) for s, c in zip(series, colours, strict=True)]
        canvas.legend(items, canvas.box[0], font)
    return canvas.svg(title, description, margin=4)


def bar_chart(
    rows: list[BarRow],
    *,
    width: int = 640,
    title: str,
    description: str,
    max_value: float = 100,
    value_format: Format = _format,
    empty_text: str = "No data",
    colour: str = GREEN,
    marker_colour: str = INK,
    marker_legend: str | None = None,
) -> str:
    """Horizontal bars, one row per item, the label wrapped on the left.

    The value printed at the end of the bar is ``value_format(value)``, unclamped; the bar
    itself is clamped to [0, max_value] over a light track showing the whole scale. A None
    value prints an em dash and draws no bar. A marker is a vertical tick with
    ``marker_label`` as its tooltip; ``marker_legend`` adds a visible legend line for print.
    """
    values = [_clamp(r.value, max_value) for r in rows]
    if not any(v is not None for v in values):
        return _empty(empty_text, title, description)
    font = 13
    texts = [
        "—" if v is None else value_format(r.value) for r, v in zip(rows, values, strict=True)
    ]
    label_w = min(max(_width(r.label, font) for r in rows), width * 0.38)
    bar_x = label_w + 12
    bar_w = width - bar_x - max(36.0, max(_width(t, font) for t in texts) + 8)
    limit = max(8, int(label_w / (font * CHAR)))
    canvas, y = _Canvas(0, 0, width, 0), 6.0
    for row, value, text in zip(rows, values, texts, strict=True):
        lines = textwrap.wrap(row.label, limit, break_long_words=False) or [""]
        height = max(34.0, len(lines) * LINE * font + 14)
        mid = y + height / 2
        canvas.text(0, mid - (len(lines) - 1) * LINE * font / 2 + 0.35 * font, lines, size=font)
        canvas.add("rect", class_="track", x=bar_x, y=mid - 8, width=bar_w, height=16, fill=TRACK)
        end = bar_x + (0 if value is None else bar_w * value / max_value)
        if value is not None:
            canvas.add(
                "rect", class_="bar", x=bar_x, y=mid - 8, width=end - bar_x, height=16, fill=colour
            )
        canvas.text(end + 6, mid + 0.35 * font, [text], size=font)
        marker = _clamp(row.marker, max_value)
        if marker is not None:
            mx = bar_x + bar_w * marker / max_value
            tip = _tag("title", _e(row.marker_label)) if row.marker_label else ""
            canvas.line(mx, mid - 12, mx, mid + 12, marker_colour, 2.5, tip, class_="marker")
        y += height
    canvas.extend(0, 0, width, y + 6)
    if marker_legend and any(_clamp(r.marker, max_value) is not None for r in rows):
        canvas.legend([(marker_legend, marker_colour, False, True)], bar_x, font)
    return canvas.svg(title, description)


def line_chart(
    points: list[tuple[str, float | None]],
    *,
    width: int = 640,
    height: int = 240,
    title: str,
    description: str,
    value_format: Format = _format,
    empty_text: str = "No data",
    colour: str = GREEN,
) -> str:
    """A trajectory: one x label per point (evenly spaced), y from 0 to 100.

    Each scored point gets a dot and its value above it; consecutive scored points are
    joined. A None point keeps its x label, shows an em dash and breaks the line: no line is
    drawn across a period without a score. A single point is drawn centred, without a line.
    """
    values = [_clamp(v) for _, v in points]
    if not any(v is not None for v in values):
        return _empty(empty_text, title, description)
    font, small = 12, 11
    labels = [str(label) for label, _ in points]
    left = _width("100", small) + 12
    inset = max(16.0, max(_width(t, font) for t in labels) / 2 + 2)
    top, bottom = 24.0, float(height) - 26
    canvas = _Canvas(0, 0, width, height)
    for step in (0, 25, 50, 75, 100):
        gy = bottom - (bottom - top) * step / 100
        canvas.line(left, gy, width, gy, SLATE if step == 0 else GRID)
        canvas.text(left - 6, gy + 0.35 * small, [str(step)], size=small, anchor="end", fill=SLATE)
    x0, x1, n = left + inset, width - inset, len(points)
    xs = [(x0 + x1) / 2] if n == 1 else [x0 + (x1 - x0) * i / (n - 1) for i in range(n)]
    ys = [None if v is None else bottom - (bottom - top) * v / 100 for v in values]
    run: list[str] = []
    for x, y in [*zip(xs, ys, strict=True), (0, None)]:
        if y is not None:
            run.append(f"{_n(x)},{_n(y)}")
            continue
        if len(run) > 1:
            line = {"stroke": colour, "stroke_width": 2.5, "stroke_linejoin": "round"}
            canvas.add("polyline", points=" ".join(run), fill="none", **line)
        run = []
    for label, (_, raw), x, y in zip(labels, points, xs, ys, strict=True):
        canvas.text(x, bottom + 18, [label], size=font, anchor="middle")
        if y is None:
            canvas.text(x, bottom - 6, ["—"], size=font, anchor="middle", fill=SLATE)
            continue
        tip = _tag("title", _e(f"{label}: {value_format(raw)}"))
        canvas.add("circle", tip, cx=x, cy=y, r=4, fill=colour)
        canvas.text(x, y - 9, [value_format(raw)], size=font, anchor="middle")
    return canvas.svg(title, description)


def histogram_chart(
    counts: list[int],
    *,
    mark: float | None = None,
    mark_label: str = "",
    width: int = 640,
    height: int = 220,
    title: str,
    description: str,
    empty_text: str = "No data",
    colour: str = GREEN,
) -> str:
    """Vertical bars for equal slices of 0-100 (``counts[i]`` in the i-th slice),
    the count above each bar, and ``mark`` as a vertical line labelled
    ``mark_label`` (e.g. the viewer's own score)."""
    if not counts or not any(counts):
        return _empty(empty_text, title, description)
    font, small = 12, 11
    # The marker's label has its own band above the bars, so it can never sit on
    # a bar's count (the tallest bar's count reaches ``top``) nor on a slice label.
    band = 2.5 * font if mark_label else 0.0
    top, bottom, left = 30.0 + band, float(height) - 26 + band, 8.0
    slot = (width - 2 * left) / len(counts)
    peak = max(counts)
    step = 100 / len(counts)
    canvas = _Canvas(0, 0, width, height + band)
    canvas.line(left, bottom, width - left, bottom, SLATE)
    for index, count in enumerate(counts):
        x = left + index * slot
        bar = (bottom - top) * count / peak
        low, high = round(index * step), round((index + 1) * step)
        tip = _tag("title", _e(f"{low}-{high}: {count}"))
        if count:
            canvas.add(
                "rect", tip, x=x + 3, y=bottom - bar, width=slot - 6, height=bar, fill=colour
            )
        canvas.text(x + slot / 2, bottom - bar - 5, [str(count)], size=small, anchor="middle")
        canvas.text(x + slot / 2, bottom + 16, [f"{low}-{high}"], size=small, anchor="middle")
    clamped = _clamp(mark)
    if clamped is not None:
        mx = left + (width - 2 * left) * clamped / 100
        canvas.line(
            mx, top - band + 4, mx, bottom, INK, 2.5, class_="marker", stroke_dasharray="5 3"
        )
        if mark_label:
            # Beside the line, on the side with room, and kept inside the chart.
            label = _width(mark_label, font)
            anchor = "end" if mx + 6 + label > width - left else "start"
            x = mx - 6 if anchor == "end" else mx + 6
            if anchor == "end" and x - label < left:
                x, anchor = left, "start"
            canvas.text(x, top - band + font, [mark_label], size=font, anchor=anchor)
    return canvas.svg(title, description)
