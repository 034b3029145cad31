"""An indicator's trend, drawn on the server as an SVG string.

Time runs along the x axis at its true scale (a year without a measurement
shows as a gap, not as the next point); the y axis takes the indicator's own
range, not 0-100. The baseline, the straight path from the baseline to the
target, the target and the measurements are each drawn with their own shape
and named in the legend, so colour is never the only key. The drawing is 360
units wide with 13-unit text, about the size of the page's text on a 390 px
phone. It reuses the canvas of ``levier.reports.charts``: presentation
attributes only (the pages' Content Security Policy refuses style
attributes), so WeasyPrint draws it the same in a PDF.
"""

import math
from collections.abc import Callable
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from levier.carbon.labels import number_text
from levier.reports.charts import GREEN, GRID, INK, SLATE, _Canvas, _e, _empty, _tag, _width

WIDTH = 360
FONT = 13
TOP, BOTTOM = 14.0, 190.0
TARGET = "#8a4b08"  # dark amber, 6.4:1 on white: told apart from the green series


def value_text(value: float) -> str:
    """A measured value as people read it: up to 6 significant digits, never
    in scientific notation, in the reader's format ("1 250", "0,125")."""
    if value == 0 or not math.isfinite(value):
        return number_text(0)
    decimals = max(0, min(6, 5 - math.floor(math.log10(abs(value)))))
    return number_text(round(value, decimals))


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _y_scale(values: list[float]) -> tuple[float, float, float]:
    """(low, high, step): a range with round ticks holding every value."""
    low, high = min(values), max(values)
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    if low >= 0 and low < (high - low):
        low = 0.0  # close to zero: show zero, the honest scale
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _short(day: date) -> str:
    return date_format(day, "j N Y")


def trend_chart(
    *,
    unit: str,
    baseline: tuple[date, float] | None,
    target: tuple[date, float] | None,
    measurements: list[tuple[date, float]],
    title: str,
    fmt: Callable[[float], str] = value_text,
) -> str:
    points = sorted(measurements)
    everything = [p for p in (baseline, target) if p is not None] + points
    if not everything:
        text = _("No measurement yet")
        return _empty(text, title, text)
    days = [p[0] for p in everything]
    first, last = min(days), max(days)
    if first == last:
        first, last = (
            date.fromordinal(first.toordinal() - 30),
            date.fromordinal(last.toordinal() + 30),
        )
    low, high, step = _y_scale([p[1] for p in everything])
    ticks = [low + i * step for i in range(round((high - low) / step) + 1)]
    left = max(_width(fmt(t), FONT - 1) for t in ticks) + 8
    right = WIDTH - 10

    def x(day: date) -> float:
        return left + (right - left) * (day - first).days / (last - first).days

    def y(value: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * (value - low) / (high - low)

    canvas = _Canvas(0, 0, WIDTH, BOTTOM)
    for tick in ticks:
        canvas.line(left, y(tick), right, y(tick), SLATE if tick == low else GRID)
        canvas.text(left - 5, y(tick) + 4, [fmt(tick)], size=FONT - 1, anchor="end", fill=SLATE)
    canvas.text(left, BOTTOM + 17, [_short(first)], size=FONT - 1, fill=SLATE)
    canvas.text(right, BOTTOM + 17, [_short(last)], size=FONT - 1, anchor="end", fill=SLATE)
    legend = []
    if baseline and target:
        canvas.line(
            *(x(baseline[0]), y(baseline[1])),
            *(x(target[0]), y(target[1])),
            SLATE,
            1.5,
            stroke_dasharray="6 4",
        )
        legend.append(("path", _("Straight path from the baseline to the target")))
    if target:
        label = _("Target: %(value)s %(unit)s by %(date)s") % {
            "value": fmt(target[1]),
            "unit": unit,
            "date": _short(target[0]),
        }
        tip = _tag("title", _e(label))
        canvas.line(left, y(target[1]), right, y(target[1]), TARGET, 1, stroke_dasharray="2 3")
        canvas.add(
            "circle",
            tip,
            cx=x(target[0]),
            cy=y(target[1]),
            r=6,
            fill="#ffffff",
            stroke=TARGET,
            stroke_width=2.5,
        )
        legend.append(("target", label))
    if baseline:
        label = _("Baseline: %(value)s %(unit)s on %(date)s") % {
            "value": fmt(baseline[1]),
            "unit": unit,
            "date": _short(baseline[0]),
        }
        bx, by = x(baseline[0]), y(baseline[1])
        canvas.add(
            "rect", _tag("title", _e(label)), x=bx - 5, y=by - 5, width=10, height=10, fill=SLATE
        )
        legend.append(("baseline", label))
    if points:
        if len(points) > 1:
            line = " ".join(f"{x(d):.2f},{y(v):.2f}" for d, v in points)
            canvas.add(
                "polyline",
                points=line,
                fill="none",
                stroke=GREEN,
                stroke_width=2.5,
                stroke_linejoin="round",
            )
        for day, value in points:
            tip = _tag(
                "title",
                _e(
                    _("%(date)s: %(value)s %(unit)s")
                    % {"date": _short(day), "value": fmt(value), "unit": unit}
                ),
            )
            canvas.add("circle", tip, cx=x(day), cy=y(value), r=4, fill=GREEN)
        day, value = points[-1]
        anchor = "end" if x(day) > WIDTH * 0.6 else "start"
        shift = -6 if anchor == "end" else 6
        canvas.text(
            x(day) + shift, y(value) - 8, [f"{fmt(value)} {unit}"], size=FONT, anchor=anchor
        )
        legend.insert(0, ("measured", _("Measured")))
    top = canvas.box[3] + 10
    for i, (kind, label) in enumerate(legend):
        mid = top + FONT + i * FONT * 1.8
        if kind == "measured":
            canvas.line(0, mid, 24, mid, GREEN, 2.5)
            canvas.add("circle", cx=12, cy=mid, r=4, fill=GREEN)
        elif kind == "path":
            canvas.line(0, mid, 24, mid, SLATE, 1.5, stroke_dasharray="6 4")
        elif kind == "target":
            canvas.add(
                "circle", cx=12, cy=mid, r=6, fill="#ffffff", stroke=TARGET, stroke_width=2.5
            )
        else:
            canvas.add("rect", x=7, y=mid - 5, width=10, height=10, fill=SLATE)
        canvas.text(32, mid + 0.35 * FONT, [label], size=FONT, fill=INK)
    described = [label for kind, label in legend if kind in ("baseline", "target")]
    if points:
        described.append(
            _("Measurements: %(list)s")
            % {"list": "; ".join(f"{_short(d)} {fmt(v)} {unit}" for d, v in points[-24:])}
        )
    return canvas.svg(title, ". ".join(described), margin=4)
