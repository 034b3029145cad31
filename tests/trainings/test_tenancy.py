"""Who reads what: attendance to the network's staff and to the participant
it is about; sessions wherever the event is seen."""

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.events.models import Audience
from levier.tenancy.scope import Scope, activate
from levier.trainings.models import Attendance, SurveyAnswer, TrainingSession
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.trainings.factories import make_session, make_training, present, seat

pytestmark = pytest.mark.django_db


def _visible(user, model):
    with activate(Scope.of(user)):
        return set(model.objects.values_list("pk", flat=True))


def test_attendance_reaches_the_staff_and_the_participant_only(network, organisation, animator):
    training = make_training(network)
    session = make_session(training)
    mine, theirs = seat(training, organisation), seat(training, organisation)
    present(session, mine, "am")
    present(session, theirs, "am")
    colleague = make_member(organisation, OrgRole.ADMIN)
    stranger = make_network_staff(make_network())
    answer = SurveyAnswer.objects.create(event=training, overall=5, usefulness=5, recommend=True)

    all_marks = set(Attendance.objects.values_list("pk", flat=True))
    assert _visible(animator, Attendance) == all_marks
    assert _visible(mine.user, Attendance) == set(
        Attendance.objects.filter(registration=mine).values_list("pk", flat=True)
    )
    assert _visible(colleague, Attendance) == set()
    assert _visible(stranger, Attendance) == set()
    assert _visible(animator, SurveyAnswer) == {answer.pk}
    assert _visible(mine.user, SurveyAnswer) == set()
    assert _visible(colleague, TrainingSession) == {session.pk}
    assert _visible(stranger, TrainingSession) == set()


def test_members_see_the_sessions_and_their_certificate_link(client, network, organisation):
    training = make_training(network)
    session = make_session(training, trainer="Tania")
    registration = seat(training, organisation)
    client.force_login(registration.user)
    page = client.get(reverse("event_detail", args=[training.pk])).content.decode()
    assert "session-list" in page
    assert reverse("my_certificate", args=[training.pk]) not in page

    present(session, registration, "pm")
    page = client.get(reverse("event_detail", args=[training.pk])).content.decode()
    assert reverse("my_certificate", args=[training.pk]) in page
    # Someone of another network reaches neither the event nor its certificate.
    outsider = make_member(make_organisation(make_network()))
    client.force_login(outsider)
    assert client.get(reverse("my_certificate", args=[training.pk])).status_code == 404


def test_a_public_trainings_sessions_show_on_its_public_page(client, network):
    training = make_training(network, audience=Audience.PUBLIC)
    make_session(training, trainer="Tania")

    page = client.get(reverse("public_event", args=[training.pk])).content.decode()

    assert "session-list" in page
