"""A training's paperwork: the sign-in sheet lists exactly the confirmed
participants, certificates count the hours attended (not scheduled), the
PDFs pass the report checks, and another network's animator gets 404."""

import io
import re
from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from levier.accounts.models import OrgRole
from levier.accounts.services import personal_data
from levier.engine import trainings as engine
from levier.events.models import Registration
from levier.trainings import services
from levier.trainings.models import Attendance
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.reports import pdf_checks
from tests.trainings.factories import make_session, make_training, present, seat

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def training(network):
    return make_training(network)


def test_the_engine_counts_parts_and_rounds_hours_down():
    parts = engine.parts(time(9), time(17), time(12, 30), time(13, 30))
    assert [p.key for p in parts] == ["am", "pm"]
    assert engine.attended_minutes(parts, ["am"]) == 210
    assert engine.attended_minutes(parts, ["am", "pm"]) == 420
    assert engine.attended_minutes(parts, ["whole"]) == 0  # a part the session no longer has
    assert engine.hours(70) == 1.0
    assert engine.parts(time(9), time(12)) == [engine.Part("whole", time(9), time(12))]
    assert engine.sheet_pages(60) == [12, 12, 12, 12, 12]
    assert engine.sheet_pages(17) == [9, 8]
    assert engine.sheet_pages(0) == []


def test_certificates_show_the_hours_attended_not_scheduled(
    client, network, organisation, animator, training
):
    day_one = make_session(training, date(2026, 3, 2))  # 7 h: 3.5 + 3.5
    day_two = make_session(training, date(2026, 3, 16))
    day_three = make_session(training, date(2026, 3, 30), split=False, end_time=time(12, 0))
    assidue = seat(training, organisation, full_name="Alice Assidue")
    partial = seat(training, organisation, full_name="Bruno Partiel")
    present(day_one, assidue, "am", "pm")
    present(day_two, assidue, "am", "pm")
    present(day_three, assidue, "whole")
    present(day_one, partial, "am")
    Attendance.objects.create(session=day_two, registration=partial, part="am", present=False)

    records = {r.registration.pk: r for r in services.records(training)}
    assert records[assidue.pk].hours == 17.0
    assert records[partial.pk].hours == 3.5

    client.force_login(animator)
    with translation.override("en"):
        url = reverse("training_certificate", args=[network.slug, training.pk, partial.pk])
        pdf = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content
    text = _text(pdf)
    assert "Bruno Partiel" in text
    flat = " ".join(text.split())
    assert re.search(r"Hours attended: 3[.,]50? h out of 17 h scheduled", flat), flat
    assert "Alice Assidue" not in text


def test_the_participant_downloads_only_their_own_certificate(
    client, network, organisation, training
):
    session = make_session(training)
    mine = seat(training, organisation, full_name="Claire Moi")
    other = seat(training, organisation, full_name="Denis Autre")
    present(session, mine, "am")
    present(session, other, "am", "pm")
    client.force_login(mine.user)

    response = client.get(reverse("my_certificate", args=[training.pk]))

    assert response.status_code == 200
    text = _text(response.content)
    assert "Claire Moi" in text and "Denis Autre" not in text
    # Someone who attended nothing has no certificate.
    nobody = seat(training, organisation)
    client.force_login(nobody.user)
    assert client.get(reverse("my_certificate", args=[training.pk])).status_code == 404


