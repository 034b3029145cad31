"""Routes anyone could repeat at will answer 429 past their limit, counted in
a cache every app process shares."""

import socket
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from levier.accounts.models import NetworkRole, OrgRole
from levier.events.models import Audience, Registration
from levier.lib import ratelimits
from tests.events.factories import make_event
from tests.factories import make_member, make_network_staff
from tests.security.helpers import assert_too_many

pytestmark = pytest.mark.django_db


def allowed(name, per):
    """How many POSTs the limit lets through."""
    (limit,) = [limit for limit in ratelimits.LIMITS[name] if limit.per == per]
    return int(limit.rate.split("/")[0])


def signed_in(user, **defaults):
    client = Client(**defaults)
    client.force_login(user)
    return client


# Each limited route, the URL arguments it needs and who may post to it. The
# view behind it may refuse an empty form or an unknown id: the limit counts
# every POST before any view runs.
ROUTES = {
    "invite": lambda o: ("invite", [o["organisation"].slug], "org_admin"),
    "practice_propose": lambda o: ("practice_propose", [], "org_admin"),
    "assessment_evidence_upload": lambda o: (
        "assessment_evidence_upload",
        [o["organisation"].slug, 999999, "ENV-1"],
        "org_admin",
    ),
    "action_evidence_upload": lambda o: (
        "action_evidence_upload",
        [o["organisation"].slug, 999999],
        "org_admin",
    ),
    "practice_import": lambda o: ("practice_import", [o["network"].slug], "animator"),
    "campaign_test": lambda o: ("campaign_test", [o["network"].slug, 999999], "animator"),
}


@pytest.fixture
def world(network, organisation):
    return {
        "network": network,
        "organisation": organisation,
        "org_admin": lambda: make_member(organisation, OrgRole.ADMIN),
        "animator": lambda: make_network_staff(network, NetworkRole.Role.ANIMATOR),
    }


def test_every_route_of_the_brief_is_limited():
    assert set(ratelimits.LIMITS) == {
        *ROUTES,
        "public_event",
        "carbon_survey_answer",
        "join",
        "programme_apply",
        "training_survey",
    }


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_a_person_past_the_limit_gets_429_and_another_person_does_not(route, world):
    name, args, role = ROUTES[route](world)
    url = reverse(name, args=args)
    limit = allowed(name, ratelimits.USER)
    person = signed_in(world[role]())

    statuses = [person.post(url).status_code for _ in range(limit)]

    assert 429 not in statuses
    assert_too_many(person.post(url))
    # Per person: a colleague at the same address still posts.
    colleague = signed_in(world[role]())
    assert colleague.post(url).status_code != 429


def guest(i, email=None):
    return {
        "name": f"Invité {i}",
        "email": email or f"guest{i}@example.org",
        "organisation": "Café des Sports",
        "consent": "on",
    }


@pytest.fixture
def public_event(network):
    return make_event(network, audience=Audience.PUBLIC, capacity=500)


def test_guest_registrations_are_limited_per_address(client, public_event):
    url = reverse("public_event", args=[public_event.pk])
    limit = allowed("public_event", ratelimits.IP)

    statuses = [client.post(url, guest(i)).status_code for i in range(limit)]
    registrations = Registration.objects.count()

    assert 429 not in statuses
    assert_too_many(client.post(url, guest(limit)))
    # Nothing reached the view: no registration, no email to anyone.
    assert Registration.objects.count() == registrations
    # Another address is not affected.
    assert client.post(url, guest(99), REMOTE_ADDR="10.9.9.9").status_code != 429


def test_one_inbox_cannot_be_flooded_from_many_addresses(client, public_event):
    url = reverse("public_event", args=[public_event.pk])
    limit = allowed("public_event", ratelimits.EMAIL)
    victim = "Victim@Example.org"

    statuses = [
        client.post(url, guest(i, victim), REMOTE_ADDR=f"10.0.0.{i + 1}").status_code
        for i in range(limit)
    ]

    assert 429 not in statuses
    assert_too_many(client.post(url, guest(0, " victim@example.org"), REMOTE_ADDR="10.0.1.1"))
    assert client.post(url, guest(1), REMOTE_ADDR="10.0.1.2").status_code != 429


def test_reading_a_limited_page_is_never_limited(client, public_event):
    url = reverse("public_event", args=[public_event.pk])
    for _ in range(allowed("public_event", ratelimits.IP) + 5):
        assert client.get(url).status_code == 200


def shared_counter_scenario(public_event):
    """Two clients, as two app processes would serve them, fill one counter."""
    url = reverse("public_event", args=[public_event.pk])
    limit = allowed("public_event", ratelimits.IP)
    first, second = Client(), Client()
    for i in range(limit):
        response = (first if i % 2 else second).post(url, guest(i))
        assert response.status_code != 429
    assert_too_many(first.post(url, guest(limit)))
    assert_too_many(second.post(url, guest(limit + 1)))


def test_counters_live_in_the_database_without_redis(public_event):
    backend = settings.CACHES["default"]
    if "redis" in backend["BACKEND"].lower():
        pytest.skip("REDIS_URL is set: the counters are in Redis")
    assert backend["BACKEND"] == "levier.lib.cache.DatabaseCache"

    shared_counter_scenario(public_event)

    # In the table every process reads, not in this process's memory.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(backend['LOCATION'])}")
        assert cursor.fetchone()[0] > 0


REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_is_there():
    try:
        import redis  # noqa: F401
    except ImportError:
        return False
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_there(), reason="no Redis on 127.0.0.1:6379")
def test_counters_live_in_redis_when_configured(settings, public_event):
    import redis

    prefix = f"levier-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    server = redis.Redis.from_url(REDIS_URL)
    try:
        shared_counter_scenario(public_event)
        assert list(server.scan_iter(f"{prefix}:*"))
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)
        caches["default"].close()
