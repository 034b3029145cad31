"""Two people taking the last seat at the same moment: only one gets it.

Real transactions on separate connections, on PostgreSQL (SQLite serialises
every writer, so it cannot show the race).
"""

import pytest

from levier.events import services
from levier.events.models import Registration
from tests.concurrency import at_once, needs_postgresql
from tests.events.factories import make_event
from tests.factories import make_member, make_network, make_organisation

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def _race(event, people, organisation) -> list[str]:
    calls = [
        lambda person=person: services.register(event, person, organisation).status
        for person in people
    ]
    return at_once(calls)


def test_two_people_never_both_get_the_last_seat():
    organisation = make_organisation(make_network())
    event = make_event(organisation.network, capacity=1)
    people = [make_member(organisation) for _ in range(2)]

    statuses = _race(event, people, organisation)

    assert sorted(statuses) == [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    assert event.registrations.confirmed().count() == 1


def test_many_people_at_once_fill_exactly_the_capacity():
    organisation = make_organisation(make_network())
    event = make_event(organisation.network, capacity=3)
    people = [make_member(organisation) for _ in range(8)]

    statuses = _race(event, people, organisation)

    assert statuses.count(Registration.Status.CONFIRMED) == 3
    assert statuses.count(Registration.Status.WAITLISTED) == 5
    assert event.registrations.confirmed().count() == 3
