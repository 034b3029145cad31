"""The finance rules of the scope, read straight from the tenant managers:
who reaches which project, funder, session, wish, meeting and follow-up."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from levier.accounts.models import Network, Organisation
from levier.finance.models import (
    FollowUp,
    Funder,
    FunderContact,
    Meeting,
    MeetingSession,
    PipelineStep,
    Project,
    Side,
    Wish,
)
from levier.tenancy.scope import Scope, activate, system
from tests.factories import (
    make_member,
    make_network,
    make_network_staff,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.django_db


def _project(organisation, title, visibility):
    return Project.objects.create(
        organisation=organisation,
        title=title,
        purpose="Un atelier de réemploi.",
        impact_targets="200 tonnes évitées par an.",
        region="84",
        stage="launch",
        amount_sought=150_000,
        instruments=["loan"],
        use_of_funds="Machines.",
        visibility=visibility,
    )


@pytest.fixture
def world(network):
    with system():
        elsewhere = make_network(name="Ailleurs", slug="ailleurs")
        carrier = make_organisation(network, name="Porteuse")
        neighbour = make_organisation(network, name="Voisine")
        world = {
            "network": network,
            "carrier": make_member(carrier),
            "neighbour": make_member(neighbour),
            "animator": make_network_staff(network),
            "funder_contact": make_user("fonds@example.org"),
            "far_contact": make_user("loin@example.org"),
            "far_animator": make_network_staff(elsewhere),
        }
        fund = Funder.objects.create(network=network, name="Fonds Impact", kind="impact_fund")
        far_fund = Funder.objects.create(network=elsewhere, name="Fonds Loin", kind="bank")
        FunderContact.objects.create(funder=fund, user=world["funder_contact"])
        FunderContact.objects.create(funder=far_fund, user=world["far_contact"])
        draft = _project(carrier, "Brouillon", Project.Visibility.DRAFT)
        shared = _project(carrier, "Partagé", Project.Visibility.FUNDERS)
        public = _project(carrier, "Public", Project.Visibility.PUBLIC)
        PipelineStep.objects.create(project=shared, funder=fund, stage="contacted")
        now = timezone.now()
        session = MeetingSession.objects.create(
            network=network,
            title="Rencontres",
            first_slot_at=now + timedelta(days=10),
            slots=4,
            tables=2,
            registration_closes_at=now + timedelta(days=5),
            picks_close_at=now + timedelta(days=8),
        )
        Wish.objects.create(
            session=session, side=Side.PROJECT, project=shared, funder=fund, position=0
        )
        Wish.objects.create(
            session=session, side=Side.FUNDER, project=shared, funder=fund, position=0
        )
        meeting = Meeting.objects.create(
            session=session, project=shared, funder=fund, slot=0, table=1
        )
        FollowUp.objects.create(meeting=meeting, side=Side.PROJECT, outcome="interested")
        FollowUp.objects.create(meeting=meeting, side=Side.FUNDER, outcome="no")
    world.update(draft=draft, shared=shared, public=public, fund=fund, session=session)
    return world


def _reach(user, model, field="pk"):
    with activate(Scope.of(user)):
        return set(model.objects.values_list(field, flat=True))


def test_projects(world):
    titles = {
        who: _reach(world[who], Project, "title")
        for who in ("carrier", "neighbour", "animator", "funder_contact", "far_contact")
    }

    assert titles["carrier"] == {"Brouillon", "Partagé", "Public"}
    assert titles["neighbour"] == {"Public"}
    assert titles["animator"] == {"Partagé", "Public"}
    assert titles["funder_contact"] == {"Partagé", "Public"}
    assert titles["far_contact"] == {"Public"}
    assert _reach(None, Project, "title") == {"Public"}


def test_funders_and_their_contacts(world):
    fund = world["fund"].pk

    assert fund in _reach(world["neighbour"], Funder)
    assert fund in _reach(world["funder_contact"], Funder)
    assert fund not in _reach(world["far_contact"], Funder)
    assert fund not in _reach(world["far_animator"], Funder)
    assert _reach(None, Funder) == set()


def test_a_funder_contact_reaches_nothing_else_of_the_network(world):
    contact = world["funder_contact"]

    assert _reach(contact, Organisation) == set()
    assert _reach(contact, Network) == set()
    assert _reach(contact, PipelineStep) == set()
    with activate(Scope.of(contact)):
        access = Scope.of(contact).funder_access(world["network"].slug)
        assert access.funder_ids == {world["fund"].pk}
        with pytest.raises(Http404):
            Scope.of(contact).funder_access("ailleurs")
        with pytest.raises(Http404):
            Scope.of(contact).network_access(world["network"].slug)


def test_an_inactive_funder_speaks_for_nobody(world):
    Funder.objects.filter(pk=world["fund"].pk).update(is_active=False)

    assert _reach(world["funder_contact"], Project, "title") == {"Public"}
    with pytest.raises(Http404):
        Scope.of(world["funder_contact"]).funder_access(world["network"].slug)


def test_the_pipeline_is_the_organisations_own(world):
    assert len(_reach(world["carrier"], PipelineStep)) == 1
    for who in ("neighbour", "animator", "funder_contact"):
        assert _reach(world[who], PipelineStep) == set(), who


def test_sessions_reach_members_staff_and_funder_contacts_of_the_network(world):
    session = world["session"].pk

    for who in ("carrier", "neighbour", "animator", "funder_contact"):
        assert _reach(world[who], MeetingSession) == {session}, who
    for who in ("far_contact", "far_animator"):
        assert _reach(world[who], MeetingSession) == set(), who


def test_each_side_reads_its_own_wishes_and_follow_ups(world):
    assert _reach(world["carrier"], Wish, "side") == {"project"}
    assert _reach(world["funder_contact"], Wish, "side") == {"funder"}
    assert _reach(world["animator"], Wish, "side") == {"project", "funder"}
    assert _reach(world["neighbour"], Wish) == set()
    assert _reach(world["carrier"], FollowUp, "side") == {"project"}
    assert _reach(world["funder_contact"], FollowUp, "side") == {"funder"}
    assert _reach(world["far_animator"], FollowUp) == set()


def test_meetings_reach_their_sides_once_published(world):
    assert len(_reach(world["animator"], Meeting)) == 1
    assert _reach(world["carrier"], Meeting) == set()
    assert _reach(world["funder_contact"], Meeting) == set()

    MeetingSession.objects.filter(pk=world["session"].pk).update(
        schedule_published_at=timezone.now()
    )

    assert len(_reach(world["carrier"], Meeting)) == 1
    assert len(_reach(world["funder_contact"], Meeting)) == 1
    assert _reach(world["neighbour"], Meeting) == set()
    assert _reach(world["far_contact"], Meeting) == set()
