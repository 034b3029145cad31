"""The packs shipped with Levier are valid and tailored to the organisation's size."""

from pathlib import Path

import pytest

from levier.engine.pack_loader import load_pack
from levier.engine.profile import Profile, applies
from levier.frameworks.services import SHIPPED_PACKS, report

PACKS = sorted(SHIPPED_PACKS.glob("*.yaml"))


def _pack(name: str):
    path = SHIPPED_PACKS / name
    return load_pack(path.read_text(encoding="utf-8"), path.name)


def _visible(pack, profile) -> int:
    return sum(applies(question, profile) for question in pack.questions)


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_every_shipped_pack_is_valid(path: Path):
    assert report(path.read_text(encoding="utf-8"), path.name) == []


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_every_question_helps_the_person_answering(path: Path):
    pack = load_pack(path.read_text(encoding="utf-8"), path.name)
    for question in pack.questions:
        assert question.help is not None, question.code
        assert question.why is not None, question.code


def test_two_packs_are_shipped():
    assert {path.stem for path in PACKS} >= {"levier-360", "iso-26000"}


def test_levier_360_covers_three_pillars_twelve_themes_ninety_questions():
    pack = _pack("levier-360.yaml")

    assert [pillar.code for pillar in pack.pillars] == ["SOC", "ENV", "GOV"]
    assert len(pack.themes) >= 12
    assert len(pack.questions) >= 90
    for theme in pack.themes:
        assert len(theme.questions) >= 5, theme.code


def test_levier_360_asks_a_small_company_fewer_questions():
    pack = _pack("levier-360.yaml")

    micro = _visible(pack, Profile(headcount=6, naf_section="J"))
    large = _visible(pack, Profile(headcount=300, naf_section="C"))

    assert 40 <= micro <= 60
    assert 80 <= large <= 100


def test_iso_26000_follows_the_seven_core_subjects():
    pack = _pack("iso-26000.yaml")

    assert len(pack.pillars) == 7
    assert 30 <= len(pack.questions) <= 40
