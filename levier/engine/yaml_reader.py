"""Typed reading of YAML nodes that records problems instead of stopping at the first.

Working on the node tree (not on constructed Python objects) keeps the line of every
value and shows what plain loading hides: duplicate keys, unquoted booleans.
"""

from __future__ import annotations

import math
from collections.abc import Collection

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from levier.engine.limits import MAX_NUMBER_CHARACTERS, MAX_PROBLEMS
from levier.engine.problems import Problem, make_problem
from levier.engine.text import LANGUAGES, Text

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + name for name in ("str", "int", "float", "bool", "null"))


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def item(path: str, index: int) -> str:
    return f"{path}[{index}]"


class TooManyProblems(Exception):
    """Raised by the reader at its MAX_PROBLEMS-th problem: reading further is wasted."""


def describe(node: Node) -> str:
    """How a node reads to a pack author, for "expected X, found Y" messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    kinds = {STR: "the text", INT: "the number", FLOAT: "the number", BOOL: "the boolean"}
    if node.tag == NULL:
        return "nothing"
    return f"{kinds.get(node.tag, 'the value')} '{node.value}'"


class NodeReader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()
        # Line of the key that introduces each mapping value, by node id.
        self._key_lines: dict[int, int] = {}

    def report(self, at: Node | int, path: str, problem: str, /, **params: object) -> None:
        self.problems.append(make_problem(self.filename, self._line(at), path, problem, **params))
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def _line(self, at: Node | int) -> int:
        if isinstance(at, int):
            return at
        # A block list or mapping starts on the line after its key, yet the author sees
        # `options:` as the place of "these options are wrong".
        if isinstance(at, MappingNode | SequenceNode) and id(at) in self._key_lines:
            return self._key_lines[id(at)]
        return line_of(at)

    def wrong_type(self, node: Node, path: str, expected: str) -> None:
        self.report(node, path, "wrong_type", expected=expected, found=describe(node))

    def mapping(
        self,
        node: Node,
        path: str,
        allowed: Collection[str],
        required: Collection[str] = (),
        unknown_code: str = "unknown_key",
    ) -> dict[str, Node] | None:
        """The known keys of a mapping node; reports every other fault of the mapping."""
        if not isinstance(node, MappingNode):
            self.wrong_type(node, path, "a mapping")
            return None
        found: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.wrong_type(key_node, path, "a key")
                continue
            # The raw text: a key written `yes` is still the key "yes" for the author.
            key = key_node.value
            if key in key_lines:
                self.report(
                    key_node, child(path, key), "duplicate_key", key=key, first_line=key_lines[key]
                )
                continue
            key_lines[key] = line_of(key_node)
            self._key_lines[id(value_node)] = line_of(key_node)
            if key not in allowed:
                self.report(key_node, child(path, key), unknown_code, key=key, allowed=[*allowed])
                continue
            found[key] = value_node
        for key in required:
            if key not in key_lines:
                self.report(node, child(path, key), "missing_key", key=key)
        return found

    def sequence(self, node: Node, path: str, key: str) -> list[Node] | None:
        """The items of a non-empty list."""
        if not isinstance(node, SequenceNode):
            self.wrong_type(node, path, "a list")
            return None
        if not node.value:
            self.report(node, path, "empty_list", key=key)
            return None
        return list(node.value)

    def string(self, node: Node, path: str, expected: str = "a text") -> str | None:
        if isinstance(node, ScalarNode) and node.tag == STR:
            return node.value
        self.wrong_type(node, path, expected)
        return None

    def number(self, node: Node, path: str) -> float | None:
        """A finite number; `.inf`, `.nan` and absurdly long numbers are reported."""
        if not (isinstance(node, ScalarNode) and node.tag in (INT, FLOAT)):
            self.wrong_type(node, path, "a number")
            return None
        value = self._construct_number(node, path)
        if value is None:
            return None
        value = float(value)
        if not math.isfinite(value):
            self.report(node, path, "not_finite", value=node.value)
            return None
        return value

    def number_within(self, node: Node, path: str, key: str, limit: float) -> float | None:
        """A number between -limit and limit."""
        value = self.number(node, path)
        if value is not None and abs(value) > limit:
            self.report(node, path, "out_of_range", key=key, min=-limit, max=limit, value=value)
            return None
        return value

    def integer(self, node: Node, path: str) -> int | None:
        if not (isinstance(node, ScalarNode) and node.tag == INT):
            self.wrong_type(node, path, "a whole number")
            return None
        value = self._construct_number(node, path)
        return None if value is None else int(value)

    def _construct_number(self, node: ScalarNode, path: str) -> int | float | None:
        # YAML reads `1:30:00` as a base-60 number and Python converts a long run of
        # digits in quadratic time: a hostile pack could stall the checks on one value.
        if len(node.value) > MAX_NUMBER_CHARACTERS:
            self.report(node, path, "number_too_long", limit=MAX_NUMBER_CHARACTERS)
            return None
        try:
            return self._construct(node)
        except ValueError:
            self.wrong_type(node, path, "a number")
            return None

    def boolean(self, node: Node, path: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            return bool(self._construct(node))
        self.wrong_type(node, path, "true or false")
        return None

    def text(self, node: Node, path: str) -> Text | None:
        """A `{fr: ..., en: ...}` text with both translations non-empty."""
        if isinstance(node, ScalarNode):
            self.wrong_type(node, path, "a text in both languages: {fr: ..., en: ...}")
            return None
        keys = self.mapping(node, path, LANGUAGES, unknown_code="unknown_language")
        if keys is None:
            return None
        translations: dict[str, str] = {}
        for lang in LANGUAGES:
            if lang not in keys:
                self.report(node, child(path, lang), "missing_translation", lang=lang)
                continue
            value_node = keys[lang]
            if isinstance(value_node, ScalarNode) and value_node.tag == NULL:
                self.report(value_node, child(path, lang), "empty_translation", lang=lang)
                continue
            value = self._plain_text(value_node, child(path, lang))
            if value is not None and not value.strip():
                self.report(keys[lang], child(path, lang), "empty_translation", lang=lang)
            elif value is not None:
                translations[lang] = value
        if len(translations) != len(LANGUAGES):
            return None
        return Text(**translations)

    def _plain_text(self, node: Node, path: str) -> str | None:
        # In a translation any scalar is text, as written: `en: No` is "No", not false.
        if isinstance(node, ScalarNode) and node.tag in (STR, INT, FLOAT, BOOL):
            return node.value
        self.wrong_type(node, path, "a text")
        return None

    def _construct(self, node: ScalarNode) -> object:
        return self._constructor.construct_object(node, deep=True)
