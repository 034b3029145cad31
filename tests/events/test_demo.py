import pytest
from django.core.management import call_command
from django.utils import timezone

from levier.clubs.models import Club
from levier.events.models import Event, Registration
from levier.programmes.models import Application, Programme

pytestmark = pytest.mark.django_db


def test_the_demo_animates_the_network():
    call_command("demo")

    events = Event.objects.with_counts()
    assert any(e.is_past for e in events) and any(not e.is_past for e in events)
    assert any(e.capacity == e.taken and e.waiting for e in events)  # full, with a waitlist
    assert Club.objects.filter(members__isnull=False).distinct().count() >= 2
    programme = Programme.objects.get()
    assert programme.applications.filter(status=Application.Status.SELECTED).count() == 6
    assert programme.sessions.count() == 2
    upcoming = Registration.objects.filter(event__start__gt=timezone.now())
    assert not upcoming.filter(user__email__startswith="claire@").exists()  # hers to try
