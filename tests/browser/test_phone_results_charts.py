"""On a phone (390 px), the results page's charts keep readable text (at least
10 px high once scaled down) and nothing scrolls sideways."""

import random

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.assessments import services
from levier.frameworks.services import latest_version, sync_shipped_packs
from tests.browser.pages import phone_signed_in
from tests.factories import make_member, make_network, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submitted_assessment(organisation, member):
    sync_shipped_packs()
    version = latest_version("levier-360")
    assessment = services.start(organisation, version, "2026", member)
    chance = random.Random(3)
    for question in services.applicable_questions(assessment):
        if question.is_choice and question.condition is None:
            given = services.AnswerInput(levels=(chance.choice(question.levels).code,))
            services.save_answer(assessment, question, given, member, 0)
    services.submit(assessment, member)
    return assessment


def test_chart_text_is_at_least_10_px_and_the_page_does_not_scroll_sideways(live_server, browser):
    network = make_network(name="Réseau Horizon RSE")
    organisation = make_organisation(network, name="Atelier Boisvert")
    member = make_member(organisation, OrgRole.ADMIN, email="claire@example.org")
    assessment = _submitted_assessment(organisation, member)
    context, page = phone_signed_in(browser, live_server, member.email)

    page.goto(
        live_server.url + reverse("assessment_results", args=[organisation.slug, assessment.pk])
    )

    heights = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart-svg text')]
            .filter(t => t.getClientRects().length && t.textContent.trim())
            .map(t => [t.textContent, t.getBoundingClientRect().height])"""
    )
    assert len(heights) >= 10  # the pillars' and themes' charts are there, visible
    small = [(text, height) for text, height in heights if height < 10]
    assert small == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
