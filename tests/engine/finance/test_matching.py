from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from levier.engine.finance.matching import Criterion, FunderFacts, ProjectFacts, match, rank

PROJECT = ProjectFacts(
    amount_sought=250_000,
    instruments=frozenset({"loan", "equity"}),
    stage="growth",
    themes=frozenset({"ENV-CLI", "SOC-EMP"}),
    region="76",
    size_band="small",
    esus=True,
    accompanied_by=frozenset({"incubator-a"}),
)


def test_a_funder_that_states_nothing_fits_and_gives_no_reason():
    found = match(PROJECT, FunderFacts())
    assert found.fits
    assert found.why == ()
    assert found.blockers == ()


def test_each_stated_criterion_that_holds_is_a_reason():
    funder = FunderFacts(
        ticket_min=100_000,
        ticket_max=5_000_000,
        instruments=frozenset({"equity", "grant"}),
        stages=frozenset({"growth"}),
        themes=frozenset({"ENV-CLI"}),
        regions=frozenset({"76", "75"}),
        requires_esus=True,
        requires_accompanied_by=frozenset({"incubator-a", "incubator-b"}),
    )
    found = match(PROJECT, funder)
    assert found.fits
    assert {r.criterion for r in found.why} == {
        Criterion.TICKET,
        Criterion.INSTRUMENT,
        Criterion.STAGE,
        Criterion.THEME,
        Criterion.TERRITORY,
        Criterion.ESUS,
        Criterion.ACCOMPANIED,
    }
    reasons = {r.criterion: r for r in found.why}
    # The values shown are the ones both sides share.
    assert reasons[Criterion.INSTRUMENT].detail == ("equity",)
    assert reasons[Criterion.THEME].detail == ("ENV-CLI",)


def test_each_failing_criterion_blocks_alone():
    cases = {
        Criterion.TICKET: FunderFacts(ticket_min=300_000),
        Criterion.INSTRUMENT: FunderFacts(instruments=frozenset({"grant"})),
        Criterion.STAGE: FunderFacts(stages=frozenset({"idea"})),
        Criterion.THEME: FunderFacts(themes=frozenset({"GOV-ETH"})),
        Criterion.TERRITORY: FunderFacts(regions=frozenset({"11"})),
        Criterion.SIZE: FunderFacts(size_bands=frozenset({"large"})),
        Criterion.ACCOMPANIED: FunderFacts(requires_accompanied_by=frozenset({"other"})),
    }
    for criterion, funder in cases.items():
        found = match(PROJECT, funder)
        assert not found.fits
        assert [r.criterion for r in found.blockers] == [criterion]
    not_esus = replace(PROJECT, esus=False)
    assert [r.criterion for r in match(not_esus, FunderFacts(requires_esus=True)).blockers] == [
        Criterion.ESUS
    ]


def test_ticket_bounds_are_inclusive():
    at_bounds = FunderFacts(ticket_min=250_000, ticket_max=250_000)
    assert match(PROJECT, at_bounds).fits
    assert not match(replace(PROJECT, amount_sought=250_001), at_bounds).fits


def test_rank_puts_precise_fitting_funders_first_then_fewest_blockers():
    funders = {
        "generalist": FunderFacts(),
        "climate-fund": FunderFacts(themes=frozenset({"ENV-CLI"}), regions=frozenset({"76"})),
        "two-blockers": FunderFacts(stages=frozenset({"idea"}), regions=frozenset({"11"})),
        "one-blocker": FunderFacts(stages=frozenset({"idea"})),
    }
    assert [key for key, _ in rank(PROJECT, funders)] == [
        "climate-fund",
        "generalist",
        "one-blocker",
        "two-blockers",
    ]


codes = st.frozensets(st.sampled_from(["a", "b", "c", "d"]), max_size=3)


@given(
    amount=st.integers(0, 10_000_000),
    low=st.none() | st.integers(0, 10_000_000),
    high=st.none() | st.integers(0, 10_000_000),
    wanted=codes,
    offered=codes,
    themes=codes,
    funder_themes=codes,
)
def test_fits_exactly_when_no_blocker_and_blockers_are_stated(
    amount, low, high, wanted, offered, themes, funder_themes
):
    project = replace(PROJECT, amount_sought=amount, instruments=wanted, themes=themes)
    funder = FunderFacts(
        ticket_min=low, ticket_max=high, instruments=offered, themes=funder_themes
    )
    found = match(project, funder)
    assert found.fits == (not found.blockers)
    assert all(r.stated for r in found.blockers)
    in_ticket = (low is None or amount >= low) and (high is None or amount <= high)
    assert found.fits == (
        in_ticket
        and (not offered or bool(wanted & offered))
        and (not funder_themes or bool(themes & funder_themes))
    )
