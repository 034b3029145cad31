"""The committee's meetings: recorded with their date, place, agenda,
attendance among the committee's members and minutes; shown and edited on
their page; deleted after a confirmation. A member of another company's
committee is never accepted as present."""

from datetime import date

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.mission.models import CommitteeMeeting
from tests.factories import make_member, make_organisation
from tests.mission import committee_data as d

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def mission(organisation):
    return d.mission(organisation)


@pytest.fixture
def contributor(client, organisation):
    client.force_login(make_member(organisation, OrgRole.CONTRIBUTOR))
    return client


def _url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def test_a_meeting_is_recorded_with_its_attendees(contributor, organisation, mission):
    claire = d.member(mission, "Claire Martin", employee=True)
    jeanne = d.member(mission, "Jeanne Client")
    page = contributor.get(_url("mission_meeting_new", organisation))
    # Everyone currently on the committee is ticked to start with.
    assert set(page.context["form"].initial["attendees"]) == {claire, jeanne}
    response = contributor.post(
        _url("mission_meeting_new", organisation),
        {
            "held_on": "2025-05-12",
            "place": "https://visio.example.org/comite",
            "agenda": "1. Indicateurs\n2. Rapport annuel",
            "minutes": "Le comité valide le plan.",
            "attendees": [claire.pk],
        },
    )
    meeting = CommitteeMeeting.objects.get(mission=mission)
    assert response.status_code == 302
    assert response["Location"] == _url("mission_meeting", organisation, meeting.pk)
    assert meeting.held_on == date(2025, 5, 12)
    assert list(meeting.attendees.all()) == [claire]
    detail = contributor.get(response["Location"]).content.decode()
    assert "Claire Martin" in detail and "Le comité valide le plan." in detail
    assert "1. Indicateurs<br>2. Rapport annuel" in detail
    committee = contributor.get(_url("mission_committee", organisation)).content.decode()
    assert "12 mai 2025" in committee and "1. Indicateurs" in committee


def test_a_member_of_another_committee_is_refused_and_nothing_is_lost(
    contributor, organisation, mission
):
    claire = d.member(mission, "Claire Martin", employee=True)
    stranger = d.member(d.mission(make_organisation(name="Ailleurs")), "Intrus", employee=True)
    response = contributor.post(
        _url("mission_meeting_new", organisation),
        {"held_on": "2025-05-12", "agenda": "Ordre", "attendees": [claire.pk, stranger.pk]},
        **EN,
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert f"Select a valid choice. {stranger.pk} is not one of the available choices." in text
    assert "Ordre</textarea>" in text
    assert "Intrus" not in text
    assert not CommitteeMeeting.objects.exists()


def test_a_date_is_required(contributor, organisation, mission):
    response = contributor.post(
        _url("mission_meeting_new", organisation), {"agenda": "Sans date"}, **EN
    )
    assert response.status_code == 400
    assert "Give the date of the meeting." in response.content.decode()
    assert not CommitteeMeeting.objects.exists()


def test_the_meeting_page_edits_it(contributor, organisation, mission):
    claire = d.member(mission, "Claire Martin", employee=True)
    jeanne = d.member(mission, "Jeanne Client")
    meeting = CommitteeMeeting.objects.create(mission=mission, held_on=date(2025, 5, 12))
    meeting.attendees.set([claire])
    url = _url("mission_meeting", organisation, meeting.pk)
    assert contributor.get(url).context["form"] is None  # shown first, edited on request
    assert contributor.get(url + "?edit=1").context["form"].instance == meeting
    response = contributor.post(
        url,
        {
            "held_on": "2025-05-13",
            "place": "Siège",
            "agenda": "Ordre du jour",
            "minutes": "Compte rendu",
            "attendees": [claire.pk, jeanne.pk],
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.held_on == date(2025, 5, 13)
    assert meeting.minutes == "Compte rendu"
    assert set(meeting.attendees.all()) == {claire, jeanne}


def test_a_bad_edit_keeps_what_was_typed_and_the_stored_meeting(
    contributor, organisation, mission
):
    meeting = CommitteeMeeting.objects.create(
        mission=mission, held_on=date(2025, 5, 12), minutes="Ancien"
    )
    url = _url("mission_meeting", organisation, meeting.pk)
    response = contributor.post(url, {"held_on": "pas une date", "minutes": "Nouveau"}, **EN)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter a valid date." in text
    assert "Nouveau" in text
    meeting.refresh_from_db()
    assert meeting.minutes == "Ancien"


def test_a_meeting_is_deleted_after_confirmation(contributor, organisation, mission):
    meeting = CommitteeMeeting.objects.create(mission=mission, held_on=date(2025, 5, 12))
    url = _url("mission_meeting_delete", organisation, meeting.pk)
    page = contributor.get(url)
    assert page.status_code == 200
    assert CommitteeMeeting.objects.filter(pk=meeting.pk).exists()
    response = contributor.post(url)
    assert response.status_code == 302
    assert not CommitteeMeeting.objects.filter(pk=meeting.pk).exists()


def test_viewers_read_a_meeting_but_change_nothing(client, organisation, mission):
    meeting = CommitteeMeeting.objects.create(
        mission=mission, held_on=date(2025, 5, 12), minutes="Compte rendu lisible"
    )
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    url = _url("mission_meeting", organisation, meeting.pk)
    page = client.get(url)
    assert "Compte rendu lisible" in page.content.decode()
    assert page.context["form"] is None
    assert client.post(url, {"held_on": "2025-01-01"}).status_code == 404
    delete = _url("mission_meeting_delete", organisation, meeting.pk)
    assert client.post(delete).status_code == 404
    meeting.refresh_from_db()
    assert meeting.held_on == date(2025, 5, 12)


def test_another_company_s_meeting_is_not_found(contributor, organisation, mission):
    other = make_organisation(organisation.network, name="Voisine")
    meeting = CommitteeMeeting.objects.create(mission=d.mission(other), held_on=date(2025, 1, 1))
    assert contributor.get(_url("mission_meeting", organisation, meeting.pk)).status_code == 404
    own = CommitteeMeeting.objects.create(mission=mission, held_on=date(2025, 1, 1))
    assert contributor.get(_url("mission_meeting", organisation, own.pk)).status_code == 200
