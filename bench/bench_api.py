"""The API's list endpoints at 1,000 organisations: p50 and p95 against the
cheapest authenticated call (GET /api/v1/token) in the same run, and the SQL
queries of a page at limit 10 and at limit 100, which must be equal.

    .venv/bin/python bench/bench_api.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://.../scratch .venv/bin/python bench/bench_api.py

It builds its own database (never the one in data/; on PostgreSQL, an empty
scratch database) the way bench_insights.py does: one network of 1,000
organisations of varied profile, each with ten submitted assessments of
levier-360 and their stored scores, adopted practices and actions; the
measured organisation's latest assessment answered and submitted through the
real path. Then events of the network with members' and guests'
registrations. A token of the measured organisation and one of the network,
both with every area, make the calls, through the whole Django stack (the
tenancy middleware, the rate limit, the call log, ETags).

The list endpoints are read from the OpenAPI document (every GET operation
that pages with ``limit``), so new ones are measured without editing this
file; a path parameter is filled with an object of the seeded data.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
import traceback
from datetime import timedelta

import django_bench

os.environ.setdefault("LEVIER_API_RATE", "1000000/m")  # the bench measures, it does not flood
django_bench.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from scale_seed import Seeder, member_slug  # noqa: E402

from levier.accounts.models import (  # noqa: E402
    Membership,
    Network,
    NetworkRole,
    Organisation,
    OrgRole,
    User,
)
from levier.api.api import api  # noqa: E402
from levier.api.services import NETWORK_AREAS, ORGANISATION_AREAS, create_token  # noqa: E402
from levier.assessments.models import Assessment  # noqa: E402
from levier.events.models import Audience, Event, EventKind, Registration  # noqa: E402
from levier.frameworks.services import latest_version, sync_shipped_packs  # noqa: E402
from levier.plans.models import Action  # noqa: E402
from levier.practices.exchange import sync_shipped  # noqa: E402
from levier.practices.models import Practice  # noqa: E402

NETWORK_SLUG = "bench-api"
BASELINE = "GET /api/v1/token"
PARAMETER = re.compile(r"{([^}]+)}")
EVENTS = 120
SMALL, LARGE = 10, 100


def every_scope(areas) -> list[str]:
    return [f"{area}:{right}" for area in areas for right in ("read", "write")]


def seed_events(network, organisations, rng: random.Random) -> None:
    """Past and coming events of the network, members registered by their
    admins, and guests of the public ones."""
    now = timezone.now().replace(second=0, microsecond=0)
    events = Event.objects.bulk_create(
        [
            Event(
                network=network,
                title=f"Atelier {n:03d}",
                kind=EventKind.WORKSHOP,
                place="Lille, Maison de l'entreprise",
                start=now + timedelta(days=n - EVENTS // 2, hours=9),
                end=now + timedelta(days=n - EVENTS // 2, hours=11),
                audience=Audience.PUBLIC if n % 3 == 0 else Audience.NETWORK,
            )
            for n in range(EVENTS)
        ]
    )
    admins = dict(
        Membership.objects.filter(organisation__in=organisations, role=OrgRole.ADMIN).values_list(
            "organisation_id", "user_id"
        )
    )
    rows = []
    for event in events:
        for organisation in rng.sample(organisations, min(30, len(organisations))):
            rows.append(
                Registration(
                    event=event,
                    user_id=admins[organisation.pk],
                    organisation=organisation,
                    status=Registration.Status.CONFIRMED,
                )
            )
        if event.audience == Audience.PUBLIC:
            rows += [
                Registration(
                    event=event,
                    guest_name=f"Invité {n}",
                    guest_email=f"guest-{event.pk}-{n}@example.org",
                    status=Registration.Status.CONFIRMED,
                )
                for n in range(10)
            ]
    # The coming annual meeting: a full page of guests and more.
    rows += [
        Registration(
            event=events[-1],
            guest_name=f"Invité {n}",
            guest_email=f"guest-annual-{n}@example.org",
            status=Registration.Status.CONFIRMED,
        )
        for n in range(150)
    ]
    Registration.objects.bulk_create(rows, batch_size=1000)


def seed_plan(organisation, admin, rng: random.Random) -> None:
    """A large member's plan: more actions than a page holds."""
    statuses = [s for s, _label in Action.Status.choices]
    Action.objects.bulk_create(
        [
            Action(
                organisation=organisation,
                title=f"Action du plan {n + 1}",
                status=rng.choice(statuses),
                due_date=timezone.localdate() + timedelta(days=rng.randint(-100, 300)),
                owner=admin,
                created_by=admin,
            )
            for n in range(150)
        ]
    )


def parameter_values(organisation, network, assessment) -> dict[str, str]:
    """A value of the seeded data for each kind of path parameter."""
    busiest = (
        Event.objects.filter(network=network)
        .annotate(registered=Count("registrations"))
        .order_by("-registered", "pk")
        .first()
    )
    action = Action.objects.filter(organisation=organisation).first()
    values = {
        "organisation_slug": organisation.slug,
        "network_slug": network.slug,
        "assessment_id": assessment.pk,
        "event_id": busiest.pk,
        "practice_id": Practice.objects.published().order_by("pk").first().pk,
        "registration_id": busiest.registrations.first().pk,
    }
    if action is not None:
        values["action_id"] = action.pk
    return {name: str(value) for name, value in values.items()}


