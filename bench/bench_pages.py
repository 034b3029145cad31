"""Every key page at scale, in one run: p50 and p95 of each against the anonymous
login page (the floor), requests interleaved, and each page's SQL queries at a
tenth of the size and at full size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/levier_me \\
        .venv/bin/python bench/bench_pages.py --organisations 10000

The networks come from ``scale_seed.build`` (seeded once per database, then
reused): one of ``--organisations`` members and one of a tenth of that, side
by side, so that queries per page can be compared at two sizes in one run.
To each, this script adds once what the seed leaves out: published events of
the network (one per twenty members, half past, half upcoming, with
registrations) for the agenda, and the network's own published practices
(five per member) for the library.

Pages, each requested through the whole Django stack by the person who uses it:
the results page with its peers panel, where to start and the action plan (the
measured organisation's administrator); the practice library, browsed and
searched, and the agenda (the same person); the network dashboard and the
improvement report (the network's animator). The floor: the login page,
anonymous. Target of issue 17: every page's p95 at most 3x the floor's.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta

import django_bench

django_bench.setup()

import scale_seed  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from levier.accounts.models import Organisation  # noqa: E402
from levier.events.models import Audience, Event, EventKind, Registration  # noqa: E402
from levier.practices.models import Practice  # noqa: E402

TARGET = 3.0
FLOOR = "login page (anonymous)"
EVENTS_PER_MEMBER = 1 / 20
REGISTRATIONS_PER_EVENT = 15
PRACTICES_PER_MEMBER = 5
SEARCH = "bilan carbone"
WORDS = [
    "bilan",
    "carbone",
    "énergie",
    "mobilité",
    "achats",
    "locaux",
    "handicap",
    "égalité",
    "recrutement",
    "télétravail",
    "paiement",
    "délais",
    "charte",
    "vélos",
    "mécénat",
    "fondation",
    "compétences",
    "réemploi",
    "formation",
    "équipe",
    "démarche",
    "salariés",
    "entreprise",
    "plan",
    "action",
    "déchets",
    "eau",
    "sobriété",
    "numérique",
    "fournisseurs",
    "dialogue",
    "social",
    "santé",
    "sécurité",
    "diversité",
    "inclusion",
    "gouvernance",
    "éthique",
    "territoire",
]
BATCH = 2000


def add_events(network, rng: random.Random) -> None:
    """The network's events, once: half past, half upcoming, with registrations."""
    if Event.objects.filter(network=network).exists():
        return
    members = list(
        Organisation.objects.filter(network=network)
        .order_by("pk")
        .values_list("pk", "memberships__user_id")
    )
    count = max(2, int(len(members) * EVENTS_PER_MEMBER))
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    kinds = list(EventKind)
    events = Event.objects.bulk_create(
        [
            Event(
                network=network,
                kind=kinds[n % len(kinds)],
                title=f"Atelier {n + 1} : {rng.choice(WORDS)} et {rng.choice(WORDS)}",
                description="Un atelier entre membres du réseau.",
                theme=rng.choice(["climat", "social", "achats", "gouvernance", ""]),
                start=now + timedelta(days=(n - count // 2) * 365 // count, hours=9),
                end=now + timedelta(days=(n - count // 2) * 365 // count, hours=12),
                place="Maison des entreprises",
                capacity=rng.choice([None, 20, 40]),
                audience=Audience.NETWORK,
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )
    registrations = []
    for event in events:
        for organisation_id, user_id in rng.sample(members, REGISTRATIONS_PER_EVENT):
            registrations.append(
                Registration(
                    event=event,
                    user_id=user_id,
                    organisation_id=organisation_id,
                    status=Registration.Status.CONFIRMED,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=BATCH)


def add_practices(network, rng: random.Random) -> None:
    """The network's own published practices, once, with their search documents."""
    prefix = f"{network.slug}-practice-"
    if Practice.objects.filter(code__startswith=prefix).exists():
        return
    count = Organisation.objects.filter(network=network).count() * PRACTICES_PER_MEMBER
    now = timezone.now()

    def text(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words))

    batch = []
    for n in range(count):
        practice = Practice(
            network=network,
            code=f"{prefix}{n}",
            title=text(rng.randint(3, 6)).capitalize(),
            summary=text(25),
            steps="\n".join(text(8) for _ in range(3)),
            results=text(20),
            effort=rng.choice(["low", "medium", "high"]),
            cost=rng.choice(["none", "low", "medium", "high"]),
            themes=[rng.choice(["SOC-DIV", "ENV-MOB", "ENV-CLI", "GOV-LOC"])],
            status=Practice.Status.PUBLISHED,
            published_at=now - timedelta(days=rng.randint(0, 1500)),
        )
        practice.search_document = practice.build_search_document()
        batch.append(practice)
        if len(batch) == BATCH:
            Practice.objects.bulk_create(batch)
            batch = []
    Practice.objects.bulk_create(batch)


def world_at(organisations: int, seed: int) -> dict:
    world = scale_seed.build(organisations, seed)
    rng = random.Random(seed)
    add_events(world["network"], rng)
    add_practices(world["network"], rng)
    return world


def pages_of(world: dict) -> list[tuple[str, Client, str]]:
    """(label, client signed in as the right person, url) of every measured page."""
    organisation, assessment, network = (
        world["organisation"],
        world["assessment"],
        world["network"],
    )
    member, animator, anonymous = Client(), Client(), Client()
    member.force_login(world["admin"])
    animator.force_login(world["animator"])
    org, pk = organisation.slug, assessment.pk
    return [
        (FLOOR, anonymous, "/accounts/login/"),
        ("results with peers (admin)", member, reverse("assessment_results", args=[org, pk])),
        ("where to start (admin)", member, reverse("where_to_start", args=[org, pk])),
        ("action plan (admin)", member, reverse("plan_list", args=[org])),
        ("practice library (member)", member, reverse("practice_list")),
        (f"library search {SEARCH!r}", member, reverse("practice_list") + "?q=bilan+carbone"),
        ("agenda (member)", member, reverse("agenda")),
        (
            "network dashboard (animator)",
            animator,
            reverse("network_dashboard", args=[network.slug]),
        ),
        (
            "improvement report (animator)",
            animator,
            reverse("improvement_report", args=[network.slug]),
        ),
    ]


def timed_get(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise AssertionError(f"GET {url}: status {response.status_code}")
    return elapsed


def queries_of(client: Client, url: str) -> tuple[int, float, list]:
    """One request's SQL: how many queries, their total ms, the three slowest."""
    with CaptureQueriesContext(connection) as captured:
        timed_get(client, url)
    found = sorted(
        ((float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries), reverse=True
    )
    return len(found), sum(ms for ms, _sql in found), found[:3]


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[max(0, round(fraction * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--seed", type=int, default=360)
    parser.add_argument("--sql", action="store_true", help="print every page's slowest queries")
    args = parser.parse_args()

    started = time.perf_counter()
    small_world = world_at(max(1, args.organisations // 10), args.seed)
    world = world_at(args.organisations, args.seed)
    print(scale_seed.describe(world))
    network = world["network"]
    print(
        f"{connection.vendor}: {Event.objects.filter(network=network).count()} events, "
        f"{Practice.objects.published().filter(network=network).count()} practices of the "
        f"network; ready in {time.perf_counter() - started:.1f} s"
    )

    pages = pages_of(world)
    small_pages = pages_of(small_world)
    failed = set()
    for (label, client, url), (_l, small_client, small_url) in zip(
        pages, small_pages, strict=True
    ):
        try:
            for _ in range(args.warmup):
                timed_get(client, url)
                timed_get(small_client, small_url)
        except Exception as error:  # report every page, even when one fails
            print(f"{label}: {error}")
            failed.add(label)
    small_queries = {
        label: queries_of(client, url)[0]
        for label, client, url in small_pages
        if label not in failed
    }
    queries = {
        label: queries_of(client, url) for label, client, url in pages if label not in failed
    }

    times: dict[str, list[float]] = {label: [] for label, _client, _url in pages}
    for _ in range(args.repeat):  # interleaved: load on the machine hits every page alike
        for label, client, url in pages:
            if label not in failed:
                times[label].append(timed_get(client, url))

    floor = sorted(times[FLOOR])
    floor_p95 = percentile(floor, 0.95)
    print(f"\n{args.repeat} requests per page after {args.warmup} warm-ups, interleaved:")
    print(
        f"{'page':<36} {'p50 ms':>8} {'p95 ms':>8} {'p95/floor':>10}   queries at "
        f"{args.organisations // 10} / {args.organisations}"
    )
    over = []
    for label, _client, _url in pages:
        if label in failed:
            print(f"{label:<36} failed")
            over.append(label)
            continue
        ordered = sorted(times[label])
        p95 = percentile(ordered, 0.95)
        ratio = p95 / floor_p95
        count, sql_ms, slowest = queries[label]
        growth = "" if small_queries[label] == count else "  (grows)"
        mark = "" if label == FLOOR or ratio <= TARGET else "  > target"
        print(
            f"{label:<36} {statistics.median(ordered):8.1f} {p95:8.1f} {ratio:9.1f}x   "
            f"{small_queries[label]:3d} / {count:3d}{growth}  ({sql_ms:.0f} ms of SQL){mark}"
        )
        if ratio > TARGET and label != FLOOR:
            over.append(label)
        if args.sql or (ratio > TARGET and label != FLOOR):
            for ms, sql in slowest:
                print(f"    {ms:7.1f} ms  {sql[:160]}")
    print(
        f"\ntarget: p95 at most {TARGET:.0f}x the floor ({floor_p95:.1f} ms): "
        + ("every page holds it." if not over else f"{len(over)} page(s) above: {', '.join(over)}")
    )
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
