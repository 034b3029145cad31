"""On a phone (390x844) the key pages never scroll sideways (a wide table
scrolls inside its own box), the trajectory chart keeps readable text, and
axe-core finds no serious or critical accessibility problem on them.

axe-core comes inside the axe-playwright-python package and is injected by the
test itself: nothing is fetched from a CDN."""

import random
import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from levier.accounts.models import NetworkRole, OrgRole
from levier.assessments import services
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.plans import services as plans
from tests.browser.pages import PHONE, phone_signed_in
from tests.events.factories import make_event
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.practices.factories import make_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}


def _submitted(organisation, version, period, member, chance):
    assessment = services.start(organisation, version, period, member)
    versions = dict(assessment.answers.values_list("question_code", "version"))
    for question in services.applicable_questions(assessment):
        if question.is_choice and question.condition is None:
            given = services.AnswerInput(levels=(chance.choice(question.levels).code,))
            services.save_answer(
                assessment, question, given, member, versions.get(question.code, 0)
            )
    services.submit(assessment, member)
    return assessment


@pytest.fixture
def world(db):
    """A member with two years of results, five peers, a plan, an event, a
    practice and a draft assessment; the network's animator."""
    sync_shipped_packs()
    version = latest_version("levier-360")
    network = make_network(name="Réseau Horizon RSE")
    organisation = make_organisation(
        network, name="Atelier Boisvert", headcount=25, naf_code="16.10A"
    )
    member = make_member(
        organisation, OrgRole.ADMIN, email="claire@example.org", full_name="Claire Boisvert"
    )
    chance = random.Random(7)
    _submitted(organisation, version, "2025", member, chance)
    latest = _submitted(organisation, version, "2026", member, chance)
    for n in range(5):
        peer = make_organisation(
            network, name=f"Menuiserie des Flandres {n}", headcount=30, naf_code="16.10A"
        )
        _submitted(peer, version, "2026", make_member(peer, OrgRole.ADMIN), chance)
    draft = services.start(organisation, version, "2027", member)
    for title in (
        "Mettre en place un plan de mobilité employeur avec covoiturage et vélo",
        "Former les tuteurs des alternants et leur réserver du temps chaque semaine",
    ):
        plans.add_action(
            organisation,
            member,
            title=title,
            owner=member,
            due_date=timezone.localdate() + timedelta(days=60),
        )
    event = make_event(
        network,
        title="Échange de pratiques : mobilité douce et covoiturage entre entreprises",
        capacity=12,
        theme="Mobilité",
    )
    practice = make_practice(
        title="Accueillir des alternants chaque année avec des tuteurs formés",
        themes=["SOC-SKL"],
    )
    animator = make_network_staff(
        network, NetworkRole.Role.ANIMATOR, email="anne@example.org", full_name="Anne Animatrice"
    )
    slug = organisation.slug
    return {
        "member": member,
        "animator": animator,
        "anonymous": {
            "library": reverse("practice_list"),
            "login": reverse("account_login"),
            "agenda": reverse("public_agenda"),
        },
        "member_pages": {
            "home": reverse("home"),
            "question page": reverse(
                "assessment_theme", args=[slug, draft.pk, draft.pack.themes[0].code]
            ),
            "results": reverse("assessment_results", args=[slug, latest.pk]),
            "where to start": reverse("where_to_start", args=[slug, latest.pk]),
            "plan": reverse("plan_list", args=[slug]),
            "practice library": reverse("practice_list"),
            "practice page": reverse("practice_detail", args=[practice.pk]),
            "agenda": reverse("agenda"),
            "event page": reverse("event_detail", args=[event.pk]),
        },
        "animator_pages": {"dashboard": reverse("network_dashboard", args=[network.slug])},
    }


def overflow(page) -> list[str]:
    """The elements that stick out of the screen, for the failure's message."""
    return page.evaluate(
        """() => {
            const edge = document.documentElement.clientWidth + 1;
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > edge)
                .slice(0, 5)
                .map(e => `${e.tagName.toLowerCase()}.${e.className}`);
        }"""
    )


def serious_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


def check_pages(page, base_url, pages: dict[str, str]) -> tuple[dict, dict]:
    """Pages that scroll sideways, and axe's serious problems, by page name."""
    sideways, problems = {}, {}
    for name, path in pages.items():
        response = page.goto(base_url + path)
        if response.status != 200:
            problems[name] = [f"HTTP {response.status}"]
            continue
        if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
            sideways[name] = overflow(page)
        found = serious_violations(page)
        if found:
            problems[name] = found
    return sideways, problems


