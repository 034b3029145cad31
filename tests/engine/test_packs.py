import pytest

from levier.engine.packs import Level, Pack, Pillar, Question, Theme, is_scoreable
from levier.engine.text import Text

LABEL = Text("libellé", "label")


def test_text_falls_back_to_french():
    text = Text(fr="Bonjour", en="Hello")
    assert (text.get("en"), text.get("en-GB"), text.get("fr"), text.get("de")) == (
        "Hello",
        "Hello",
        "Bonjour",
        "Bonjour",
    )
    assert Text(fr="Bonjour", en="").get("en") == "Bonjour"


def levels(*points, exclusive=()):
    return tuple(
        Level(f"l{i}", LABEL, p, exclusive=f"l{i}" in exclusive) for i, p in enumerate(points)
    )


@pytest.mark.parametrize(
    ("qtype", "question_levels", "cap", "expected"),
    [
        ("single_choice", levels(0, 3, 1), None, 3),
        ("yes_no", levels(2, 0), None, 2),
        ("multiple_choice", levels(1, 2, 0), None, 3),
        ("multiple_choice", levels(1, 2, 0), 2.5, 2.5),
        # An exclusive option does not add up with the others.
        ("multiple_choice", levels(1, 2, 4, exclusive=("l2",)), None, 4),
        ("multiple_choice", levels(1, 2, 1, exclusive=("l2",)), None, 3),
        ("number", (Level("a", None, 1, max=5), Level("b", None, 4, min=5)), None, 4),
        ("text", (), None, 0),
        ("single_choice", levels(0, 0), None, 0),
    ],
)
def test_effective_max_points(qtype, question_levels, cap, expected):
    question = Question("Q", qtype, LABEL, levels=question_levels, points_cap=cap)
    assert question.max_points == expected
    assert is_scoreable(question) == (expected > 0)


def test_band_bounds():
    band = Level("mid", None, 1, min=10, max=20)
    assert band.contains(10) and band.contains(19.99) and not band.contains(20)
    assert Level("top", None, 1, min=5).contains(1e9)
    assert Level("low", None, 1, max=5).contains(-1e9)


def test_pack_accessors():
    q1 = Question("A-1-01", "yes_no", LABEL, levels=levels(1, 0))
    q2 = Question("B-1-01", "text", LABEL)
    pack = Pack(
        1,
        "p",
        "1",
        LABEL,
        LABEL,
        pillars=(
            Pillar("A", LABEL, (Theme("A-1", LABEL, (q1,), pillar_code="A"),)),
            Pillar("B", LABEL, (Theme("B-1", LABEL, (q2,), pillar_code="B"),)),
        ),
    )
    assert pack.questions == (q1, q2)
    assert [theme.code for theme in pack.themes] == ["A-1", "B-1"]
    assert pack.question("B-1-01") is q2 and pack.theme("B-1").questions == (q2,)
    assert pack.pillar("A").themes[0].code == "A-1"
    assert pack.is_scoreable(q1) and not pack.is_scoreable(q2)
    with pytest.raises(KeyError):
        pack.question("A-1")  # a theme, not a question
    with pytest.raises(KeyError):
        pack.theme("nope")
