"""Reading and checking a question's answer levels: options and bands."""

from __future__ import annotations

import re

from yaml.nodes import Node, ScalarNode

from levier.engine.limits import MAX_ABSOLUTE_VALUE, MAX_POINTS
from levier.engine.packs import (
    CHOICE_TYPES,
    MAX_LEVELS,
    MULTIPLE_CHOICE,
    NUMERIC_TYPES,
    PERCENTAGE,
    SINGLE_CHOICE,
    YES_NO,
    Level,
    reachable_points,
)
from levier.engine.text import Text
from levier.engine.yaml_reader import BOOL, NodeReader, child, item, line_of

LEVEL_CODE = re.compile(r"[a-z0-9_]+")
YES_NO_LABELS = {"yes": Text(fr="Oui", en="Yes"), "no": Text(fr="Non", en="No")}

_OPTION_KEYS = ("code", "label", "points", "exclusive")
_BAND_KEYS = ("code", "label", "points", "min", "max")


def read_level_code(reader: NodeReader, node: Node, path: str) -> str | None:
    """A level code; an unquoted yes/no is reported but read as the author meant it."""
    if isinstance(node, ScalarNode) and node.tag == BOOL:
        reader.report(node, path, "unquoted_boolean", value=node.value)
        return node.value.lower()
    code = reader.string(node, path, "a level code")
    if code is not None and not LEVEL_CODE.fullmatch(code):
        reader.report(node, path, "bad_level_code", code=code)
    return code


def read_levels(
    reader: NodeReader, question: Node, keys: dict[str, Node], path: str, qtype: str | None
) -> tuple[Level, ...]:
    """The levels of a question of type `qtype` (None when the type itself is invalid)."""
    if qtype is None:
        return ()
    wanted = "options" if qtype in CHOICE_TYPES else "bands" if qtype in NUMERIC_TYPES else None
    for key in ("options", "bands"):
        if key in keys and key != wanted:
            reader.report(keys[key], child(path, key), "not_allowed_for_type", key=key, type=qtype)
    if wanted is None:
        return ()
    if wanted not in keys:
        reader.report(question, child(path, wanted), "missing_key", key=wanted)
        return ()
    list_path = child(path, wanted)
    items = reader.sequence(keys[wanted], list_path, wanted)
    if items is None:
        return ()
    levels = []
    code_lines: dict[str, int] = {}
    for index, node in enumerate(items):
        level = _read_level(reader, node, item(list_path, index), qtype)
        if level is None:
            continue
        if level.code in code_lines:
            reader.report(
                node,
                child(item(list_path, index), "code"),
                "duplicate_code",
                code=level.code,
                first_line=code_lines[level.code],
                scope="question",
            )
        else:
            code_lines[level.code] = line_of(node)
        levels.append(level)
    complete = len(levels) == len(items)
    _check_count(reader, keys[wanted], list_path, qtype, levels, complete)
    if qtype in NUMERIC_TYPES:
        _check_overlaps(reader, items, list_path, levels)
    return tuple(levels)


def read_points_cap(
    reader: NodeReader, keys: dict[str, Node], path: str, qtype: str | None, levels: tuple
) -> float | None:
    """The `max_points` cap of a multiple_choice question."""
    if "max_points" not in keys:
        return None
    node, cap_path = keys["max_points"], child(path, "max_points")
    if qtype != MULTIPLE_CHOICE:
        if qtype is not None:
            reader.report(node, cap_path, "not_allowed_for_type", key="max_points", type=qtype)
        return None
    cap = reader.number(node, cap_path)
    if cap is None:
        return None
    if cap <= 0:
        reader.report(node, cap_path, "not_positive", key="max_points", value=cap)
        return None
    if cap > MAX_POINTS:
        reader.report(node, cap_path, "too_large", key="max_points", limit=MAX_POINTS, value=cap)
        return None
    reachable = reachable_points(levels)
    if levels and cap > reachable:
        reader.report(
            node, cap_path, "max_points_unreachable", max_points=cap, reachable=reachable
        )
    return cap


