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
    assert {path.stem for path in PACKS} >= {"levier-360-v1", "levier-360-v2", "iso-26000"}


def test_levier_360_v1_stays_shipped_as_published():
    pack = _pack("levier-360-v1.yaml")

    assert (pack.id, pack.version) == ("levier-360", "1.0.0")
    assert len(pack.questions) == 100


def test_levier_360_covers_three_pillars_twelve_themes_ninety_questions():
    pack = _pack("levier-360-v2.yaml")

    assert (pack.id, pack.version) == ("levier-360", "2.0.0")
    assert [pillar.code for pillar in pack.pillars] == ["SOC", "ENV", "GOV"]
    assert len(pack.themes) >= 12
    assert len(pack.questions) >= 90
    for theme in pack.themes:
        assert len(theme.questions) >= 5, theme.code


def test_levier_360_asks_a_small_company_fewer_questions():
    pack = _pack("levier-360-v2.yaml")

    micro = _visible(pack, Profile(headcount=6, naf_section="J"))
    large = _visible(pack, Profile(headcount=300, naf_section="C"))

    assert 40 <= micro <= 70
    assert 90 <= large <= len(pack.questions)
    assert micro < large


def test_a_company_of_one_gets_no_question_about_its_employees():
    pack = _pack("levier-360-v2.yaml")
    solo, duo = Profile(headcount=1, naf_section="M"), Profile(headcount=2, naf_section="M")
    # Hiring questions stay: a company of one may take on its first employee or apprentice.
    hiring = {"SOC-SKL-07", "SOC-DIV-01", "SOC-DIV-03", "SOC-DIV-04"}

    asked_alone = [q.code for q in pack.questions if applies(q, solo)]
    asked_with_one_employee = [q.code for q in pack.questions if applies(q, duo)]

    assert {code for code in asked_alone if code.startswith("SOC-")} == hiring
    # Nor, elsewhere, the questions about employees' commuting, volunteering or say.
    assert not {"ENV-MOB-03", "ENV-MOB-04", "GOV-LOC-03", "GOV-PUR-03"} & set(asked_alone)
    # From the first employee on, the employee questions are asked again.
    assert {"SOC-HSW-01", "SOC-EMP-04", "SOC-SKL-04"} <= set(asked_with_one_employee)


def test_v2_keeps_every_v1_question_with_its_levels():
    """Answers, practices and plans refer to a code and a level code: a question
    kept in v2 keeps its type and its levels (a changed meaning takes a new code)."""
    v1, v2 = _pack("levier-360-v1.yaml"), _pack("levier-360-v2.yaml")

    for old in v1.questions:
        new = v2.question(old.code)
        assert new.type == old.type, old.code
        assert new.theme_code == old.theme_code, old.code
        assert [(level.code, level.points) for level in new.levels] == [
            (level.code, level.points) for level in old.levels
        ], old.code
    added = {q.code for q in v2.questions} - {q.code for q in v1.questions}
    assert len(added) == len(v2.questions) - len(v1.questions) > 0


def test_v2_asks_figures_with_bands():
    """The gaps found in v1: quantified indicators, entered as numbers."""
    v2 = _pack("levier-360-v2.yaml")
    # The footprint's total is recorded for tracking, not scored: it depends on
    # the sector and size. Its yearly change is scored.
    total = v2.question("ENV-CLI-09")
    assert (total.type, total.max_points) == ("number", 0)
    figures = {
        "ENV-CLI-10": "number",  # the footprint's yearly change
        "SOC-EMP-09": "percentage",  # value sharing: employees vs shareholders
        "SOC-EMP-10": "number",  # lowest wage vs SMIC
        "SOC-EMP-11": "percentage",  # turnover
        "SOC-EMP-12": "percentage",  # employee ownership
        "SOC-HSW-10": "percentage",  # absenteeism
        "SOC-DIV-10": "percentage",  # employees from priority neighbourhoods
        "SOC-DIV-11": "percentage",  # women in management
        "GOV-PUR-11": "percentage",  # women in governance
        "GOV-CUS-08": "percentage",  # turnover from a social or ecological purpose
    }
    for code, kind in figures.items():
        question = v2.question(code)
        assert question.type == kind, code
        assert question.levels and question.max_points > 0, code


FRENCH_SPACES = [
    ("'", "a straight apostrophe (’ in French)"),
    (" :", "a plain space before a colon (U+00A0)"),
    (" %", "a plain space before % (U+00A0)"),
    (" »", "a plain space before » (U+00A0)"),
    ("« ", "a plain space after « (U+00A0)"),
    (" ?", "a plain space before ? (U+202F)"),
    (" ;", "a plain space before ; (U+202F)"),
    (" !", "a plain space before ! (U+202F)"),
]


def _french_texts(pack):
    yield "title", pack.title.fr
    yield "description", pack.description.fr
    for item in (*pack.pillars, *pack.themes):
        yield item.code, item.title.fr
    for question in pack.questions:
        for name in ("text", "help", "why", "unit"):
            text = getattr(question, name)
            if text is not None:
                yield f"{question.code}.{name}", text.fr
        for level in question.levels:
            if level.label is not None:
                yield f"{question.code}/{level.code}", level.label.fr


def test_levier_360_v2_french_follows_the_typography():
    wrong = [
        f"{where}: {why}"
        for where, text in _french_texts(_pack("levier-360-v2.yaml"))
        for mark, why in FRENCH_SPACES
        if mark in text
    ]
    assert wrong == []


def test_iso_26000_follows_the_seven_core_subjects():
    pack = _pack("iso-26000.yaml")

    assert len(pack.pillars) == 7
    assert 30 <= len(pack.questions) <= 40
