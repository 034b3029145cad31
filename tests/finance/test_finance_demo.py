"""The demo's impact finance: funders and their contact person, projects at
every visibility, a pipeline over two years, a past session with its
published schedule and follow-ups, an upcoming one, two mentoring pairs."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from levier.accounts.demo import NETWORK_SLUG, PASSWORD
from levier.accounts.models import User
from levier.finance import demo
from levier.finance.models import (
    FollowUp,
    Funder,
    FunderContact,
    Meeting,
    MeetingSession,
    MentoringNote,
    MentoringPair,
    PipelineStep,
    Project,
    Wish,
)
from levier.frameworks.services import latest_pack

pytestmark = pytest.mark.django_db


def test_the_demo_contains_impact_finance():
    call_command("demo")
    funders = Funder.objects.filter(network__slug=NETWORK_SLUG)
    assert funders.count() == 6
    assert len({f.kind for f in funders}) == 6
    codes = {theme.code for theme in latest_pack().themes}
    assert all(set(f.themes) <= codes for f in funders)
    projects = Project.objects.filter(organisation__network__slug=NETWORK_SLUG)
    assert Counter(p.visibility for p in projects) == {"draft": 1, "funders": 4, "public": 1}
    assert all(set(p.themes) <= codes for p in projects)
    assert projects.filter(programme__isnull=False).count() == 1
    assert all(p.shared_at for p in projects if p.is_shared)

    steps = PipelineStep.objects.filter(project__in=projects)
    years = {s.decided_on.year for s in steps if s.decided_on}
    this_year = timezone.localdate().year
    assert years == {this_year - 1, this_year}
    assert {s.stage for s in steps} == set(PipelineStep.Stage.values)
    assert all(s.amount_granted and s.instrument for s in steps if s.stage == "granted")

    past, upcoming = MeetingSession.objects.filter(network__slug=NETWORK_SLUG).order_by(
        "first_slot_at"
    )
    assert past.schedule_published_at and past.first_slot_at < timezone.now()
    assert upcoming.registration_closes_at > timezone.now()
    assert Wish.objects.filter(session=past, side="project").exists()
    assert Wish.objects.filter(session=past, side="funder").exists()
    assert Meeting.objects.filter(session=past).count() > 0
    assert FollowUp.objects.filter(meeting__session=past).count() > 0

    assert MentoringPair.objects.filter(network__slug=NETWORK_SLUG).count() == 2
    assert MentoringNote.objects.filter(pair__network__slug=NETWORK_SLUG).count() == 2

    contact = FunderContact.objects.get(user__email=demo.FUNDER_CONTACT_EMAIL)
    assert contact.funder.network.slug == NETWORK_SLUG
    user = User.objects.get(email=demo.FUNDER_CONTACT_EMAIL)
    assert user.check_password(PASSWORD)


def test_the_demo_prints_the_funder_account(capsys):
    call_command("demo")
    assert demo.FUNDER_CONTACT_EMAIL in capsys.readouterr().out
