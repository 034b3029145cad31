"""Network insights at scale: the animators' dashboard and improvement report and
a member's results page with its peers panel, p50 and p95, against the anonymous
login page measured interleaved in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/levier_me \\
        .venv/bin/python bench/bench_insights.py --organisations 10000 [--check]
    .venv/bin/python bench/bench_insights.py --organisations 1000   # SQLite, temporary

The data comes from bench/scale_seed.py (seeded once per database, reused after):
a network of ``--organisations`` members and one of a tenth of them, so that
each page's SQL queries are counted at both sizes (they must not grow). Pages
go through the whole Django stack (test client). The target (issue 17): each
page's p95 at most 3x the login page's. ``--check`` also runs
``rebuild_network_figures --check`` on the large network (the maintained
figures against the direct computation over score lines: slow, by design).
"""

import argparse
import statistics
import time
import traceback

import django_bench

django_bench.setup()

import scale_seed  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from levier.assessments.models import Assessment, ScoreLine, ScoreSnapshot  # noqa: E402
from levier.insights import member, peers  # noqa: E402

DASHBOARD = "network dashboard (animator)"
IMPROVEMENT = "improvement report (animator)"
RESULTS = "results page with peers (org admin)"
FLOOR = "login page (anonymous)"
TARGET = 3.0


def timed_get(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise AssertionError(f"GET {url}: status {response.status_code}")
    return elapsed


def captured(client: Client, url: str):
    """One request's queries: their count, total time and the slowest (ms, sql)."""
    with CaptureQueriesContext(connection) as queries:
        timed_get(client, url)
    found = sorted(
        ((float(q["time"]) * 1000, q["sql"]) for q in queries.captured_queries), reverse=True
    )
    return len(found), sum(ms for ms, _sql in found), found[:3]


def pages(world: dict) -> list[tuple[str, Client, str]]:
    staff, owner = Client(), Client()
    staff.force_login(world["animator"])
    owner.force_login(world["admin"])
    slug = world["network"].slug
    organisation, assessment = world["organisation"], world["assessment"]
    return [
        (DASHBOARD, staff, reverse("network_dashboard", args=[slug])),
        (IMPROVEMENT, staff, reverse("improvement_report", args=[slug])),
        (RESULTS, owner, reverse("assessment_results", args=[organisation.slug, assessment.pk])),
    ]


def percentile95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=360)
    parser.add_argument("--check", action="store_true", help="also compare with direct figures")
    parser.add_argument("--sql", action="store_true", help="print each page's slowest queries")
    args = parser.parse_args()

    small_world = scale_seed.build(max(1, args.organisations // 10), args.seed, progress=True)
    world = scale_seed.build(args.organisations, args.seed, progress=True)
    for found in (small_world, world):
        print(scale_seed.describe(found))
    network = world["network"]
    print(
        f"{connection.vendor}: {Assessment.objects.filter(status='submitted').count()} submitted "
        f"assessments, {ScoreSnapshot.objects.count()} snapshots, "
        f"{ScoreLine.objects.count()} score lines in the database"
    )
    group = peers.peer_group(world["organisation"], world["version"], member.DEFAULT_CRITERIA)
    print(f"peers of {world['organisation'].name}: {group.description}")

    small_queries = {}
    for label, client, url in pages(small_world):
        for _ in range(args.warmup):
            timed_get(client, url)
        small_queries[label] = captured(client, url)[0]

    measured = [*pages(world), (FLOOR, Client(), "/accounts/login/")]
    failed = set()
    for label, client, url in measured:
        try:
            for _ in range(args.warmup):
                timed_get(client, url)
        except Exception:
            print(f"{label}: GET {url} failed")
            traceback.print_exc()
            failed.add(label)
    queries = {
        label: captured(client, url) for label, client, url in measured if label not in failed
    }
    times: dict[str, list[float]] = {label: [] for label, _client, _url in measured}
    for _ in range(args.repeat):  # interleaved, so that load on the machine hits all alike
        for label, client, url in measured:
            if label not in failed:
                times[label].append(timed_get(client, url))

    floor95 = percentile95(times[FLOOR])
    print(f"{args.repeat} requests each after {args.warmup} warm-ups, {args.organisations} orgs:")
    verdicts = []
    for label, _client, _url in measured:
        if label in failed:
            verdicts.append(False)
            continue
        p50, p95 = statistics.median(times[label]), percentile95(times[label])
        count, total, slowest = queries[label]
        ratio = p95 / floor95
        ok = label == FLOOR or ratio <= TARGET
        verdicts.append(ok)
        print(
            f"{label:<38} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  p95 {ratio:5.1f}x floor "
            f"{'ok' if ok else 'OVER ' + str(TARGET) + 'x'}  {count:3d} queries ({total:.0f} ms)"
        )
        if args.sql or not ok:
            for ms, sql in slowest:
                print(f"  slow query, {ms:.1f} ms: {sql[:300]}")
    for label in small_queries:
        if label in queries:
            grows = "GROWS" if queries[label][0] > small_queries[label] else "constant"
            print(
                f"SQL queries, {label}: {small_queries[label]} at "
                f"{small_world['organisations']} organisations, {queries[label][0]} at "
                f"{world['organisations']}: {grows}"
            )
    if args.check:
        started = time.perf_counter()
        call_command("rebuild_network_figures", "--check", network=[network.slug])
        print(f"(checked against the direct computation in {time.perf_counter() - started:.0f} s)")
    print("all pages within target" if all(verdicts) else "SOME PAGES OVER TARGET")


if __name__ == "__main__":
    main()
