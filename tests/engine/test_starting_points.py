"""What a practice's level must beat: the points one has before acting."""

from levier.engine.packs import (
    MULTIPLE_CHOICE,
    NUMBER,
    SINGLE_CHOICE,
    Level,
    Question,
    Text,
)


def level(code, points, **bounds):
    return Level(code=code, label=Text(fr=code, en=code), points=points, **bounds)


def question(kind, *levels):
    return Question(code="Q-1", type=kind, text=Text(fr="Q", en="Q"), levels=levels)


def test_a_single_choice_starts_at_its_lowest_level():
    q = question(SINGLE_CHOICE, level("none", 1), level("some", 2), level("all", 3))
    assert q.starting_points == 1


def test_options_one_ticks_start_from_nothing():
    q = question(MULTIPLE_CHOICE, level("a", 1), level("b", 1), level("c", 2))
    assert q.starting_points == 0


def test_a_single_level_is_reached_by_answering():
    q = question(NUMBER, level("given", 2, min=0))
    assert q.starting_points == 0
    bands = question(NUMBER, level("low", 0, max=10), level("high", 2, min=10))
    assert bands.starting_points == 0
    assert question(NUMBER, level("low", 1, max=10), level("high", 2, min=10)).starting_points == 1
