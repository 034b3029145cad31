"""From model rows to the engine's facts, and the reasons back in words."""

import pytest
from django.utils import translation

from levier.engine.finance.matching import Criterion
from levier.finance import matching
from levier.finance.models import Funder
from tests.finance.project_fixtures import finance_world, make_project, themes_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_facts_of_a_project_take_the_size_band_of_its_organisation(fw):
    facts = matching.project_facts(fw["shared"])

    assert facts.size_band == "small"
    assert facts.instruments == {"loan", "grant"}
    assert facts.region == "32"
    # Names compare as people type them, case and spaces aside.
    assert facts.accompanied_by == {"alliances accélérateur"}
    funder = matching.funder_facts(fw["fund"])
    assert funder.requires_accompanied_by == {"alliances accélérateur"}
    assert funder.ticket_max == 500_000


def test_the_fund_fits_with_every_reason_in_words_and_the_bank_says_what_blocks(fw):
    with translation.override("en"):
        fits = matching.funders_for(fw["shared"], [fw["bank"], fw["fund"]])

    fund, bank = fits
    assert fund.funder == fw["fund"] and fund.fits
    assert {r.criterion for r in fund.match.why} == {
        Criterion.TICKET,
        Criterion.INSTRUMENT,
        Criterion.STAGE,
        Criterion.THEME,
        Criterion.TERRITORY,
        Criterion.SIZE,
        Criterion.ACCOMPANIED,
    }
    assert "The amount sought, 150,000 €, is within its tickets (from 50,000 € to 500,000 €)." in (
        fund.why
    )
    assert "It offers an instrument the project accepts: Loan." in fund.why
    assert "It finances projects in Hauts-de-France." in fund.why
    assert "It asks for projects accompanied by Alliances Accélérateur, as this one is." in (
        fund.why
    )
    assert not bank.fits
    assert bank.blockers == [
        "The amount sought, 150,000 €, is outside its tickets (from 500,000 €).",
        "It finances only these stages: Scaling up or replication.",
        "It finances only companies holding the ESUS approval.",
    ]


def test_the_reasons_read_in_french_too(fw):
    with translation.override("fr"):
        fits = matching.funders_for(fw["shared"], [fw["bank"]])

    assert fits[0].blockers[0].startswith("The amount") or "150" in fits[0].blockers[0]
    assert "\u202f" in fits[0].blockers[0] or "\xa0" in fits[0].blockers[0]


def test_projects_for_a_funder_put_those_that_fit_first(fw):
    far_off = make_project(fw["carrier"], "Trop gros", amount_sought=5_000_000)

    found = matching.projects_for([fw["fund"]], [far_off, fw["shared"]])

    assert [project for project, _fits in found] == [fw["shared"], far_off]
    assert found[0][1][0].fits and not found[1][1][0].fits


def test_a_funder_stating_nothing_fits_every_project(fw):
    anyone = Funder.objects.create(network=fw["network"], name="Tout public", kind="other")

    fit = matching.funders_for(fw["shared"], [anyone])[0]

    assert fit.fits and fit.why == [] and fit.blockers == []


def test_labels_of_projects_and_funders(fw):
    with translation.override("en"):
        project = matching.labelled([fw["shared"]])[0]
        labels = matching.funder_labels(fw["fund"])

    assert project.instrument_labels == ["Loan", "Grant"]
    assert len(project.theme_labels) == 1
    assert labels["stages"] == ["Launch or first customers", "Growth"]
    assert labels["regions"] == ["Hauts-de-France"]
