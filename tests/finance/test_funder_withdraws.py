"""A funder's contact withdraws the funder from a session until choices
close, with its wishes; never another funder, never once the schedule holds."""

import pytest
from django.urls import reverse
from django.utils import timezone

from levier.finance import sessions
from levier.finance.models import SessionFunder, Wish
from levier.tenancy.scope import system
from tests.finance.project_fixtures import signed_in
from tests.finance.test_sessions import _register_both, session_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _page(sw):
    return reverse("funder_session", args=[sw["network"].slug, sw["session"].pk])


def test_a_contact_withdraws_its_funder_and_its_wishes(sw):
    session = sw["session"]
    _register_both(sw)
    sessions.set_wishes(session, "funder", sw["fund"], [sw["project"]])
    contact = signed_in(sw["contact"])
    assert "Retirer notre inscription" in contact.get(_page(sw)).content.decode()

    response = contact.post(_page(sw), {"action": "withdraw", "funder": sw["fund"].pk})

    assert response.status_code == 302
    with system():
        assert not SessionFunder.objects.filter(session=session, funder=sw["fund"]).exists()
        assert not Wish.objects.filter(session=session, funder=sw["fund"]).exists()
        assert SessionFunder.objects.filter(session=session, funder=sw["bank"]).exists()


def test_a_contact_cannot_withdraw_another_funder(sw):
    _register_both(sw)
    response = signed_in(sw["contact"]).post(
        _page(sw), {"action": "withdraw", "funder": sw["bank"].pk}
    )
    assert response.status_code == 404
    with system():
        assert SessionFunder.objects.filter(session=sw["session"], funder=sw["bank"]).exists()


def test_nothing_is_withdrawn_once_the_schedule_is_published(sw):
    session = sw["session"]
    _register_both(sw)
    session.schedule_published_at = timezone.now()
    session.save()
    contact = signed_in(sw["contact"])
    assert "Retirer notre inscription" not in contact.get(_page(sw)).content.decode()

    contact.post(_page(sw), {"action": "withdraw", "funder": sw["fund"].pk})

    with system():
        assert SessionFunder.objects.filter(session=session, funder=sw["fund"]).exists()
