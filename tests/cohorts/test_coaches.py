"""External coaches: invited by the animators, they reach their programmes'
cohort pages and nothing else; a member's plan opens only with its consent."""

import pytest
from django.core import mail
from django.urls import reverse

from levier.accounts.models import OrgRole, User
from levier.plans.models import Action
from levier.programmes import coaching
from levier.programmes.models import Appointment, ProgrammeCoach
from tests.cohorts.conftest import select
from tests.factories import make_member, make_organisation, make_user
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(programme, animator):
    user = make_user("coach@example.org", full_name="Claire Coach")
    ProgrammeCoach.objects.create(programme=programme, user=user, invited_by=animator)
    return user


@pytest.fixture
def cohort_application(programme, organisation):
    return select(programme, organisation)


def test_the_animator_invites_a_new_coach_with_a_password_link(client, programme, animator):
    client.force_login(animator)
    mail.outbox.clear()
    url = reverse("programme_coaches", args=[programme.network.slug, programme.pk])

    with committed():
        response = client.post(url, {"email": "new.coach@example.org", "full_name": "Nora"})

    assert response.status_code == 302
    user = User.objects.get(email="new.coach@example.org")
    assert ProgrammeCoach.objects.filter(programme=programme, user=user).exists()
    assert len(mail.outbox) == 1 and "/password/reset/key/" in mail.outbox[0].body
    with committed():
        again = client.post(url, {"email": "NEW.coach@example.org", "full_name": "Nora"})
    assert again.status_code == 400 and len(mail.outbox) == 1


def test_a_coach_sees_participants_contacts_and_appointments(
    client, programme, organisation, org_admin, coach, cohort_application, animator
):
    Appointment.objects.create(
        programme=programme, organisation=organisation, coach=coach, at="2030-02-03T10:00Z"
    )
    client.force_login(coach)

    response = client.get(reverse("coach_programme", args=[programme.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert organisation.name in page and org_admin.email in page
    assert len(response.context["appointments"]) == 1
    assert coaching.coached_programme(response.wsgi_request.scope, programme.pk) == programme


def test_a_coach_reaches_nothing_else_of_the_network(
    client, network, programme, organisation, coach, cohort_application
):
    other_programme = programme.__class__.objects.create(network=network, title="Autre")
    client.force_login(coach)

    assert client.get(reverse("coach_programme", args=[other_programme.pk])).status_code == 404
    for url in (
        reverse("network_programmes", args=[network.slug]),
        reverse("programme_board", args=[network.slug, programme.pk]),
        reverse("network_events", args=[network.slug]),
        reverse("programme_detail", args=[programme.pk]),
        reverse("network_dashboard", args=[network.slug]),
        reverse("organisation_detail", args=[organisation.slug]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_plan_opens_only_with_consent_and_closes_when_withdrawn(
    client, programme, organisation, org_admin, coach, cohort_application
):
    Action.objects.create(organisation=organisation, title="Plan vélo")
    plan = reverse("coach_plan", args=[programme.pk, organisation.slug])
    consent = reverse("coach_consent", args=[programme.pk, cohort_application.pk])
    client.force_login(coach)
    assert client.get(plan).status_code == 404

    client.force_login(org_admin)
    client.post(consent, {"open": "1"})
    client.force_login(coach)
    response = client.get(plan)
    assert response.status_code == 200 and "Plan vélo" in response.content.decode()

    client.post(plan, {"title": "Covoiturage", "description": "", "due_date": ""})
    action = Action.objects.get(title="Plan vélo")
    client.post(plan, {"action": action.pk, "status": "done"})
    action.refresh_from_db()
    assert action.status == "done"
    assert Action.objects.filter(organisation=organisation, title="Covoiturage").exists()

    client.force_login(org_admin)
    client.post(consent, {"open": "0"})
    client.force_login(coach)
    assert client.get(plan).status_code == 404


def test_consent_does_not_open_another_organisations_plan(
    client, network, programme, organisation, org_admin, coach, cohort_application
):
    cohort_application.coach_may_open_plan = True
    cohort_application.save()
    outsider = make_organisation(network, name="Hors cohorte")
    client.force_login(coach)

    assert client.get(reverse("coach_plan", args=[programme.pk, outsider.slug])).status_code == 404
    assert (
        client.get(reverse("coach_plan", args=[programme.pk, organisation.slug])).status_code
        == 200
    )


def test_only_an_admin_of_the_organisation_gives_consent(
    client, programme, organisation, cohort_application, coach
):
    viewer = make_member(organisation, OrgRole.VIEWER)
    client.force_login(viewer)

    response = client.post(
        reverse("coach_consent", args=[programme.pk, cohort_application.pk]), {"open": "1"}
    )

    assert response.status_code == 404
    cohort_application.refresh_from_db()
    assert not cohort_application.coach_may_open_plan