def list_operations() -> list[str]:
    """Paths of the GET operations that page with ``limit``."""
    paths = []
    for path, item in api.get_openapi_schema()["paths"].items():
        operation = item.get("get")
        if operation and any(
            p["in"] == "query" and p["name"] == "limit" for p in operation.get("parameters", [])
        ):
            paths.append(path)
    return paths


def timed_get(client: Client, url: str, headers: dict) -> float:
    start = time.perf_counter()
    response = client.get(url, **headers)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise AssertionError(f"GET {url}: status {response.status_code} {response.content[:200]}")
    return elapsed


def page(client: Client, url: str, headers: dict, limit: int) -> tuple[int, int]:
    """(items, SQL queries) of one page."""
    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}{separator}limit={limit}", **headers)
    if response.status_code != 200:
        raise AssertionError(f"GET {url}: status {response.status_code} {response.content[:200]}")
    return len(response.json()["items"]), len(queries.captured_queries)


def report(label: str, times: list[float], baseline: float | None, sql: str) -> None:
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    ratio = f"{p50 / baseline:6.1f}x" if baseline else "   1.0x"
    print(f"{label:<58} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  {ratio} baseline  {sql}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the rate limit counts in the cache
    call_command("collectstatic", interactive=False, verbosity=0)
    sync_shipped_packs()
    sync_shipped()
    version = latest_version()
    if Network.objects.filter(slug=NETWORK_SLUG).exists():
        sys.exit(f"The network {NETWORK_SLUG!r} already exists: run on an empty database.")
    network = Network.objects.create(name="Réseau bench API", slug=NETWORK_SLUG)
    network_admin = User.objects.create_user("admin@bench-api.example.org", None)
    NetworkRole.objects.create(
        user=network_admin, network=network, role=NetworkRole.Role.NETWORK_ADMIN
    )
    rng = random.Random(args.seed)
    # Unusable passwords: the benchmark signs in with tokens.
    seeder = Seeder(network, version, rng, make_password(None))

    started = time.perf_counter()
    seeder.add(args.organisations, real_latest=1)
    organisations = list(Organisation.objects.filter(network=network).order_by("pk"))
    organisation = Organisation.objects.get(slug=member_slug(network, 0))
    assessment = seeder.submit_for_real(organisation)
    seed_events(network, organisations, rng)
    seed_plan(organisation, organisation.memberships.get(role=OrgRole.ADMIN).user, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {Organisation.objects.filter(network=network).count()} "
        f"organisations, {Assessment.objects.count()} assessments, "
        f"{Action.objects.count()} actions, {Event.objects.count()} events, "
        f"{Registration.objects.count()} registrations; "
        f"seeded in {time.perf_counter() - started:.1f} s"
    )

    org_admin = organisation.memberships.get(role=OrgRole.ADMIN).user
    tokens = {
        "org": create_token(
            name="Bench ERP",
            scopes=every_scope(ORGANISATION_AREAS),
            created_by=org_admin,
            organisation=organisation,
        )[1],
        "network": create_token(
            name="Bench website",
            scopes=every_scope(NETWORK_AREAS),
            created_by=network_admin,
            network=network,
        )[1],
    }
    headers = {kind: {"HTTP_AUTHORIZATION": f"Bearer {s}"} for kind, s in tokens.items()}
    values = parameter_values(organisation, network, assessment)
    client = Client()

    # Which token each list answers (an organisation's list is 404 to a network).
    measured = []
    for path in list_operations():
        missing = [n for n in PARAMETER.findall(path) if n not in values]
        if missing:
            print(f"{path}: no seeded value for {missing}, not measured")
            continue
        url = PARAMETER.sub(lambda m: values[m.group(1)], path)
        for kind in ("org", "network"):
            if client.get(url, **headers[kind]).status_code == 200:
                measured.append((f"GET {path} ({kind} token)", url, headers[kind]))
                break
        else:
            print(f"{path}: neither token gets a 200 at {url}, not measured")
    pages = [(BASELINE, "/api/v1/token", headers["org"]), *measured]

    with CaptureQueriesContext(connection) as queries:
        timed_get(client, "/api/v1/token", headers["org"])
    sql = {BASELINE: f"queries {len(queries.captured_queries):2d}"}
    failed = set()
    constant = True
    for label, url, token_headers in measured:
        try:
            for _ in range(args.warmup):
                timed_get(client, url, token_headers)
            small_items, small = page(client, url, token_headers, SMALL)
            large_items, large = page(client, url, token_headers, LARGE)
        except Exception:
            print(f"{label}: GET {url} failed")
            traceback.print_exc()
            failed.add(label)
            continue
        constant &= small == large
        sql[label] = (
            f"queries {small:2d} at limit {SMALL} ({small_items} items), "
            f"{large:2d} at limit {LARGE} ({large_items} items)"
            + ("" if small == large else "  <- grows with the page")
            + ("" if large_items > SMALL else "  (too few rows to compare)")
        )
    times: dict[str, list[float]] = {label: [] for label, _url, _headers in pages}
    for _ in range(args.repeat):  # interleaved, so that load on the machine hits all alike
        for label, url, token_headers in pages:
            if label not in failed:
                times[label].append(timed_get(client, url, token_headers))
    baseline = statistics.median(times[BASELINE])
    print(f"{args.repeat} requests each (default page size) after {args.warmup} warm-ups:")
    for label, _url, _headers in pages:
        if label not in failed:
            report(label, times[label], baseline if label != BASELINE else None, sql[label])
    print(
        "Queries per page constant in page size: " + ("yes" if constant and not failed else "NO")
    )
    if failed or not constant:
        sys.exit(1)


if __name__ == "__main__":
    main()
