"""Two people taking the last seat at the same moment: only one gets it.

Real transactions on separate connections, on PostgreSQL (SQLite serialises
every writer, so it cannot show the race).
"""

import threading

import pytest
from django.db import connection, connections

from levier.community import services
from levier.community.models import Registration
from tests.community.factories import make_event
from tests.factories import make_member, make_network, make_organisation

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
    ),
]


def _race(event, people, organisation) -> list[str]:
    barrier = threading.Barrier(len(people))
    statuses, errors = [], []

    def take_a_seat(person):
        try:
            barrier.wait(timeout=10)
            statuses.append(services.register(event, person, organisation).status)
        except Exception as error:  # the test reports it below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_a_seat, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return statuses


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
