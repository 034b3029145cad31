"""The plan's PDF is a board document: a first page naming the organisation, its
network and the date with a summary (actions by status, projected gain, next
deadlines, owners, what moved since the last assessment), then the actions by
theme with owner, deadline, status, indicator and evidence. A one-action plan
is a one-page document; a forty-action plan fills its pages; in both, no page
is nearly empty, no text sits on other text, no text prints under 9 pt."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from levier.plans import services, suggesting
from levier.plans.models import Action, ActionEvidence, Measurement
from tests.reports import pdf_checks

pytestmark = pytest.mark.django_db

STATUSES = [Action.Status.TODO, Action.Status.IN_PROGRESS, Action.Status.DONE]


def _plan(company, submitted, admin, contributor, size):
    """``size`` actions drawn from the assessment's suggestions (with their theme
    and projected gain), topped up with actions added by hand; statuses, owners,
    deadlines and indicators vary."""
    found, _practices = suggesting.suggestions(submitted)
    today = timezone.localdate()
    actions = []
    for index in range(size):
        owner = [admin, contributor, None][index % 3]
        if index < len(found):
            action = services.add_from_suggestion(
                company, submitted, found[index], None, admin, owner=owner
            )
        else:
            action = services.add_action(company, admin, title=f"Action by hand {index}")
        action.status = STATUSES[index % 3]
        action.due_date = today + timedelta(days=12 * index - 20) if index % 4 else None
        if index % 2 == 0:
            action.indicator_name = f"Indicator {index}"
            action.indicator_unit = "kWh"
            action.indicator_baseline, action.indicator_target = 100.0, 60.0
        action.save()
        actions.append(action)
    return actions


def _pdf(client, user, company, language) -> bytes:
    client.force_login(user)
    response = client.get(reverse("plan_pdf", args=[company.slug]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _pages(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("size", [1, 40])
def test_the_plan_pdf_reads_as_a_board_document(
    client, company, submitted, admin, contributor, language, size
):
    _plan(company, submitted, admin, contributor, size)

    pdf = _pdf(client, admin, company, language)

    pdf_checks.assert_board_document(pdf, min_text_pt=9)
    pages = _pages(pdf)
    if size == 1:
        assert len(pages) == 1  # a short document, not a cover and an almost blank page
    else:
        assert len(pages) >= 3
        assert "Action by hand" not in pages[0]  # the summary has its own page


def test_the_first_page_names_the_plan_and_sums_it_up(
    client, company, submitted, admin, contributor
):
    actions = _plan(company, submitted, admin, contributor, 12)
    counted = [a for a in actions if a.status != Action.Status.DROPPED]
    projection = services.projection(submitted, actions)

    first = _pages(_pdf(client, admin, company, "en"))[0]

    assert company.name in first and company.network.name in first
    assert "Action plan on" in first and "Summary" in first
    for status, label in Action.Status.choices:
        count = sum(1 for a in actions if a.status == status)
        assert f"{label} {count}" in first
    assert f"{projection.before:.0f} → {projection.after:.0f} / 100" in first
    assert projection.after > projection.before
    upcoming = sorted((a for a in counted if a.is_open and a.due_date), key=lambda a: a.due_date)
    assert upcoming[0].title[:30] in first
    admin_open = sum(1 for a in counted if a.owner == admin and a.is_open)
    assert re.search(rf"Alice Admin {admin_open} \d+ \d+", first)
    assert "Since the last assessment" in first


def test_the_actions_come_by_theme_with_their_indicator_and_evidence(
    client, company, submitted, admin, contributor
):
    actions = _plan(company, submitted, admin, contributor, 4)
    measured = next(a for a in actions if a.indicator_name)
    Measurement.objects.create(action=measured, date=timezone.localdate(), value=80)
    for name in ("before.pdf", "after.pdf"):
        ActionEvidence.objects.create(
            action=measured, file=f"actions/{name}", original_name=name, size=10
        )
    theme = submitted.pack.theme(measured.theme_code).title.get("en")

    text = " ".join(_pages(_pdf(client, admin, company, "en")))

    assert "Actions by theme" in text and theme in text
    # baseline → target, latest measurement, share of the way: (100 - 80) / (100 - 60)
    assert "100 → 60 kWh · 80 on" in text and "50% of the way" in text
    row = text[text.index(measured.title[:30]) :]
    assert re.search(r"\+\d+\.\d 2 ", row[:400]), "the row ends with its points and 2 files"


def test_a_dropped_action_is_counted_but_not_listed(client, company, submitted, admin):
    services.add_action(company, admin, title="Kept action")
    services.add_action(company, admin, title="Abandoned idea", status=Action.Status.DROPPED)

    text = " ".join(_pages(_pdf(client, admin, company, "en")))

    assert "Kept action" in text and "Abandoned idea" not in text
    assert "Dropped 1" in text


def test_an_empty_plan_is_one_page(client, company, submitted, admin):
    pages = _pages(_pdf(client, admin, company, "en"))

    assert len(pages) == 1 and "The plan holds no action yet." in pages[0]


def test_a_plan_without_an_assessment_says_it_has_no_score_yet(client, company, admin):
    services.add_action(company, admin, title="Hand-made action", owner=admin)

    pdf = _pdf(client, admin, company, "en")

    pdf_checks.assert_board_document(pdf, min_text_pt=9)
    (page,) = _pages(pdf)
    assert "Hand-made action" in page and "Alice Admin" in page
    assert "No assessment gives the plan a score yet." in page
    assert "No assessment submitted yet." in page
