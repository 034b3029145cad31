"""The peers histogram's "You: 74" label never sits on a bar's count or a slice label."""

import re
import xml.etree.ElementTree as ET

import pytest

from levier.reports.charts import CHAR, histogram_chart

SVG = "{http://www.w3.org/2000/svg}"


def text_boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each text's estimated box, from its position, anchor and font size (as the chart does)."""
    boxes = []
    for node in ET.fromstring(svg).iter(f"{SVG}text"):
        size = float(node.get("font-size"))
        content = "".join(node.itertext())
        width = len(content) * size * CHAR
        x, y = float(node.get("x")), float(node.get("y"))
        shift = {"start": 0, "middle": width / 2, "end": width}[node.get("text-anchor", "start")]
        boxes.append((content, (x - shift, y - 0.8 * size, x - shift + width, y + 0.25 * size)))
    return boxes


def intersect(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("mark", [0, 3, 35, 50, 68, 74, 78, 95, 100])
@pytest.mark.parametrize(
    "counts", [[1, 2, 5, 9, 4, 2, 1, 0, 3, 7], [0, 0, 0, 0, 0, 0, 0, 9, 9, 9], [9] * 10]
)
def test_marker_label_overlaps_no_other_text_and_stays_inside(counts, mark):
    label = f"You: {mark}"
    svg = histogram_chart(counts, mark=mark, mark_label=label, title="t", description="d")
    boxes = text_boxes(svg)
    marker = [box for content, box in boxes if content == label]
    assert len(marker) == 1
    for content, box in boxes:
        if content != label:
            assert not intersect(marker[0], box), (content, box, marker[0])
    view = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    left, top, right = marker[0][0], marker[0][1], marker[0][2]
    assert view[0] <= left and right <= view[0] + view[2] and view[1] <= top
