"""An animator runs a training's paperwork from the demo: opens the training,
adds a session, downloads its sign-in sheet and marks attendance on it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from levier.events.models import Event
from levier.trainings import demo as training_demo
from levier.trainings.models import Attendance, SurveyInvitation, TrainingSession
from tests.browser.pages import PHONE
from tests.browser.test_phone_pages import check_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def training(db):
    call_command("demo")
    return Event.objects.get(title=training_demo.TITLE)


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "levier-demo")
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_an_animator_adds_a_session_prints_its_sheet_and_marks_attendance(
    live_server, page, training
):
    sign_in(page, live_server, "animation@levier.example")
    page.goto(live_server.url + reverse("event_registrations", args=["horizon", training.pk]))
    page.locator(f'a[href$="/events/{training.pk}/training/"]').click()
    expect(page.locator(".session-list > li")).to_have_count(3)

    page.locator('a[href$="/sessions/new/"]').click()
    day = timezone.localdate() + timedelta(days=35)
    page.fill("input[name=date]", day.isoformat())
    page.fill("input[name=start_time]", "09:00")
    page.fill("input[name=end_time]", "12:30")
    page.fill("input[name=trainer]", "Claire Formatrice")
    page.locator("form.session-form button[type=submit]").click()
    expect(page.locator(".session-list > li")).to_have_count(4)
    session = TrainingSession.objects.get(event=training, date=day)

    with page.expect_download() as download:
        page.locator(f"#session-{session.pk} a[href$='sign-in-sheet.pdf']").click()
    with open(download.value.path(), "rb") as sheet:
        assert sheet.read(5) == b"%PDF-"

    page.locator(f"#session-{session.pk} a[href$='/attendance/']").click()
    page.wait_for_function("() => window.htmx !== undefined")
    first = page.locator(".attendance-row").first
    toggle = first.locator("button.toggle")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(page.locator(".attendance-row").first.locator("button.toggle")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert Attendance.objects.filter(session=session, present=True).count() == 1


def test_the_training_pages_fit_a_phone_and_pass_axe(live_server, browser, training):
    """The animator's pages and the questionnaire at 390 px: nothing scrolls
    sideways, axe finds no serious problem."""
    session = TrainingSession.objects.filter(event=training).first()
    registration = training.registrations.confirmed().first()
    invitation = SurveyInvitation.objects.create(registration=registration)
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    sign_in(page, live_server, "animation@levier.example")
    pages = {
        "board": reverse("training_board", args=["horizon", training.pk]),
        "session": reverse("session_edit", args=["horizon", training.pk, session.pk]),
        "attendance": reverse("session_attendance", args=["horizon", training.pk, session.pk]),
        "event": reverse("event_detail", args=[training.pk]),
    }

    sideways, problems = check_pages(page, live_server.url, pages)
    more_sideways, more_problems = check_pages(
        browser.new_context(viewport=PHONE, locale="fr-FR").new_page(),
        live_server.url,
        {"questionnaire": reverse("training_survey", args=[invitation.token])},
    )

    assert sideways | more_sideways == {}
    assert problems | more_problems == {}
    context.close()
