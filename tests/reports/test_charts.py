import math
import re
import xml.etree.ElementTree as ET

import pytest

from levier.reports.charts import BarRow, Series, bar_chart, line_chart, radar_chart

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script> & "x"'
THEMES = [
    "Gouvernance et éthique",
    "Diversité, inclusion et égalité",
    "Qualité de vie au travail",
    "Santé et sécurité",
    "Énergie et climat",
    "Économie circulaire et gestion des déchets",
    "Achats responsables et relations fournisseurs",
    "Ancrage territorial",
]
LONG = "Achats responsables, relations fournisseurs et sous-traitants"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def find(root, tag, **attrs):
    return [el for el in root.iter(SVG + tag) if all(el.get(k) == v for k, v in attrs.items())]


def texts(root) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(SVG + "text")]


def view_box(root) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    return x, y, x + w, y + h


def points(polygon) -> list[tuple[float, float]]:
    return [tuple(float(c) for c in p.split(",")) for p in polygon.get("points").split()]


def grid_rings(root):
    return sorted(find(root, "circle", fill="none"), key=lambda c: float(c.get("r")))


def radar(values, axes=None, **kwargs):
    axes = axes or THEMES[: len(values)]
    return radar_chart(
        axes, [Series("2026", values)], title="Scores by theme", description="D", **kwargs
    )


def all_charts():
    return [
        radar([80, 45, None, 100, 20]),
        radar_chart(["A", "B"], [Series("x", [10, 20])], title="Fallback", description="D"),
        bar_chart(
            [BarRow("Environnement", 75), BarRow("Social", None)], title="B", description="D"
        ),
        line_chart([("2024", 40), ("2025", None), ("2026", 70)], title="L", description="D"),
        radar_chart([], [], title="Empty", description="D"),
    ]


@pytest.mark.parametrize("svg", all_charts())
def test_every_chart_is_an_accessible_scalable_image(svg):
    root = parse(svg)
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    x0, y0, x1, y1 = view_box(root)
    assert x1 > x0 and y1 > y0
    title_id, desc_id = root.get("aria-labelledby").split()
    assert title_id != desc_id
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    assert by_id[title_id].tag == SVG + "title" and by_id[title_id].text
    assert by_id[desc_id].tag == SVG + "desc" and by_id[desc_id].text == "D"
    assert "<script" not in svg and "var(" not in svg and "href" not in svg


