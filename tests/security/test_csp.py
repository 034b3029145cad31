"""Every page carries a Content Security Policy that allows no inline script
or style, and no page needs one."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from levier.accounts.models import NetworkRole, OrgRole
from levier.assessments import services
from levier.frameworks.models import FrameworkVersion
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.reports import charts
from tests.factories import make_member, make_network_staff

EXPECTED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
# Rendered by WeasyPrint into PDFs, never served as pages.
PDF_TEMPLATES = {
    "assessments/results_pdf.html",
    "plans/plan_pdf.html",
    "carbon/pdf/report.html",
    "vsme/report_pdf.html",
    "mission/report_pdf.html",
    "mission/dossier_pdf.html",
    "trainings/sheet_pdf.html",
    "trainings/certificate_pdf.html",
}


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return dict(directives)


def inline_code(html: str) -> list[str]:
    """Whatever the policy would refuse: inline scripts and styles, style
    attributes, event handler attributes, and htmx attributes that evaluate."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        data_block = script.get("type", "").endswith("json")
        if not script.get("src") and not data_block:
            found.append(f"inline script: {str(script)[:80]}")
    found += [f"style element: {str(style)[:80]}" for style in soup.find_all("style")]
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            if attribute == "style" or re.fullmatch(r"on[a-z]+", attribute):
                found.append(f"{attribute} attribute on <{element.name}>")
            if attribute.startswith(("hx-on", "data-hx-on")):
                found.append(f"{attribute} on <{element.name}>")
            if attribute in {"hx-vals", "hx-vars"} and "js:" in str(value):
                found.append(f"{attribute} evaluates: {value}")
    return found


def assert_strict_page(response):
    assert response.status_code == 200, response.status_code
    assert policy(response) == EXPECTED
    assert inline_code(response.content.decode()) == []


@pytest.fixture
def levier_360(db) -> FrameworkVersion:
    sync_shipped_packs()
    return latest_version("levier-360")


@pytest.fixture
def admin(organisation):
    return make_member(organisation, OrgRole.ADMIN)


@pytest.fixture
def submitted(organisation, admin, levier_360):
    assessment = services.start(organisation, levier_360, "2026", admin)
    for question in services.applicable_questions(assessment):
        if question.is_choice and question.condition is None:
            best = max(question.levels, key=lambda level: level.points)
            services.save_answer(
                assessment, question, services.AnswerInput(levels=(best.code,)), admin, 0
            )
    services.submit(assessment, admin)
    return assessment


def test_the_sign_in_page(client, db):
    assert_strict_page(client.get(reverse("account_login")))


def test_the_home_page_of_a_member(client, admin):
    client.force_login(admin)
    assert_strict_page(client.get(reverse("home")))


def test_a_theme_being_answered_loads_htmx_configured_for_the_policy(
    client, organisation, admin, levier_360
):
    assessment = services.start(organisation, levier_360, "2026", admin)
    theme = services.applicable_questions(assessment)[0].theme_code
    client.force_login(admin)

    response = client.get(
        reverse("assessment_theme", args=[organisation.slug, assessment.pk, theme])
    )

    assert_strict_page(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("script", src=re.compile(r"htmx"))
    config = json.loads(soup.find("meta", attrs={"name": "htmx-config"})["content"])
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False


def test_results_with_their_charts(client, organisation, admin, submitted):
    client.force_login(admin)

    response = client.get(reverse("assessment_results", args=[organisation.slug, submitted.pk]))

    assert_strict_page(response)
    assert response.content.decode().count('class="chart-svg"') >= 2


def test_the_back_office_index_list_and_change_form(client, organisation):
    client.force_login(make_network_staff(organisation.network, NetworkRole.Role.NETWORK_ADMIN))

    assert_strict_page(client.get(reverse("admin:index")))
    assert_strict_page(client.get(reverse("admin:accounts_organisation_changelist")))
    assert_strict_page(
        client.get(reverse("admin:accounts_organisation_change", args=[organisation.pk]))
    )


def test_the_back_office_sign_in(client, db):
    assert_strict_page(client.get(reverse("admin:login")))


def test_error_pages(client, db):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert policy(missing) == EXPECTED
    assert inline_code(missing.content.decode()) == []
    assert inline_code(render_to_string("500.html")) == []
    assert inline_code(render_to_string("429.html")) == []


def test_no_chart_carries_a_style_attribute():
    drawn = [
        charts.bar_chart([charts.BarRow("Environnement", 75)], title="B", description="D"),
        charts.line_chart([("2024", 40), ("2025", 70)], title="L", description="D"),
        charts.radar_chart([], [], title="Empty", description="D"),
    ]
    for svg in drawn:
        assert "style=" not in svg
        assert 'class="chart-svg"' in svg


def test_no_template_served_to_browsers_holds_inline_code():
    root = Path(settings.BASE_DIR) / "levier"
    offenders = {}
    for path in root.rglob("templates/**/*.html"):
        name = str(path.relative_to(root))
        if any(name.endswith(pdf) for pdf in PDF_TEMPLATES):
            continue
        # Template tags may hide an attribute: look at the raw text as well.
        text = path.read_text(encoding="utf-8")
        raw = re.findall(r"<style|\sstyle=|\son[a-z]+=|<script(?![^>]*\ssrc=)", text)
        if raw or inline_code(text):
            offenders[name] = raw or inline_code(text)
    assert offenders == {}
