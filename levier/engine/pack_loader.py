"""Loading a framework pack from YAML, reporting every problem with its line and path.

The format is described in docs/frameworks.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import Node, ScalarNode

from levier.engine.limits import MAX_DEPTH, MAX_PACK_BYTES, MAX_PROBLEMS, MAX_VALUES, MEGABYTE
from levier.engine.packs import CHOICE_TYPES, NUMERIC_TYPES, Pack, Pillar, Question, Theme
from levier.engine.problems import PackInvalid, Problem, make_problem
from levier.engine.question_reader import (
    PLACEHOLDER_TEXT,
    ConditionSource,
    optional_text,
    read_code,
    read_question,
    read_weight,
)
from levier.engine.text import Text
from levier.engine.yaml_reader import (
    STR,
    NodeReader,
    TooManyProblems,
    child,
    describe,
    item,
    line_of,
)

PACK_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SUPPORTED_FORMAT = 1

# libyaml parses a large pack in milliseconds where pure Python takes seconds; the
# shape is checked on its events first, so its recursive composer only meets a
# document of bounded depth.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TOP_KEYS = ("format", "id", "version", "title", "description", "source", "pillars")
_TOP_REQUIRED = ("format", "id", "version", "title", "description", "pillars")


def check_pack(text: str, filename: str) -> list[Problem]:
    """Every problem of the pack in `text`, in line order; empty when it is valid."""
    return _read(text, filename)[0]


def load_pack(text: str, filename: str) -> Pack:
    problems, pack = _read(text, filename)
    if problems or pack is None:
        raise PackInvalid(problems)
    return pack


def load_pack_file(path: str | Path) -> Pack:
    path = Path(path)
    too_large = size_problem(path.stat().st_size, str(path))
    if too_large:
        raise PackInvalid([too_large])
    return load_pack(path.read_text(encoding="utf-8"), str(path))


def size_problem(size: int, filename: str) -> Problem | None:
    """The problem of a file of `size` bytes, too large to be read as a pack."""
    if size <= MAX_PACK_BYTES:
        return None
    return make_problem(filename, 1, "", "pack_too_large", limit=MAX_PACK_BYTES // MEGABYTE)


def _shape_problem(text: str, filename: str) -> Problem | None:
    """The first alias, excess depth or excess size of the YAML, read as a stream of events.

    Aliases are refused outright (shipped packs use none): expanding them is how a few
    hundred bytes become millions of values. Stopping at the first fault answers a hostile
    file at once and with one problem, not with one per copy.
    """
    depth = values = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1
            return make_problem(filename, line, "", "yaml_alias", alias=event.anchor)
        if isinstance(event, yaml.NodeEvent):
            values += 1
            if values > MAX_VALUES:
                line = event.start_mark.line + 1
                return make_problem(filename, line, "", "too_many_values", limit=MAX_VALUES)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                return make_problem(filename, line, "", "too_deep", limit=MAX_DEPTH)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


class _PackReader(NodeReader):
    def __init__(self, filename: str) -> None:
        super().__init__(filename)
        # Pillar, theme and question codes share one namespace: "unique in the pack".
        self.code_lines: dict[str, int] = {}
        self.conditions: list[tuple[Question, ConditionSource]] = []

    def register_code(self, node: Node, path: str, code: str | None) -> None:
        if code is None:
            return
        if code in self.code_lines:
            first_line = self.code_lines[code]
            self.report(
                node, path, "duplicate_code", code=code, first_line=first_line, scope="pack"
            )
        else:
            self.code_lines[code] = line_of(node)


def _read(text: str, filename: str) -> tuple[list[Problem], Pack | None]:
    # Characters never outnumber bytes: only a text near the limit needs encoding.
    if len(text) > MAX_PACK_BYTES // 4:
        too_large = size_problem(len(text.encode("utf-8", "surrogatepass")), filename)
        if too_large:
            return [too_large], None
    try:
        shape = _shape_problem(text, filename)
        if shape:
            return [shape], None
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        if "nesting depth" in (error.problem or ""):
            # libyaml stops deep flow collections ([[[...) itself, before any event.
            return [make_problem(filename, line, "", "too_deep", limit=MAX_DEPTH)], None
        problem = error.problem or error.context or "unreadable"
        if error.context and error.context_mark and error.problem:
            # Where the unfinished construct began is often where the typo is.
            context_line = error.context_mark.line + 1
            problem = f"{problem} ({error.context} started on line {context_line})"
        return [make_problem(filename, line, "", "yaml_syntax", problem=problem)], None
    except yaml.YAMLError as error:
        return [make_problem(filename, 1, "", "yaml_syntax", problem=str(error))], None
    if root is None:
        problem = make_problem(
            filename, 1, "", "wrong_type", expected="a mapping", found="nothing"
        )
        return [problem], None
    reader = _PackReader(filename)
    try:
        pack = _read_pack(reader, root)
        _check_conditions(reader, pack.questions if pack else ())
    except TooManyProblems:
        problems = sorted(reader.problems, key=lambda problem: problem.line)
        last_line = problems[-1].line
        stop = make_problem(filename, last_line, "", "too_many_problems", limit=MAX_PROBLEMS)
        return [*problems, stop], None
    problems = sorted(reader.problems, key=lambda problem: problem.line)
    return problems, pack


def _read_pack(reader: _PackReader, root: Node) -> Pack | None:
    keys = reader.mapping(root, "", _TOP_KEYS, _TOP_REQUIRED)
    if keys is None:
        return None
    pack_format = reader.integer(keys["format"], "format") if "format" in keys else None
    if pack_format is not None and pack_format != SUPPORTED_FORMAT:
        reader.report(keys["format"], "format", "unsupported_format", format=pack_format)
    pack_id = reader.string(keys["id"], "id", "an id") if "id" in keys else None
    if pack_id is not None and not PACK_ID.fullmatch(pack_id):
        reader.report(keys["id"], "id", "bad_id", id=pack_id)
    version = None
    if "version" in keys:
        node = keys["version"]
        if isinstance(node, ScalarNode) and node.tag == STR and node.value.strip():
            version = node.value
        else:
            reader.report(node, "version", "version_not_string", found=describe(node))
    pillars = []
    for index, node in enumerate(_items(reader, keys, "pillars", "")):
        pillar = _read_pillar(reader, node, item("pillars", index))
        if pillar is not None:
            pillars.append(pillar)
    return Pack(
        format=pack_format or SUPPORTED_FORMAT,
        id=pack_id or "",
        version=version or "",
        title=_text(reader, keys, "title", ""),
        description=_text(reader, keys, "description", ""),
        source=optional_text(reader, keys, "source", ""),
        pillars=tuple(pillars),
    )


def _read_pillar(reader: _PackReader, node: Node, path: str) -> Pillar | None:
    allowed = ("code", "title", "description", "weight", "themes")
    keys = reader.mapping(node, path, allowed, ("code", "title", "themes"))
    if keys is None:
        return None
    code = _code(reader, keys, path)
    themes = []
    for index, theme_node in enumerate(_items(reader, keys, "themes", path)):
        theme = _read_theme(reader, theme_node, item(child(path, "themes"), index), code or "")
        if theme is not None:
            themes.append(theme)
    return Pillar(
        code=code or "",
        title=_text(reader, keys, "title", path),
        description=optional_text(reader, keys, "description", path),
        weight=read_weight(reader, keys, path),
        themes=tuple(themes),
    )


def _read_theme(reader: _PackReader, node: Node, path: str, pillar_code: str) -> Theme | None:
    allowed = ("code", "title", "description", "weight", "questions")
    keys = reader.mapping(node, path, allowed, ("code", "title", "questions"))
    if keys is None:
        return None
    code = _code(reader, keys, path)
    questions = []
    for index, question_node in enumerate(_items(reader, keys, "questions", path)):
        question_path = item(child(path, "questions"), index)
        read = read_question(
            reader, question_node, question_path, code or "", pillar_code, reader.register_code
        )
        if read is None:
            continue
        question, condition_source = read
        if condition_source is not None:
            reader.conditions.append((question, condition_source))
        questions.append(question)
    return Theme(
        code=code or "",
        title=_text(reader, keys, "title", path),
        description=optional_text(reader, keys, "description", path),
        weight=read_weight(reader, keys, path),
        questions=tuple(questions),
        pillar_code=pillar_code,
    )


def _code(reader: _PackReader, keys: dict[str, Node], path: str) -> str | None:
    if "code" not in keys:
        return None
    code = read_code(reader, keys["code"], child(path, "code"))
    reader.register_code(keys["code"], child(path, "code"), code)
    return code


def _text(reader: NodeReader, keys: dict[str, Node], key: str, path: str) -> Text:
    text = reader.text(keys[key], child(path, key)) if key in keys else None
    return text or PLACEHOLDER_TEXT


def _items(reader: NodeReader, keys: dict[str, Node], key: str, path: str) -> list[Node]:
    if key not in keys:
        return []
    return reader.sequence(keys[key], child(path, key), key) or []


def _check_conditions(reader: _PackReader, questions: tuple[Question, ...]) -> None:
    """show_if may only name an earlier question of the same theme, with fitting levels."""
    position: dict[str, int] = {}
    for index, question in enumerate(questions):
        position.setdefault(question.code, index)
    by_code = {question.code: question for question in reversed(questions)}
    for question, source in reader.conditions:
        parent_code = source.condition.question
        at = source.question_node
        at_path = child(source.path, "question")
        parent = by_code.get(parent_code)
        if parent is None:
            reader.report(at, at_path, "unknown_question", question=parent_code)
        elif parent.theme_code != question.theme_code:
            reader.report(
                at, at_path, "other_theme", question=parent_code, theme=parent.theme_code
            )
        elif position[parent_code] >= position.get(question.code, len(questions)):
            reader.report(at, at_path, "later_question", question=parent_code)
        elif parent.type:
            _check_condition_fits(reader, source, parent)


def _check_condition_fits(reader: _PackReader, source: ConditionSource, parent: Question) -> None:
    fits = {
        "any_of": parent.type in CHOICE_TYPES,
        "at_least": parent.type in NUMERIC_TYPES,
        "below": parent.type in NUMERIC_TYPES,
    }
    for key, node in source.key_nodes.items():
        if not fits[key]:
            reader.report(
                node,
                child(source.path, key),
                "condition_type_mismatch",
                key=key,
                question=parent.code,
                type=parent.type,
            )
    if not fits["any_of"]:
        return
    known = {level.code for level in parent.levels}
    for level, node, path in source.any_of_nodes:
        if level not in known:
            reader.report(node, path, "unknown_level", question=parent.code, level=level)
