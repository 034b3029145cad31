"""A pack problem reads in one language: the engine's English descriptions of
what it expected and found ("the number '1.0'") are given in the reader's
words, not pasted into a French sentence."""

from pathlib import Path

from django.utils import translation

from levier.engine.pack_loader import check_pack
from levier.frameworks.problems import FOUND_VALUE, KINDS, describe

BROKEN = Path(__file__).parents[1] / "engine" / "fixtures" / "broken.yaml"


def _described_params():
    problems = check_pack(BROKEN.read_text(encoding="utf-8"), BROKEN.name)
    return problems, [
        value
        for problem in problems
        for key, value in problem.params.items()
        if key in ("expected", "found") and isinstance(value, str)
    ]


def test_every_description_the_engine_gives_has_words_in_the_catalogue():
    _problems, described = _described_params()

    assert described, "broken.yaml has wrong types and an unquoted version"
    unknown = [value for value in described if value not in KINDS and not FOUND_VALUE.match(value)]
    assert unknown == []


def test_the_version_written_as_a_number_is_described_without_the_engine_quotes():
    problems, _described = _described_params()
    version = next(p for p in problems if p.code == "version_not_string")

    with translation.override("en"):
        message = describe(version)

    assert version.params["found"] == "the number '1.0'"
    assert message.endswith("found the number 1.0.")
    assert "'" not in message.split("found", 1)[1]
