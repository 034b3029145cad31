"""Upcoming workshops on an organisation's weakest themes, on its home page
and its results page: its own scores, for its own people only."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.assessments import services as assessments
from levier.events import services
from levier.events.suggestions import EVENTS_PER_ORGANISATION, WEAKEST_THEMES
from levier.frameworks.services import latest_version, sync_shipped_packs
from tests.events.factories import make_event
from tests.factories import make_member, make_network, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db


def _submitted(organisation, member, seed=3):
    version = latest_version("levier-360")
    assessment = assessments.start(organisation, version, "2026", member)
    chance = random.Random(seed)
    for question in assessments.applicable_questions(assessment):
        if question.is_choice and question.condition is None:
            given = assessments.AnswerInput(levels=(chance.choice(question.levels).code,))
            assessments.save_answer(assessment, question, given, member, 0)
    assessments.submit(assessment, member)
    return assessment


def _ranked_themes(assessment) -> list[str]:
    """Theme codes from the lowest score up (ties by code), as scored."""
    themes = assessments.score(assessment).themes
    scored = [(t.score, code) for code, t in themes.items() if t.score is not None]
    return [code for _score, code in sorted(scored)]


@pytest.fixture
def scored(network, organisation):
    sync_shipped_packs()
    member = make_member(organisation, OrgRole.CONTRIBUTOR, full_name="Marie Membre")
    assessment = _submitted(organisation, member)
    ranked = _ranked_themes(assessment)
    assert len(ranked) > WEAKEST_THEMES  # a strongest theme is left out
    return member, assessment, ranked


def test_the_home_page_points_to_workshops_on_the_weakest_themes(client, network, scored):
    member, _assessment, ranked = scored
    weakest, strongest = ranked[0], ranked[-1]
    on_weak = make_event(network, title="Atelier faible", theme_code=weakest)
    make_event(network, title="Atelier fort", theme_code=strongest)
    cancelled = make_event(network, title="Atelier annulé", theme_code=weakest)
    services.cancel_event(cancelled, "Salle indisponible")
    make_event(make_network(), title="Atelier ailleurs", theme_code=weakest)
    client.force_login(member)

    page = client.get(reverse("home")).content.decode()

    assert "Atelier faible" in page
    section = page[page.index('id="suggested-events-') :]
    section = section[: section.index("</ul>")]
    assert "Atelier fort" not in section
    assert "Atelier annulé" not in section and "Atelier ailleurs" not in section
    assert reverse("event_detail", args=[on_weak.pk]) in section


def test_the_results_page_shows_them_to_its_people_only(client, network, organisation, scored):
    member, assessment, ranked = scored
    make_event(network, title="Atelier faible", theme_code=ranked[0])
    results = reverse("assessment_results", args=[organisation.slug, assessment.pk])
    other = make_organisation(network)
    neighbour = make_member(other)

    client.force_login(member)
    assert "Atelier faible" in client.get(results).content.decode()

    # Another member of the network: no scores of theirs, nothing suggested,
    # and the organisation's results stay closed to them.
    client.force_login(neighbour)
    assert "suggested-events" not in client.get(reverse("home")).content.decode()
    assert client.get(results).status_code == 404
    # Network staff do not read a member's results without its consent.
    client.force_login(make_network_staff(network))
    assert "suggested-events" not in client.get(reverse("home")).content.decode()


def test_the_home_page_costs_the_same_queries_with_more_workshops(client, network, scored):
    member, _assessment, ranked = scored
    make_event(network, theme_code=ranked[0])
    client.force_login(member)
    client.get(reverse("home"))  # warm caches (session, site)

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    for code in ranked[:WEAKEST_THEMES]:
        make_event(network, theme_code=code)
    with CaptureQueriesContext(connection) as more:
        page = client.get(reverse("home")).content.decode()

    section = page[page.index('id="suggested-events-') :]
    shown = section[: section.index("</ul>")].count("<li>")
    assert shown == min(EVENTS_PER_ORGANISATION, 1 + WEAKEST_THEMES) > 1
    assert len(more) == len(one)


def test_choosing_a_framework_theme_fills_the_label(client, network, animator):
    sync_shipped_packs()
    theme = latest_version("levier-360").pack.themes[0]
    client.force_login(animator)

    client.post(
        reverse("event_new", args=[network.slug]),
        {
            "kind": "workshop",
            "title": "Atelier",
            "start": "2030-03-12T09:00",
            "end": "2030-03-12T12:00",
            "place": "Lille",
            "audience": "network",
            "theme_code": theme.code,
            "is_published": "on",
        },
    )

    event = network.events.get()
    assert (event.theme_code, event.theme) == (theme.code, theme.title.fr)