@pytest.mark.parametrize("svg", all_charts())
def test_coordinates_are_rounded_to_two_decimals(svg):
    for name, value in re.findall(r' ([\w-]+)="([^"]*)"', svg):
        if name in {"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "points"}:
            for number in re.findall(r"-?\d+(?:\.\d+)?", value):
                assert len(number.partition(".")[2]) <= 2, (name, value)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("svg", all_charts())
def test_text_contrast_on_white_is_at_least_4_5(svg):
    root = parse(svg)
    fills = {el.get("fill") for el in root.iter(SVG + "text")}
    assert fills
    for fill in fills:
        assert 1.05 / (_luminance(fill) + 0.05) >= 4.5, fill


def test_output_is_deterministic_and_ids_differ_between_charts():
    assert radar([80, 45, 60]) == radar([80, 45, 60])
    first, second = parse(radar([80, 45, 60])), parse(radar([80, 45, 61]))
    bars = parse(bar_chart([BarRow("A", 80)], title="Scores by theme", description="D"))
    ids = [{el.get("id") for el in root.iter() if el.get("id")} for root in (first, second, bars)]
    assert all(len(group) == 2 for group in ids)
    assert not ids[0] & ids[1] and not ids[0] & ids[2] and not ids[1] & ids[2]


def test_radar_polygon_has_one_point_per_scored_axis():
    values = [80, None, 45, None, 100, 0]
    root = parse(radar(values))
    [polygon] = find(root, "polygon")
    assert len(points(polygon)) == 4
    dots = [c for c in root.iter(SVG + "circle") if c.get("fill") != "none"]
    assert len(dots) == 4


def test_radar_values_are_placed_at_their_distance_from_the_centre():
    root = parse(radar([100, 50, 25, 100, 0], size=300))
    rings = grid_rings(root)
    assert [float(r.get("r")) for r in rings] == [37.5, 75, 112.5, 150]
    cx, cy, radius = float(rings[-1].get("cx")), float(rings[-1].get("cy")), 150
    [polygon] = find(root, "polygon")
    distances = [math.dist((cx, cy), p) for p in points(polygon)]
    expected = [radius, radius / 2, radius / 4, radius, 0]
    assert distances == pytest.approx(expected, abs=0.01)
    # The first axis points straight up, the axes go clockwise.
    first, second = points(polygon)[:2]
    assert first[0] == pytest.approx(cx, abs=0.01) and first[1] < cy
    assert second[0] > cx


def test_radar_values_are_clamped_for_drawing():
    root = parse(radar([150, -20, 50]))
    [polygon] = find(root, "polygon")
    ring = grid_rings(root)[-1]
    centre = (float(ring.get("cx")), float(ring.get("cy")))
    distances = [math.dist(centre, p) for p in points(polygon)]
    assert distances == pytest.approx(
        [float(ring.get("r")), 0, float(ring.get("r")) / 2], abs=0.01
    )
    # The tooltip keeps the real value.
    assert any("150" in (t.text or "") for t in root.iter(SVG + "title"))


def test_radar_second_series_is_dashed_and_a_legend_names_both():
    svg = radar_chart(
        THEMES[:5],
        [
            Series("2026", [80, 45, 60, 70, 20]),
            Series("2025", [60, 50, None, 40, 30], dashed=True),
        ],
        title="T",
        description="D",
    )
    root = parse(svg)
    polygons = find(root, "polygon")
    assert len(polygons) == 2
    dashed = [p for p in polygons if p.get("stroke-dasharray")]
    assert len(dashed) == 1 and len(points(dashed[0])) == 4
    assert {p.get("stroke") for p in polygons} == {"#0b6e4f", "#4a5560"}
    assert {"2026", "2025"} <= set(texts(root))
    single = parse(radar([80, 45, 60, 70, 20]))
    assert "2026" not in texts(single)


@pytest.mark.parametrize("n", range(3, 21))
def test_radar_labels_lie_inside_the_view_box(n):
    axes = [f"{LONG} {i}" if i % 2 else f"Thème {i}" for i in range(n)]
    root = parse(radar_chart(axes, [Series("x", [50] * n)], title="T", description="D"))
    x0, y0, x1, y1 = view_box(root)
    ring = grid_rings(root)[-1]
    assert (ring.get("cx"), ring.get("cy")) == ("0", "0")
    radius = float(ring.get("r"))
    labels = 0
    for text in root.iter(SVG + "text"):
        size = float(text.get("font-size"))
        anchor = text.get("text-anchor")
        for line in list(text.iter(SVG + "tspan")) or [text]:
            x, y = float(line.get("x")), float(line.get("y"))
            assert x0 <= x <= x1 and y0 <= y - 0.7 * size and y <= y1
            # A conservative width (real glyphs are wider): the text does not leave the box.
            width = len(line.text) * size * 0.45
            left = x - {"start": 0, "middle": width / 2, "end": width}[anchor]
            assert x0 <= left and left + width <= x1, line.text
        if len(text.text or "") > 3 or list(text.iter(SVG + "tspan")):  # an axis label
            lines = list(text.iter(SVG + "tspan")) or [text]
            widths = [len(line.text) * size * 0.45 for line in lines]
            x, top = float(lines[0].get("x")), float(lines[0].get("y")) - 0.7 * size
            bottom = float(lines[-1].get("y"))
            left = x - {"start": 0, "middle": max(widths) / 2, "end": max(widths)}[anchor]
            nearest = (min(max(0, left), left + max(widths)), min(max(0, top), bottom))
            assert math.dist((0, 0), nearest) > radius, "".join(text.itertext())
        labels += 1
    assert labels == n + 4  # axis labels + 25/50/75/100
    joined = texts(root)
    assert all(f"Thème {i}" in joined for i in range(0, n, 2))


def test_radar_long_labels_are_wrapped_on_two_lines_without_loss():
    root = parse(radar([50, 60, 70, 80], axes=[THEMES[6], "Short", THEMES[5], "Énergie"]))
    label = next(t for t in root.iter(SVG + "text") if "Achats" in "".join(t.itertext()))
    lines = [span.text for span in label.iter(SVG + "tspan")]
    assert len(lines) == 2
    assert " ".join(lines) == THEMES[6]
    assert all(len(line) <= 25 for line in lines)


def test_radar_label_anchors_depend_on_the_side():
    root = parse(radar([50, 50, 50, 50], axes=["Top", "Right", "Bottom", "Left"]))
    anchors = {"".join(t.itertext()): t.get("text-anchor") for t in root.iter(SVG + "text")}
    assert anchors["Top"] == "middle" and anchors["Bottom"] == "middle"
    assert anchors["Right"] == "start" and anchors["Left"] == "end"


def test_radar_with_fewer_than_three_axes_falls_back_to_bars():
    svg = radar_chart(
        ["Environnement", "Social"],
        [Series("2026", [75, 25]), Series("2025", [60, None], dashed=True)],
        title="T",
        description="D",
    )
    root = parse(svg)
    assert not find(root, "polygon")
    assert len(find(root, "rect", **{"class": "bar"})) == 2
    [marker] = find(root, "line", **{"class": "marker"})
    assert marker.find(SVG + "title").text == "2025: 60"


def test_hostile_labels_are_escaped_everywhere():
    charts = [
        radar_chart(
            [HOSTILE, "B", "C"],
            [Series(HOSTILE, [10, 20, 30])],
            title=HOSTILE,
            description=HOSTILE,
        ),
        bar_chart(
            [BarRow(HOSTILE, 10, 20, HOSTILE)], title=HOSTILE, description=HOSTILE, width=2000
        ),
        line_chart([(HOSTILE, 10), ("2026", 20)], title=HOSTILE, description=HOSTILE),
        radar_chart([], [], title=HOSTILE, description=HOSTILE, empty_text=HOSTILE),
    ]
    for svg in charts:
        assert "<script>" not in svg
        root = parse(svg)
        assert not list(root.iter(SVG + "script")) and not list(root.iter("script"))
        assert root.find(SVG + "title").text == HOSTILE
        assert root.find(SVG + "desc").text == HOSTILE
        visible = " ".join(texts(root))
        assert HOSTILE in visible or all(part in visible for part in HOSTILE.split())


def test_hostile_colour_stays_inside_its_attribute():
    colour = '#000" onload="alert(1)'
    root = parse(
        radar_chart(["A", "B", "C"], [Series("x", [1, 2, 3], colour)], title="T", description="D")
    )
    [polygon] = find(root, "polygon")
    assert polygon.get("fill") == colour
    assert not any(el.get("onload") for el in root.iter())


def _bars(root):
    return find(root, "rect", **{"class": "bar"})


def test_bar_lengths_are_proportional_to_values():
    root = parse(
        bar_chart([BarRow("A", 75), BarRow("B", 25), BarRow("C", 100)], title="T", description="D")
    )
    a, b, c = (float(r.get("width")) for r in _bars(root))
    assert a == pytest.approx(3 * b, abs=0.02)
    tracks = find(root, "rect", **{"class": "track"})
    assert c == pytest.approx(float(tracks[0].get("width")), abs=0.01)
    assert {"75", "25", "100"} <= set(texts(root))


def test_bar_max_value_and_clamping():
    root = parse(
        bar_chart(
            [BarRow("A", 5), BarRow("B", 20), BarRow("C", -3)],
            title="T",
            description="D",
            max_value=10,
        )
    )
    a, b, c = (float(r.get("width")) for r in _bars(root))
    track = float(find(root, "rect", **{"class": "track"})[0].get("width"))
    assert (a, b, c) == pytest.approx((track / 2, track, 0), abs=0.01)
    # Printed values are the real ones.
    assert {"5", "20", "-3"} <= set(texts(root))


def test_bar_none_shows_an_em_dash_and_no_bar():
    root = parse(bar_chart([BarRow("A", 40), BarRow("B", None)], title="T", description="D"))
    assert len(_bars(root)) == 1
    assert "—" in texts(root)
    assert len(find(root, "rect", **{"class": "track"})) == 2


def test_bar_value_format_is_used():
    root = parse(
        bar_chart(
            [BarRow("A", 62.5)],
            title="T",
            description="D",
            value_format=lambda v: f"{v:.1f}".replace(".", ","),
        )
    )
    assert "62,5" in texts(root)
    assert "63" not in texts(root) and "62" not in texts(root)


def test_bar_marker_is_a_tick_at_its_value_with_its_label():
    rows = [BarRow("A", 80, marker=40, marker_label="Previous assessment: 40"), BarRow("B", 10)]
    root = parse(bar_chart(rows, title="T", description="D", marker_legend="Previous"))
    [marker] = find(root, "line", **{"class": "marker"})
    [track, _] = find(root, "rect", **{"class": "track"})
    left, width = float(track.get("x")), float(track.get("width"))
    assert float(marker.get("x1")) == float(marker.get("x2"))
    assert (float(marker.get("x1")) - left) / width == pytest.approx(0.4, abs=0.001)
    assert marker.find(SVG + "title").text == "Previous assessment: 40"
    assert "Previous" in texts(root)


def test_bar_height_grows_with_rows_and_long_labels_wrap():
    one = parse(bar_chart([BarRow("A", 1)], title="T", description="D"))
    rows = [BarRow(f"{LONG} {i}", i * 10) for i in range(6)]
    six = parse(bar_chart(rows, title="T", description="D"))
    assert view_box(six)[3] > 6 * view_box(one)[3] * 0.8
    x0, y0, x1, y1 = view_box(six)
    wrapped = [t for t in six.iter(SVG + "text") if list(t.iter(SVG + "tspan"))]
    assert len(wrapped) == 6
    for text in six.iter(SVG + "text"):
        for line in list(text.iter(SVG + "tspan")) or [text]:
            assert x0 <= float(line.get("x")) <= x1 and y0 <= float(line.get("y")) <= y1


def test_line_chart_joins_points_and_labels_values():
    root = parse(
        line_chart([("2024", 0), ("2025", 50), ("2026", 100)], title="T", description="D")
    )
    [polyline] = find(root, "polyline")
    assert len(points(polyline)) == 3
    dots = list(root.iter(SVG + "circle"))
    ys = [float(c.get("cy")) for c in dots]
    assert ys[1] == pytest.approx((ys[0] + ys[2]) / 2, abs=0.01)
    assert ys[0] > ys[2]  # 0 at the bottom
    xs = [float(c.get("cx")) for c in dots]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=0.01)
    assert {"2024", "2025", "2026", "0", "50", "100"} <= set(texts(root))