def _read_level(reader: NodeReader, node: Node, path: str, qtype: str) -> Level | None:
    is_band = qtype in NUMERIC_TYPES
    keys = reader.mapping(node, path, _BAND_KEYS if is_band else _OPTION_KEYS, ("code", "points"))
    if keys is None:
        return None
    code = read_level_code(reader, keys["code"], child(path, "code")) if "code" in keys else None
    points = None
    if "points" in keys:
        points_node, points_path = keys["points"], child(path, "points")
        points = reader.number(points_node, points_path)
        if points is not None and points < 0:
            reader.report(points_node, points_path, "negative_points", points=points)
            points = None
        elif points is not None and points > MAX_POINTS:
            reader.report(
                points_node, points_path, "too_large", key="points", limit=MAX_POINTS, value=points
            )
            points = None
    label = reader.text(keys["label"], child(path, "label")) if "label" in keys else None
    if "label" not in keys and qtype in (SINGLE_CHOICE, MULTIPLE_CHOICE):
        reader.report(node, child(path, "label"), "missing_label", type=qtype)
    if label is None and qtype == YES_NO and code in YES_NO_LABELS:
        label = YES_NO_LABELS[code]
    exclusive = False
    if "exclusive" in keys:
        exclusive_path = child(path, "exclusive")
        if qtype != MULTIPLE_CHOICE:
            reader.report(
                keys["exclusive"],
                exclusive_path,
                "not_allowed_for_type",
                key="exclusive",
                type=qtype,
            )
        else:
            exclusive = bool(reader.boolean(keys["exclusive"], exclusive_path))
    low, high = (
        reader.number_within(keys[key], child(path, key), key, MAX_ABSOLUTE_VALUE)
        if key in keys
        else None
        for key in ("min", "max")
    )
    if is_band:
        _check_band(reader, keys, path, qtype, low, high)
    unreadable_limit = (low is None and "min" in keys) or (high is None and "max" in keys)
    if code is None or unreadable_limit:
        # A band whose limit was refused would read as open-ended and overlap its
        # neighbours: left out, it raises no second problem.
        return None
    return Level(code, label, points or 0.0, exclusive, low, high)


def _check_band(
    reader: NodeReader,
    keys: dict[str, Node],
    path: str,
    qtype: str,
    low: float | None,
    high: float | None,
) -> None:
    if qtype == PERCENTAGE:
        for key, value in (("min", low), ("max", high)):
            if value is not None and not 0 <= value <= 100:
                reader.report(
                    keys[key], child(path, key), "band_out_of_range", key=key, value=value
                )
                return
    # A percentage band without min starts at 0, so `max: 0` alone holds no value.
    floor = 0.0 if low is None and qtype == PERCENTAGE else low
    if floor is not None and high is not None and floor >= high:
        reader.report(keys["max"], child(path, "max"), "band_empty", min=floor, max=high)


def _check_count(
    reader: NodeReader, node: Node, path: str, qtype: str, levels: list, complete: bool
) -> None:
    if len(levels) > MAX_LEVELS:
        reader.report(node, path, "too_many_levels", count=len(levels), limit=MAX_LEVELS)
    if qtype == YES_NO:
        codes = sorted(level.code for level in levels)
        if complete and codes != ["no", "yes"]:
            reader.report(node, path, "yes_no_options", found=codes)
    elif qtype in (SINGLE_CHOICE, MULTIPLE_CHOICE) and len(levels) < 2 and complete:
        reader.report(node, path, "too_few_options", type=qtype, count=len(levels))


def _check_overlaps(reader: NodeReader, items: list[Node], path: str, levels: list) -> None:
    """Report each band that overlaps an earlier one (half-open intervals)."""
    if len(levels) != len(items):
        return
    spans = [_span(level) for level in levels]
    for later, (low, high) in enumerate(spans):
        if low >= high:
            continue  # already reported as empty
        for earlier in range(later):
            other_low, other_high = spans[earlier]
            if other_low < other_high and low < other_high and other_low < high:
                reader.report(
                    items[later],
                    item(path, later),
                    "band_overlap",
                    code=levels[later].code,
                    other=levels[earlier].code,
                )
                break


def _span(level: Level) -> tuple[float, float]:
    low = float("-inf") if level.min is None else level.min
    high = float("inf") if level.max is None else level.max
    return low, high
