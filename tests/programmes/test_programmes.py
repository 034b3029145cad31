"""Engagement programmes: apply, select a cohort, coach, follow deliverables."""

import pytest
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import OrgRole
from levier.assessments import services as assessments
from levier.assessments.models import Assessment
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.plans.models import Action
from levier.programmes import services as programmes
from levier.programmes.models import Application, Appointment, Programme
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(network):
    return Programme.objects.create(network=network, title="Cap RSE 2027", seats=2, min_actions=2)


def select(programme, organisation):
    application = Application.objects.create(
        programme=programme, organisation=organisation, answer="Oui"
    )
    programmes.decide(application, Application.Status.SELECTED)
    return application


def test_an_organisation_admin_applies(client, programme, organisation, org_admin):
    client.force_login(org_admin)

    client.post(
        reverse("programme_detail", args=[programme.pk]),
        {"organisation": organisation.pk, "answer": "Structurer notre démarche."},
    )

    application = Application.objects.get()
    assert (application.organisation, application.submitted_by) == (organisation, org_admin)


def test_a_viewer_cannot_apply(programme, organisation):
    viewer = make_member(organisation, OrgRole.VIEWER)

    with pytest.raises(programmes.ApplicationRefused):
        programmes.apply(programme, organisation, viewer, "Oui")


def test_applying_after_the_call_closes_is_refused(programme, organisation, org_admin):
    programme.applications_open = False
    programme.save()

    with pytest.raises(programmes.ApplicationRefused):
        programmes.apply(programme, organisation, org_admin, "Oui")


def test_the_cohort_never_exceeds_its_seats(network, programme):
    for _ in range(2):
        select(programme, make_organisation(network))
    third = Application.objects.create(
        programme=programme, organisation=make_organisation(network), answer="Oui"
    )

    with pytest.raises(programmes.ApplicationRefused):
        programmes.decide(third, Application.Status.SELECTED)


def test_the_board_reads_assessments_and_actions(network, programme, organisation, org_admin):
    sync_shipped_packs()
    other = make_organisation(network, name="Zèbre & Co")
    select(programme, organisation)
    select(programme, other)
    assessment = assessments.start(organisation, latest_version(), "2026", org_admin)
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.SUBMITTED, submitted_at=timezone.now()
    )
    for title in ("Vélos", "Covoiturage", "Abandonnée"):
        Action.objects.create(organisation=organisation, title=title)
    Action.objects.filter(title="Abandonnée").update(status=Action.Status.DROPPED)
    Action.objects.create(organisation=other, title="Tri")

    board = {row.organisation: row for row in programmes.progress_board(programme)}

    assert board[organisation].assessment_submitted and board[organisation].actions == 2
    assert board[organisation].complete
    assert not board[other].assessment_submitted and board[other].actions == 1
    assert not board[other].complete


def test_the_animator_selects_and_books_an_appointment(
    client, network, programme, organisation, animator
):
    application = Application.objects.create(
        programme=programme, organisation=organisation, answer="Oui"
    )
    client.force_login(animator)

    client.post(
        reverse("application_decide", args=[network.slug, programme.pk, application.pk]),
        {"status": "selected"},
    )
    client.post(
        reverse("programme_board", args=[network.slug, programme.pk]),
        {"organisation": organisation.pk, "coach": animator.pk, "at": "2030-02-03T10:00"},
    )

    application.refresh_from_db()
    assert application.status == Application.Status.SELECTED
    appointment = Appointment.objects.get()
    assert (appointment.organisation, appointment.coach) == (organisation, animator)


def test_an_organisation_outside_the_cohort_gets_no_appointment(
    client, network, programme, organisation, animator
):
    client.force_login(animator)

    response = client.post(
        reverse("programme_board", args=[network.slug, programme.pk]),
        {"organisation": organisation.pk, "coach": animator.pk, "at": "2030-02-03T10:00"},
    )

    assert response.status_code == 400
    assert not Appointment.objects.exists()


def _appointment(programme, organisation, coach):
    select(programme, organisation)
    return Appointment.objects.create(
        programme=programme,
        organisation=organisation,
        coach=coach,
        at=timezone.make_aware(timezone.datetime(2030, 2, 3, 10)),
    )


def test_notes_are_added_after_the_session(client, network, programme, organisation, animator):
    appointment = _appointment(programme, organisation, animator)
    client.force_login(animator)
    url = reverse("appointment_edit", args=[network.slug, programme.pk, appointment.pk])

    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            "coach": animator.pk,
            "at": "2030-02-03T10:00",
            "notes": "Plan de mobilité à lancer avant l’été",
        },
    )

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.notes == "Plan de mobilité à lancer avant l’été"
    board = client.get(reverse("programme_board", args=[network.slug, programme.pk]))
    assert "Plan de mobilité à lancer" in board.content.decode()


def test_a_bad_date_keeps_the_notes_typed(client, network, programme, organisation, animator):
    appointment = _appointment(programme, organisation, animator)
    client.force_login(animator)
    url = reverse("appointment_edit", args=[network.slug, programme.pk, appointment.pk])

    response = client.post(
        url,
        {"organisation": organisation.pk, "coach": animator.pk, "at": "", "notes": "À garder"},
    )

    assert response.status_code == 400 and "À garder" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.notes == ""


def test_an_appointment_is_removed(client, network, programme, organisation, animator):
    appointment = _appointment(programme, organisation, animator)
    client.force_login(animator)

    client.post(
        reverse("appointment_edit", args=[network.slug, programme.pk, appointment.pk]),
        {"delete": "1"},
    )

    assert not Appointment.objects.exists()


def test_programmes_of_another_network_are_404(client, programme, other_organisation):
    client.force_login(make_member(other_organisation))

    assert client.get(reverse("programme_detail", args=[programme.pk])).status_code == 404


def test_a_selected_member_sees_where_they_stand(client, programme, organisation, org_admin):
    select(programme, organisation)
    client.force_login(org_admin)

    response = client.get(reverse("programme_detail", args=[programme.pk]))

    assert [row.organisation for row in response.context["board"]] == [organisation]