def test_line_chart_with_a_single_point():
    root = parse(line_chart([("2026", 71)], title="T", description="D"))
    assert not find(root, "polyline")
    [dot] = list(root.iter(SVG + "circle"))
    x0, _, x1, _ = view_box(root)
    assert x0 < float(dot.get("cx")) < x1
    assert {"2026", "71"} <= set(texts(root))


def test_line_chart_breaks_on_missing_values():
    svg = line_chart(
        [("2022", 30), ("2023", None), ("2024", 40), ("2025", 55), ("2026", 60)],
        title="T",
        description="D",
    )
    root = parse(svg)
    [polyline] = find(root, "polyline")  # 2022 stands alone: no line across 2023
    assert len(points(polyline)) == 3
    assert len(list(root.iter(SVG + "circle"))) == 4
    assert "—" in texts(root) and "2023" in texts(root)


@pytest.mark.parametrize(
    "svg",
    [
        radar_chart([], [], title="T", description="D", empty_text="Pas encore de score"),
        radar_chart(
            ["A", "B", "C"], [], title="T", description="D", empty_text="Pas encore de score"
        ),
        radar([None, None, None], empty_text="Pas encore de score"),
        bar_chart([], title="T", description="D", empty_text="Pas encore de score"),
        bar_chart(
            [BarRow("A", None)], title="T", description="D", empty_text="Pas encore de score"
        ),
        line_chart([], title="T", description="D", empty_text="Pas encore de score"),
        line_chart([("2026", None)], title="T", description="D", empty_text="Pas encore de score"),
    ],
)
def test_empty_input_gives_a_small_chart_saying_so(svg):
    root = parse(svg)
    assert texts(root) == ["Pas encore de score"]
    assert root.get("role") == "img"


def test_empty_text_defaults_to_no_data():
    assert texts(parse(line_chart([], title="T", description="D"))) == ["No data"]


def test_nan_counts_as_missing():
    root = parse(radar([50, math.nan, 70]))
    [polygon] = find(root, "polygon")
    assert len(points(polygon)) == 2
