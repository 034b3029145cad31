"""The committee's members: added, edited and removed by contributors, with
the law's composition rules. A committee keeps at least one employee
(Code de commerce, art. L210-10 3°): the change that would take away its
last one is refused with the reason and nothing typed is lost; the same
change goes through when another employee sits. A referent is one person
(art. L210-12)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.mission import services
from levier.mission.models import CommitteeMember, Governance
from tests.factories import make_member, make_network_staff
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


def _fields(member, **changes):
    data = {
        "name": member.name,
        "quality": member.quality,
        "email": member.email,
        "joined_on": member.joined_on.isoformat() if member.joined_on else "",
        "left_on": member.left_on.isoformat() if member.left_on else "",
    }
    if member.is_employee:
        data["is_employee"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# Each compliance message ----------------------------------------------------------------


def test_an_empty_committee_says_it_has_no_member(contributor, organisation, mission):
    page = contributor.get(_url("mission_committee", organisation), **EN)
    assert page.context["problems"] == ["The committee has no member yet."]
    assert 'role="alert"' in page.content.decode()


def test_a_committee_being_built_adds_a_non_employee_and_the_page_warns(
    contributor, organisation, mission
):
    response = contributor.post(
        _url("mission_member_new", organisation),
        {"name": "Jeanne Client", "quality": "Cliente", "joined_on": "2024-01-10"},
        **EN,
    )
    assert response.status_code == 302
    assert mission.committee.get().name == "Jeanne Client"
    page = contributor.get(_url("mission_committee", organisation), **EN)
    text = page.content.decode()
    assert "must include at least one employee of the company" in text
    assert "L210-10" in text
    assert "Jeanne Client" in text


def test_a_committee_with_an_employee_complies(contributor, organisation, mission):
    d.member(mission, "Claire Martin", employee=True)
    d.member(mission, "Jeanne Client")
    page = contributor.get(_url("mission_committee", organisation), **EN)
    assert page.context["problems"] == []
    assert 'role="alert"' not in page.content.decode()


def test_a_referent_s_messages(contributor, organisation, mission):
    mission.governance = Governance.REFERENT
    mission.permanent_employees = 60
    mission.save()
    page = contributor.get(_url("mission_committee", organisation), **EN)
    assert page.context["problems"] == [
        "A mission referent may replace the committee only in a company with fewer than "
        "50 permanent employees (Code de commerce, art. L210-12).",
        "No mission referent is named yet.",
    ]
    mission.permanent_employees = 12
    mission.save()
    d.member(mission, "Un")
    d.member(mission, "Deux")  # recorded before the rule, or imported: the page says so
    page = contributor.get(_url("mission_committee", organisation), **EN)
    assert page.context["problems"] == [
        "A mission referent is one person: keep one current referent, or choose a committee."
    ]


def test_a_second_current_referent_is_refused(contributor, organisation, mission):
    mission.governance = Governance.REFERENT
    mission.permanent_employees = 12
    mission.save()
    d.member(mission, "Rémi Référent")
    response = contributor.post(
        _url("mission_member_new", organisation), {"name": "Autre Personne"}, **EN
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "A mission referent is one person" in text
    assert "Rémi Référent is the current one" in text
    assert 'value="Autre Personne"' in text  # what was typed is kept
    assert mission.committee.count() == 1
    # Once the first one has left, the new referent is named.
    d.member(mission, "Past", left_on=services.today() - timedelta(days=1))
    mission.committee.filter(name="Rémi Référent").update(
        left_on=services.today() - timedelta(days=1)
    )
    response = contributor.post(
        _url("mission_member_new", organisation), {"name": "Autre Personne"}, **EN
    )
    assert response.status_code == 302
    assert [m.name for m in services.current_members(mission)] == ["Autre Personne"]


# The last employee ---------------------------------------------------------------------


@pytest.mark.parametrize("change", ["no longer an employee", "left"])
def test_the_last_employee_cannot_stop_being_one_and_nothing_typed_is_lost(
    contributor, organisation, mission, change
):
    claire = d.member(mission, "Claire Martin", employee=True, quality="Salariée")
    d.member(mission, "Jeanne Client")
    data = _fields(claire, quality="Directrice RSE")
    if change == "left":
        data["left_on"] = "2020-01-01"
    else:
        del data["is_employee"]
    response = contributor.post(_url("mission_member_edit", organisation, claire.pk), data, **EN)
    assert response.status_code == 400
    text = response.content.decode()
    assert "This is the committee&#x27;s last current employee" in text
    assert "art. L210-10" in text
    assert 'value="Directrice RSE"' in text
    claire.refresh_from_db()
    assert claire.is_employee and claire.left_on is None and claire.quality == "Salariée"


def test_the_same_edit_goes_through_when_another_employee_sits(contributor, organisation, mission):
    claire = d.member(mission, "Claire Martin", employee=True)
    d.member(mission, "Paul Durand", employee=True)
    response = contributor.post(
        _url("mission_member_edit", organisation, claire.pk),
        _fields(claire, left_on="2020-01-01"),
        **EN,
    )
    assert response.status_code == 302
    claire.refresh_from_db()
    assert str(claire.left_on) == "2020-01-01"
    assert services.committee_problems(mission) == []


def test_the_last_employee_cannot_be_removed(contributor, organisation, mission):
    claire = d.member(mission, "Claire Martin", employee=True)
    url = _url("mission_member_delete", organisation, claire.pk)
    page = contributor.get(url, **EN)
    assert "This member cannot be removed now." in page.content.decode()
    assert 'type="submit"' not in page.content.decode().split("<main")[-1]
    response = contributor.post(url, **EN)
    assert response.status_code == 200
    assert "L210-10" in response.content.decode()
    assert CommitteeMember.objects.filter(pk=claire.pk).exists()


def test_a_member_is_removed_when_another_employee_sits(contributor, organisation, mission):
    claire = d.member(mission, "Claire Martin", employee=True)
    d.member(mission, "Paul Durand", employee=True)
    response = contributor.post(_url("mission_member_delete", organisation, claire.pk))
    assert response.status_code == 302
    assert list(mission.committee.values_list("name", flat=True)) == ["Paul Durand"]


def test_a_non_employee_is_removed_from_a_committee_without_employee(
    contributor, organisation, mission
):
    jeanne = d.member(mission, "Jeanne Client")
    response = contributor.post(_url("mission_member_delete", organisation, jeanne.pk))
    assert response.status_code == 302
    assert not mission.committee.exists()


def test_a_member_cannot_leave_before_joining(contributor, organisation, mission):
    response = contributor.post(
        _url("mission_member_new", organisation),
        {"name": "Léa", "joined_on": "2025-05-01", "left_on": "2025-01-01"},
        **EN,
    )
    assert response.status_code == 400
    assert "A member cannot leave before joining." in response.content.decode()
    assert not mission.committee.exists()


# Who may ------------------------------------------------------------------------------


def test_viewers_read_the_committee_but_change_nothing(client, organisation, mission):
    claire = d.member(mission, "Claire Martin", employee=True)
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    page = client.get(_url("mission_committee", organisation))
    assert "Claire Martin" in page.content.decode()
    assert _url("mission_member_new", organisation) not in page.content.decode()
    assert client.get(_url("mission_member_new", organisation)).status_code == 404
    response = client.post(
        _url("mission_member_edit", organisation, claire.pk), _fields(claire, name="X")
    )
    assert response.status_code == 404
    assert client.post(_url("mission_member_delete", organisation, claire.pk)).status_code == 404
    claire.refresh_from_db()
    assert claire.name == "Claire Martin"


def test_network_staff_never_reach_the_committee(client, organisation, mission):
    client.force_login(make_network_staff(organisation.network))
    assert client.get(_url("mission_committee", organisation)).status_code == 404
