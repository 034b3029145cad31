"""The demo's programme is one an animator recognises: an external coach who
signs in to a coach's pages only, appointments of several types against an
hours budget, a plan opened to the coaches, a document to hand in."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from levier.accounts.demo import NETWORK_SLUG, PASSWORD
from levier.programmes import demo
from levier.programmes import services as programmes
from levier.programmes.models import Application, Appointment, Programme

pytestmark = pytest.mark.django_db


def test_the_demo_programme_has_its_coach_appointments_and_deliverables():
    call_command("demo")
    programme = Programme.objects.get()
    assert programme.document_deliverable and programme.coaching_hours_budget
    kinds = set(Appointment.objects.filter(programme=programme).values_list("kind", flat=True))
    assert {Appointment.Kind.NEEDS_REVIEW, Appointment.Kind.RESTITUTION} <= kinds
    hours = programmes.coaching_hours(programme)
    assert 0 < hours.total <= programme.coaching_hours_budget
    opened = programme.applications.filter(
        status=Application.Status.SELECTED, coach_may_open_plan=True
    ).select_related("organisation")
    assert opened.count() == 1

    coach = Client()
    assert coach.login(email=demo.COACH_EMAIL, password=PASSWORD)
    assert coach.get(reverse("coach_programme", args=[programme.pk])).status_code == 200
    plan = reverse("coach_plan", args=[programme.pk, opened.get().organisation.slug])
    assert coach.get(plan).status_code == 200
    # A coach, and nothing else of the network.
    assert coach.get(reverse("network_dashboard", args=[NETWORK_SLUG])).status_code == 404
