"""What a change between two assessments earned counts the follow-ups it
revealed as they were answered later: a parent raised to "yes" whose follow-up
was answered too gained the whole path, never lost points (the parent alone
would count the newly shown follow-up as unanswered)."""

from pathlib import Path

import pytest

from levier.engine.answers import Answer
from levier.engine.pack_loader import load_pack_file
from levier.engine.profile import Profile
from levier.engine.scoring import score
from levier.engine.whatif import what_if, what_if_path

MINI = load_pack_file(Path(__file__).parent / "fixtures" / "mini.yaml")
SMALL = Profile(headcount=25)
BEFORE = {"SOC-QVT-01": Answer.of("no"), "ENV-CLI-01": Answer.of_value(30)}


def overall(answers) -> float:
    return score(MINI, SMALL, answers).overall


@pytest.mark.parametrize("follow_up", ["co_built", "consulted", "none"])
def test_the_revealed_follow_up_is_taken_as_answered_later(follow_up):
    later = {**BEFORE, "SOC-QVT-01": Answer.of("yes"), "SOC-QVT-02": Answer.of(follow_up)}

    gain = what_if_path(MINI, SMALL, BEFORE, "SOC-QVT-01", Answer.of("yes"), later)

    assert gain.overall == pytest.approx(overall(later) - overall(BEFORE))
    parent_alone = what_if(MINI, SMALL, BEFORE, "SOC-QVT-01", Answer.of("yes"))
    assert gain.overall >= parent_alone.overall


def test_a_follow_up_left_unanswered_later_stays_unanswered():
    later = {**BEFORE, "SOC-QVT-01": Answer.of("yes")}

    gain = what_if_path(MINI, SMALL, BEFORE, "SOC-QVT-01", Answer.of("yes"), later)

    assert gain == what_if(MINI, SMALL, BEFORE, "SOC-QVT-01", Answer.of("yes"))