def test_the_sign_in_sheet_lists_exactly_the_confirmed_participants(
    client, network, organisation, animator, training
):
    session = make_session(training, trainer="Tania Formatrice")
    seat(training, organisation, full_name="Émile Confirmé")
    seat(training, organisation, full_name="Fanny Confirmée")
    seat(training, organisation, Registration.Status.WAITLISTED, full_name="Gaston Attente")
    seat(training, organisation, Registration.Status.CANCELLED, full_name="Hélène Annulée")
    seat(training, organisation, Registration.Status.PENDING, full_name="Ivan Invité")
    client.force_login(animator)

    response = client.get(
        reverse("session_sheet", args=[network.slug, training.pk, session.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    for name in ("Émile Confirmé", "Fanny Confirmée", "Tania Formatrice", training.title):
        assert name in text
    for name in ("Gaston Attente", "Hélène Annulée", "Ivan Invité"):
        assert name not in text
    assert "Morning" in text or "Matin" in text


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("people", [1, 12, 14, 27, 60])
def test_the_sign_in_sheet_passes_the_report_checks(
    client, network, organisation, animator, training, people, language
):
    session = make_session(training, trainer="Tania Formatrice")
    for n in range(people):
        seat(training, organisation, full_name=f"Participante numéro {n + 1}")
    client.force_login(animator)

    pdf = client.get(
        reverse("session_sheet", args=[network.slug, training.pk, session.pk]),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content

    pdf_checks.assert_board_document(pdf, min_text_pt=9)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == len(engine.sheet_pages(people))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_certificates_pass_the_report_checks(
    client, network, organisation, animator, training, language
):
    sessions = [make_session(training, date(2026, 3, d)) for d in (2, 16, 30)]
    for n in range(3):
        registration = seat(training, organisation, full_name=f"Participant {n}")
        for session in sessions[: n + 1]:
            present(session, registration, "am", "pm")
    client.force_login(animator)

    pdf = client.get(
        reverse("training_certificates", args=[network.slug, training.pk]),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content

    pdf_checks.assert_board_document(pdf, min_text_pt=9)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3


def test_attendance_toggles_and_derives_attended(
    client, network, organisation, animator, training
):
    session = make_session(training)
    registration = seat(training, organisation)
    client.force_login(animator)
    url = reverse("session_attendance", args=[network.slug, training.pk, session.pk])

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"registration": registration.pk, "part": "pm", "present": "1"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert b'aria-pressed="true"' in response.content
    registration.refresh_from_db()
    assert registration.attended is True
    client.post(url, {"registration": registration.pk, "part": "pm", "present": "0"})
    registration.refresh_from_db()
    assert registration.attended is False
    # A part the session does not have, or someone without a seat: 404.
    assert (
        client.post(
            url, {"registration": registration.pk, "part": "whole", "present": "1"}
        ).status_code
        == 404
    )
    waiting = seat(training, organisation, Registration.Status.WAITLISTED)
    assert (
        client.post(url, {"registration": waiting.pk, "part": "am", "present": "1"}).status_code
        == 404
    )


def test_sessions_are_added_edited_and_removed(client, network, animator, training):
    client.force_login(animator)
    response = client.post(
        reverse("session_new", args=[network.slug, training.pk]),
        {
            "date": "2026-04-07",
            "start_time": "09:00",
            "end_time": "17:00",
            "break_start": "12:00",
            "break_end": "13:00",
            "trainer": "Tania",
        },
    )
    assert response.status_code == 302
    (session,) = services.sessions_of(training)
    assert session.is_split and session.hours == 7
    refused = client.post(
        reverse("session_edit", args=[network.slug, training.pk, session.pk]),
        {"date": "2026-04-07", "start_time": "17:00", "end_time": "09:00"},
    )
    assert refused.status_code == 400
    client.post(reverse("session_delete", args=[network.slug, training.pk, session.pk]))
    assert services.sessions_of(training) == []


def test_another_networks_animator_gets_404_and_the_right_one_works(
    client, network, organisation, animator, training
):
    session = make_session(training)
    registration = seat(training, organisation)
    present(session, registration, "am")
    elsewhere = make_network()
    stranger = make_network_staff(elsewhere)
    member = make_member(make_organisation(network), OrgRole.ADMIN)
    urls = [
        reverse("training_board", args=[network.slug, training.pk]),
        reverse("session_edit", args=[network.slug, training.pk, session.pk]),
        reverse("session_attendance", args=[network.slug, training.pk, session.pk]),
        reverse("session_sheet", args=[network.slug, training.pk, session.pk]),
        reverse("training_certificate", args=[network.slug, training.pk, registration.pk]),
        reverse("training_certificates", args=[network.slug, training.pk]),
    ]
    for user in (stranger, member):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    # The stranger's own network in the address does not open this event either.
    client.force_login(stranger)
    url = reverse("training_board", args=[elsewhere.slug, training.pk])
    assert client.get(url).status_code == 404
    client.force_login(animator)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_calendar_file_holds_one_vevent_per_session(client, network, organisation, training):
    make_session(training, date(2026, 3, 2))
    make_session(training, date(2026, 3, 16))
    registration = seat(training, organisation)
    client.force_login(registration.user)

    content = client.get(reverse("event_ics", args=[training.pk])).content.decode()

    assert content.count("BEGIN:VEVENT") == 2
    assert "training-session-" in content and "(2/2)" in content


def test_the_personal_data_export_holds_ones_attendance(network, organisation, training):
    session = make_session(training)
    registration = seat(training, organisation)
    present(session, registration, "am")

    (mark,) = personal_data(registration.user)["training_attendance"]

    assert mark == {
        "event": training.title,
        "session": session.date.isoformat(),
        "part": "am",
        "present": True,
    }
