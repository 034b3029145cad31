import pytest

from levier.engine.packs import Question, Rule, size_band_for
from levier.engine.profile import Exclusion, Profile, applies, exclusion_reason
from levier.engine.text import Text


def question(**rule) -> Question:
    return Question("Q", "yes_no", Text("q", "q"), rule=Rule(**rule))


@pytest.mark.parametrize(
    ("headcount", "band"),
    [
        (0, "micro"),
        (9, "micro"),
        (10, "small"),
        (49, "small"),
        (50, "medium"),
        (249, "medium"),
        (250, "large"),
        (10_000, "large"),
        (None, None),
    ],
)
def test_size_bands(headcount, band):
    assert size_band_for(headcount) == band
    assert Profile(headcount=headcount).size_band == band


def test_a_declared_size_band_is_kept():
    assert Profile(headcount=300, size_band="medium").size_band == "medium"


@pytest.mark.parametrize(
    "fields",
    [{"headcount": -1}, {"size_band": "tiny"}, {"naf_section": "Z"}, {"flags": {"vegan"}}],
)
def test_invalid_profiles_are_refused(fields):
    with pytest.raises(ValueError):
        Profile(**fields)


def test_a_question_without_rule_always_applies():
    assert applies(Question("Q", "yes_no", Text("q", "q")), Profile())


def test_size_band_clause():
    rule = {"size_bands": ("small", "medium")}
    assert applies(question(**rule), Profile(headcount=10))
    assert exclusion_reason(question(**rule), Profile(headcount=9)) == Exclusion(
        "size_bands", ("small", "medium"), "micro"
    )
    assert exclusion_reason(question(**rule), Profile()) == Exclusion(
        "size_bands", ("small", "medium"), None
    )


def test_headcount_bounds_are_included_and_unknown_does_not_match():
    bounded = question(min_headcount=20, max_headcount=50)
    assert applies(bounded, Profile(headcount=20)) and applies(bounded, Profile(headcount=50))
    assert exclusion_reason(bounded, Profile(headcount=19)) == Exclusion("min_headcount", 20, 19)
    assert exclusion_reason(bounded, Profile(headcount=51)) == Exclusion("max_headcount", 50, 51)
    assert exclusion_reason(bounded, Profile(size_band="small")) == Exclusion(
        "min_headcount", 20, None
    )
    assert exclusion_reason(question(max_headcount=50), Profile()) == Exclusion(
        "max_headcount", 50, None
    )


def test_naf_sections_unknown_section_does_not_match():
    industry = question(naf_sections=("C", "D"))
    assert applies(industry, Profile(naf_section="C"))
    assert exclusion_reason(industry, Profile(naf_section="J")) == Exclusion(
        "naf_sections", ("C", "D"), "J"
    )
    assert not applies(industry, Profile())


def test_excluded_naf_sections_never_exclude_an_unknown_section():
    not_for_farms = question(exclude_naf_sections=("A",))
    assert applies(not_for_farms, Profile())
    assert applies(not_for_farms, Profile(naf_section="B"))
    assert exclusion_reason(not_for_farms, Profile(naf_section="A")) == Exclusion(
        "exclude_naf_sections", ("A",), "A"
    )


def test_flags_must_have_the_wanted_value():
    ess_not_bcorp = question(flags=(("ess", True), ("bcorp", False)))
    assert applies(ess_not_bcorp, Profile(flags=frozenset({"ess", "mission"})))
    assert exclusion_reason(ess_not_bcorp, Profile()) == Exclusion("flags", True, False, "ess")
    assert exclusion_reason(
        ess_not_bcorp, Profile(flags=frozenset({"ess", "bcorp"}))
    ) == Exclusion("flags", False, True, "bcorp")


def test_every_clause_must_hold():
    rule = {"size_bands": ("large",), "naf_sections": ("C",), "flags": (("mission", True),)}
    target = Profile(headcount=300, naf_section="C", flags=frozenset({"mission"}))
    assert applies(question(**rule), target)
    assert not applies(question(**rule), Profile(headcount=300, naf_section="C"))
    assert not applies(question(**rule), Profile(headcount=30, naf_section="C"))
