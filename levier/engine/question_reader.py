"""Reading one question of a pack: its fields, applicability rule and show_if condition.

Readers always return a best-effort object (placeholders where a value is invalid) so
that cross-checks done later, such as show_if references, don't cascade into noise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from yaml.nodes import Node, SequenceNode

from levier.engine.level_reader import read_level_code, read_levels, read_points_cap
from levier.engine.limits import MAX_ABSOLUTE_VALUE, MAX_HEADCOUNT, MAX_WEIGHT
from levier.engine.packs import (
    FLAGS,
    NAF_SECTIONS,
    NUMBER,
    QUESTION_TYPES,
    SIZE_BANDS,
    Condition,
    Question,
    Rule,
)
from levier.engine.text import Text
from levier.engine.yaml_reader import NodeReader, child, item

CODE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
TAG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
PLACEHOLDER_TEXT = Text(fr="", en="")

QUESTION_KEYS = (
    "code",
    "type",
    "text",
    "help",
    "why",
    "weight",
    "allow_na",
    "applies_to",
    "show_if",
    "tags",
    "options",
    "max_points",
    "bands",
    "unit",
)
RULE_KEYS = (
    "size_bands",
    "min_headcount",
    "max_headcount",
    "naf_sections",
    "exclude_naf_sections",
    "flags",
)


@dataclass
class ConditionSource:
    """Where a show_if was written, for the checks that need the whole pack."""

    condition: Condition
    path: str
    question_node: Node
    any_of_nodes: list[tuple[str, Node, str]] = field(default_factory=list)
    key_nodes: dict[str, Node] = field(default_factory=dict)


def read_code(reader: NodeReader, node: Node, path: str) -> str | None:
    code = reader.string(node, path, "a code")
    if code is not None and not CODE.fullmatch(code):
        reader.report(node, path, "bad_code", code=code)
        return None
    return code


def read_weight(reader: NodeReader, keys: dict[str, Node], path: str) -> float:
    if "weight" not in keys:
        return 1.0
    node, weight_path = keys["weight"], child(path, "weight")
    weight = reader.number(node, weight_path)
    if weight is None:
        return 1.0
    if weight <= 0:
        reader.report(node, weight_path, "not_positive", key="weight", value=weight)
        return 1.0
    if weight > MAX_WEIGHT:
        reader.report(node, weight_path, "too_large", key="weight", limit=MAX_WEIGHT, value=weight)
        return 1.0
    return weight


def optional_text(reader: NodeReader, keys: dict[str, Node], key: str, path: str) -> Text | None:
    return reader.text(keys[key], child(path, key)) if key in keys else None


def read_question(
    reader: NodeReader,
    node: Node,
    path: str,
    theme_code: str,
    pillar_code: str,
    register_code: Callable[[Node, str, str | None], None],
) -> tuple[Question, ConditionSource | None] | None:
    keys = reader.mapping(node, path, QUESTION_KEYS, ("code", "type", "text"))
    if keys is None:
        return None
    code = None
    if "code" in keys:
        code = read_code(reader, keys["code"], child(path, "code"))
        register_code(keys["code"], child(path, "code"), code)
    qtype = None
    if "type" in keys:
        qtype = reader.string(keys["type"], child(path, "type"), "a question type")
        if qtype is not None and qtype not in QUESTION_TYPES:
            reader.report(
                keys["type"],
                child(path, "type"),
                "unknown_type",
                type=qtype,
                allowed=QUESTION_TYPES,
            )
            qtype = None
    text = reader.text(keys["text"], child(path, "text")) if "text" in keys else None
    levels = read_levels(reader, node, keys, path, qtype)
    cap = read_points_cap(reader, keys, path, qtype, levels)
    allow_na = False
    if "allow_na" in keys:
        allow_na = bool(reader.boolean(keys["allow_na"], child(path, "allow_na")))
    unit = optional_text(reader, keys, "unit", path)
    if unit is not None and qtype is not None and qtype != NUMBER:
        reader.report(
            keys["unit"], child(path, "unit"), "not_allowed_for_type", key="unit", type=qtype
        )
    rule = (
        read_rule(reader, keys["applies_to"], child(path, "applies_to"))
        if "applies_to" in keys
        else None
    )
    source = None
    if "show_if" in keys:
        source = read_condition(reader, keys["show_if"], child(path, "show_if"))
    question = Question(
        code=code or "",
        type=qtype or "",
        text=text or PLACEHOLDER_TEXT,
        help=optional_text(reader, keys, "help", path),
        why=optional_text(reader, keys, "why", path),
        weight=read_weight(reader, keys, path),
        allow_na=allow_na,
        rule=rule,
        condition=source.condition if source else None,
        tags=read_tags(reader, keys, path),
        levels=levels,
        points_cap=cap,
        unit=unit,
        theme_code=theme_code,
        pillar_code=pillar_code,
    )
    return question, source


def read_tags(reader: NodeReader, keys: dict[str, Node], path: str) -> tuple[str, ...]:
    if "tags" not in keys:
        return ()
    node, tags_path = keys["tags"], child(path, "tags")
    if isinstance(node, SequenceNode) and not node.value:
        return ()
    tags = []
    for index, tag_node in enumerate(reader.sequence(node, tags_path, "tags") or ()):
        tag = reader.string(tag_node, item(tags_path, index), "a tag")
        if tag is not None and not TAG.fullmatch(tag):
            reader.report(tag_node, item(tags_path, index), "bad_tag", tag=tag)
        elif tag is not None:
            tags.append(tag)
    return tuple(tags)


def read_rule(reader: NodeReader, node: Node, path: str) -> Rule | None:
    keys = reader.mapping(node, path, RULE_KEYS)
    if keys is None:
        return None
    size_bands = _read_choices(reader, keys, "size_bands", path, SIZE_BANDS, "unknown_size_band")
    naf = _read_choices(reader, keys, "naf_sections", path, NAF_SECTIONS, "unknown_naf_section")
    exclude = _read_choices(
        reader, keys, "exclude_naf_sections", path, NAF_SECTIONS, "unknown_naf_section"
    )
    bounds = {}
    for key in ("min_headcount", "max_headcount"):
        if key in keys:
            value = reader.integer(keys[key], child(path, key))
            if value is not None and value < 0:
                reader.wrong_type(keys[key], child(path, key), "a whole number, 0 or more")
            elif value is not None and value > MAX_HEADCOUNT:
                reader.report(
                    keys[key],
                    child(path, key),
                    "too_large",
                    key=key,
                    limit=MAX_HEADCOUNT,
                    value=value,
                )
            elif value is not None:
                bounds[key] = value
    low, high = bounds.get("min_headcount"), bounds.get("max_headcount")
    if low is not None and high is not None and low > high:
        reader.report(node, path, "headcount_range", min=low, max=high)
    flags = []
    if "flags" in keys:
        flags_path = child(path, "flags")
        flag_keys = reader.mapping(keys["flags"], flags_path, FLAGS, unknown_code="unknown_flag")
        for flag, value_node in (flag_keys or {}).items():
            value = reader.boolean(value_node, child(flags_path, flag))
            if value is not None:
                flags.append((flag, value))
    return Rule(size_bands, low, high, naf, exclude, tuple(flags))


def _read_choices(
    reader: NodeReader,
    keys: dict[str, Node],
    key: str,
    path: str,
    allowed: tuple[str, ...],
    problem: str,
) -> tuple[str, ...] | None:
    if key not in keys:
        return None
    list_path = child(path, key)
    values = []
    for index, node in enumerate(reader.sequence(keys[key], list_path, key) or ()):
        value = reader.string(node, item(list_path, index))
        if value is not None and value not in allowed:
            reader.report(node, item(list_path, index), problem, value=value, allowed=allowed)
        elif value is not None:
            values.append(value)
    return tuple(values)


def read_condition(reader: NodeReader, node: Node, path: str) -> ConditionSource | None:
    keys = reader.mapping(node, path, ("question", "any_of", "at_least", "below"), ("question",))
    if keys is None or "question" not in keys:
        return None
    parent = reader.string(keys["question"], child(path, "question"), "a question code")
    if parent is None:
        return None
    any_of_nodes = []
    if "any_of" in keys:
        list_path = child(path, "any_of")
        for index, level_node in enumerate(
            reader.sequence(keys["any_of"], list_path, "any_of") or ()
        ):
            level_path = item(list_path, index)
            level = read_level_code(reader, level_node, level_path)
            if level is not None:
                any_of_nodes.append((level, level_node, level_path))
    thresholds = {}
    for key in ("at_least", "below"):
        if key in keys:
            thresholds[key] = reader.number_within(
                keys[key], child(path, key), key, MAX_ABSOLUTE_VALUE
            )
    if not ({"any_of", "at_least", "below"} & keys.keys()):
        reader.report(node, path, "empty_condition")
    at_least, below = thresholds.get("at_least"), thresholds.get("below")
    if at_least is not None and below is not None and at_least >= below:
        reader.report(node, path, "condition_range", at_least=at_least, below=below)
    condition = Condition(
        question=parent,
        any_of=frozenset(code for code, _, _ in any_of_nodes) if "any_of" in keys else None,
        at_least=at_least,
        below=below,
    )
    key_nodes = {key: keys[key] for key in ("any_of", "at_least", "below") if key in keys}
    return ConditionSource(condition, path, keys["question"], any_of_nodes, key_nodes)