def test_the_key_pages_fit_a_phone_and_pass_axe(live_server, browser, world):
    anonymous = browser.new_context(viewport=PHONE, locale="fr-FR")
    member_context, member_page = phone_signed_in(browser, live_server, world["member"].email)
    animator_context, animator_page = phone_signed_in(
        browser, live_server, world["animator"].email
    )

    sideways, problems = check_pages(anonymous.new_page(), live_server.url, world["anonymous"])
    for page, pages in (
        (member_page, world["member_pages"]),
        (animator_page, world["animator_pages"]),
    ):
        more_sideways, more_problems = check_pages(page, live_server.url, pages)
        sideways |= more_sideways
        problems |= more_problems

    assert sideways == {}
    assert problems == {}
    for context in (anonymous, member_context, animator_context):
        context.close()


def test_the_trajectory_chart_keeps_its_text_readable_on_a_phone(live_server, browser, world):
    context, page = phone_signed_in(browser, live_server, world["member"].email)

    page.goto(live_server.url + world["member_pages"]["results"])

    trajectory = page.locator("section[aria-labelledby='trajectory-title']")
    heights = trajectory.locator("svg.chart-svg text").evaluate_all(
        """texts => texts.filter(t => t.getClientRects().length && t.textContent.trim())
            .map(t => [t.textContent, t.getBoundingClientRect().height])"""
    )
    # Both periods and both scores are drawn, at 10 px or more.
    assert {"2025", "2026"} <= {text for text, _ in heights}
    assert [(text, height) for text, height in heights if height < 10] == []
    context.close()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_new_member_on_a_phone_answers_a_theme_then_reads_results_and_plan(live_server, browser):
    sync_shipped_packs()
    network = make_network(name="Réseau Horizon RSE")
    organisation = make_organisation(network, name="Atelier Boisvert", headcount=25)
    member = make_member(
        organisation, OrgRole.ADMIN, email="claire@example.org", full_name="Claire Boisvert"
    )
    context, page = phone_signed_in(browser, live_server, member.email)
    assert fits(page)

    page.goto(live_server.url + reverse("assessment_start", args=[organisation.slug]))
    page.get_by_label("Période évaluée").fill("2026")
    page.get_by_role("button", name="Lancer").click()
    expect(page.get_by_role("link", name="Commencer à répondre")).to_be_visible()
    assert fits(page)
    assessment = organisation.assessments.get()
    page.get_by_role("link", name="Commencer à répondre").click()
    page.wait_for_function("() => window.htmx !== undefined")
    assert fits(page)
    theme = services.applicable_questions(assessment)[0].theme_code
    questions = [
        q
        for q in services.applicable_questions(assessment)
        if q.theme_code == theme and q.is_choice and q.condition is None
    ]
    for question in questions:  # a practice that takes each one to its best level
        best = max(question.levels, key=lambda level: level.points)
        practice = make_practice(title=f"Pratique pour {question.code}")
        practice.links.create(
            framework="levier-360", question_code=question.code, level_code=best.code
        )
    for question in questions:
        block = page.locator(f"#q-{question.code}")
        block.locator("input[type=radio], input[type=checkbox]").first.check()
        expect(block.get_by_role("status")).to_contain_text("Claire Boisvert")
    assert fits(page)
    assert assessment.answers.count() == len(questions)

    page.goto(
        live_server.url + reverse("assessment_detail", args=[organisation.slug, assessment.pk])
    )
    page.get_by_role("link", name="Valider l’évaluation").click()
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", name=re.compile("^Résultats"))).to_be_visible()
    assert fits(page)

    page.get_by_role("link", name="Par où commencer ?").first.click()
    expect(page.get_by_role("heading", name="Par où commencer ?", level=1)).to_be_visible()
    assert fits(page)
    page.get_by_role("button", name="Ajouter au plan").first.click()
    expect(page.locator(".messages").get_by_role("status")).to_contain_text("est dans votre plan")

    page.get_by_role("link", name="Voir votre plan d’action").click()
    expect(page.get_by_role("row")).not_to_have_count(0)
    assert organisation.actions.count() == 1
    assert fits(page)
    context.close()
