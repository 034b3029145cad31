"""Network insights at the design scale: the animators' dashboard and a member's
results page with its peers panel, p50 and p95, against a minimal page in the same run.

    .venv/bin/python bench/bench_insights.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://.../scratch .venv/bin/python bench/bench_insights.py

It builds its own database (never the one in data/; on PostgreSQL, an empty
scratch database), fills one network with 1,000 organisations of varied size,
sector and region, each with 10 submitted assessments of levier-360 over five
years and their stored scores (snapshot and score lines, as a submission writes
them, drawn at random rather than computed by the engine), plus a few adopted
practices and actions. The measured organisation's latest assessment goes
through the real answering and submission path. Then it times, through the
whole Django stack: the dashboard, as an animator; the results page, as an
administrator of that organisation; and, as a baseline, the health check and
the login page. Each page's number of SQL queries is counted after seeding a
tenth of the network and after seeding all of it: it must not grow.
"""

import argparse
import random
import statistics
import sys
import time
import traceback
from datetime import datetime, timedelta

import django_bench

django_bench.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F, OuterRef, Subquery  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from levier.accounts import naf  # noqa: E402
from levier.accounts.models import (  # noqa: E402
    Membership,
    Network,
    NetworkRole,
    Organisation,
    OrgRole,
    User,
)
from levier.accounts.regions import Region  # noqa: E402
from levier.assessments import demo as demo_answers  # noqa: E402
from levier.assessments import services  # noqa: E402
from levier.assessments.models import Assessment, ScoreLine, ScoreSnapshot  # noqa: E402
from levier.engine.packs import TEXT  # noqa: E402
from levier.engine.profile import Profile, applies  # noqa: E402
from levier.frameworks.services import latest_version, sync_shipped_packs  # noqa: E402
from levier.insights import member, peers  # noqa: E402
from levier.insights import network_stats as stats  # noqa: E402
from levier.insights.models import Sharing  # noqa: E402
from levier.plans.models import Action  # noqa: E402
from levier.practices.exchange import sync_shipped  # noqa: E402
from levier.practices.models import Adoption, Practice  # noqa: E402

NETWORK_SLUG = "bench-insights"
# NAF codes of ten sections, weighted roughly like the members of a CSR network.
NAF_CODES = {
    "62.01Z": 14,  # J
    "70.22Z": 16,  # M
    "47.11B": 12,  # G
    "56.10A": 10,  # I
    "43.21A": 10,  # F
    "10.71C": 8,  # C
    "88.10A": 10,  # Q
    "85.59A": 8,  # P
    "49.41A": 6,  # H
    "01.11Z": 6,  # A
}
# Weighted roughly by the number of companies per region.
REGION_WEIGHTS = {
    Region.ILE_DE_FRANCE: 25,
    Region.AUVERGNE_RHONE_ALPES: 12,
    Region.NOUVELLE_AQUITAINE: 9,
    Region.OCCITANIE: 9,
    Region.PROVENCE_ALPES_COTE_D_AZUR: 8,
    Region.HAUTS_DE_FRANCE: 7,
    Region.GRAND_EST: 7,
    Region.PAYS_DE_LA_LOIRE: 6,
    Region.BRETAGNE: 5,
    Region.NORMANDIE: 4,
    Region.CENTRE_VAL_DE_LOIRE: 3,
    Region.BOURGOGNE_FRANCHE_COMTE: 3,
    Region.CORSE: 1,
    Region.LA_REUNION: 1,
}
YEARS = 5
PER_YEAR = 2
CHUNK = 50  # organisations seeded per transaction
BATCH = 1000
DASHBOARD = "network dashboard (animator)"
RESULTS = "results page with peers (org admin)"


def year_span() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year - YEARS + 1, this_year + 1))


def random_moment(rng: random.Random, year: int, half: int, now: datetime) -> datetime:
    """A submission date in the first or second half of ``year``, never in the future."""
    month = rng.randint(2, 6) if half == 0 else rng.randint(8, 11)
    moment = timezone.make_aware(
        datetime(year, month, rng.randint(1, 28), rng.randint(8, 18), rng.randint(0, 59))
    )
    return min(moment, now - timedelta(days=1, minutes=rng.randint(0, 600)))


class Seeder:
    """Fills one network, organisation by organisation, in chunks."""

    def __init__(self, network, version, rng: random.Random):
        self.network = network
        self.version = version
        self.pack = version.pack
        self.rng = rng
        self.now = timezone.now()
        self.password = make_password(None)  # unusable: the benchmark logs in with force_login
        self.practice_ids = list(
            Practice.objects.published().order_by("code").values_list("pk", flat=True)
        )
        self.theme_codes = [theme.code for theme in self.pack.themes]
        self.applicable: dict[tuple, list[str]] = {}
        self.seeded = 0

    def questions_for(self, headcount: int, naf_section: str, flags) -> list[str]:
        """Codes of the scored questions that apply to a profile (cached per profile)."""
        profile = Profile(headcount=headcount, naf_section=naf_section, flags=frozenset(flags))
        key = (headcount, naf_section, tuple(sorted(flags)))
        if key not in self.applicable:
            self.applicable[key] = [
                q.code for q in self.pack.questions if q.type != TEXT and applies(q, profile)
            ]
        return self.applicable[key]

    def organisations(self, count: int) -> list[Organisation]:
        rng = self.rng
        codes, code_weights = zip(*NAF_CODES.items(), strict=True)
        regions, region_weights = zip(*REGION_WEIGHTS.items(), strict=True)
        rows = []
        for n in range(self.seeded, self.seeded + count):
            naf_code = rng.choices(codes, code_weights)[0]
            headcount = max(1, min(3000, int(rng.lognormvariate(3.0, 1.4))))
            region = rng.choices(regions, region_weights)[0]
            if n == 0:  # the measured organisation: a common profile
                naf_code, headcount, region = "62.01Z", 35, Region.ILE_DE_FRANCE
            rows.append(
                Organisation(
                    network=self.network,
                    name=f"Organisation {n:04d}",
                    slug=f"bench-org-{n:04d}",
                    headcount=headcount,
                    naf_code=naf_code,
                    naf_section=naf.lookup(naf_code).section,
                    region=region,
                    is_ess=rng.random() < 0.2,
                    is_mission=rng.random() < 0.1,
                    is_bcorp=rng.random() < 0.05,
                )
            )
        self.seeded += count
        return Organisation.objects.bulk_create(rows, batch_size=BATCH)

    def admins(self, organisations) -> dict[int, User]:
        users = User.objects.bulk_create(
            [
                User(
                    email=f"admin@{organisation.slug}.example.org",
                    full_name=f"Admin {organisation.name}",
                    password=self.password,
                )
                for organisation in organisations
            ],
            batch_size=BATCH,
        )
        Membership.objects.bulk_create(
            [
                Membership(user=user, organisation=organisation, role=OrgRole.ADMIN)
                for user, organisation in zip(users, organisations, strict=True)
            ],
            batch_size=BATCH,
        )
        return {
            organisation.pk: user for user, organisation in zip(users, organisations, strict=True)
        }

    def assessments(self, organisations, admins, skip_last: set[int]) -> list[Assessment]:
        """Ten submitted assessments per organisation (nine for those in ``skip_last``,
        whose latest goes through the real submission), oldest first."""
        rows = []
        for organisation in organisations:
            flags = sorted(organisation.flags)
            slots = [(year, half) for year in year_span() for half in range(PER_YEAR)]
            if organisation.pk in skip_last:
                slots = slots[:-1]
            for year, half in slots:
                moment = random_moment(self.rng, year, half, self.now)
                rows.append(
                    Assessment(
                        organisation=organisation,
                        framework_version=self.version,
                        period=f"{year} S{half + 1}",
                        status=Assessment.Status.SUBMITTED,
                        headcount=organisation.headcount,
                        naf_section=organisation.naf_section,
                        flags=flags,
                        created_by=admins[organisation.pk],
                        submitted_at=moment,
                        submitted_by=admins[organisation.pk],
                    )
                )
        created = Assessment.objects.bulk_create(rows, batch_size=BATCH)
        # created_at is set on insert: place each assessment three weeks before its submission.
        first, last = created[0].pk, created[-1].pk
        Assessment.objects.filter(pk__gte=first, pk__lte=last).update(
            created_at=F("submitted_at") - timedelta(days=21)
        )
        return created

    def scores(self, assessments) -> None:
        """A current snapshot per assessment and its pillar, theme and question lines."""
        rng = self.rng
        maturity: dict[int, float] = {}
        snapshots, plans = [], []
        latest: dict[int, Assessment] = {}
        for assessment in assessments:
            known = latest.get(assessment.organisation_id)
            if known is None or assessment.submitted_at > known.submitted_at:
                latest[assessment.organisation_id] = assessment
        for assessment in assessments:
            start = maturity.setdefault(assessment.organisation_id, rng.uniform(0.15, 0.75))
            level = min(0.95, start + 0.025 * rng.random())
            maturity[assessment.organisation_id] = level
            codes = self.questions_for(
                assessment.headcount, assessment.naf_section, assessment.flags
            )
            themes = {}
            for theme in self.pack.themes:
                if rng.random() < 0.04:
                    themes[theme.code] = (None, "not_applicable")
                else:
                    value = max(0.0, min(100.0, rng.gauss(100 * level, 15)))
                    themes[theme.code] = (round(value, 1), "scored")
            pillars = {}
            for pillar in self.pack.pillars:
                values = [themes[t.code][0] for t in pillar.themes]
                values = [value for value in values if value is not None]
                pillars[pillar.code] = round(sum(values) / len(values), 1) if values else None
            scored = [value for value in pillars.values() if value is not None]
            missing = sum(rng.random() < 0.03 for _ in codes)
            snapshots.append(
                ScoreSnapshot(
                    assessment=assessment,
                    organisation_id=assessment.organisation_id,
                    framework_version=self.version,
                    overall=round(sum(scored) / len(scored), 1) if scored else None,
                    answered=len(codes) - missing,
                    missing=missing,
                    is_current=True,
                    is_latest=latest[assessment.organisation_id] is assessment,
                    year=timezone.localtime(assessment.submitted_at).year,
                )
            )
            plans.append((pillars, themes, codes, level))
        snapshots = ScoreSnapshot.objects.bulk_create(snapshots, batch_size=BATCH)
        lines = []
        for snapshot, (pillars, themes, codes, level) in zip(snapshots, plans, strict=True):
            lines += [
                ScoreLine(snapshot=snapshot, level=ScoreLine.Level.PILLAR, code=code, score=value)
                for code, value in pillars.items()
            ]
            lines += [
                ScoreLine(
                    snapshot=snapshot,
                    level=ScoreLine.Level.THEME,
                    code=code,
                    score=value,
                    status=status,
                )
                for code, (value, status) in themes.items()
            ]
            lines += [
                ScoreLine(
                    snapshot=snapshot,
                    level=ScoreLine.Level.QUESTION,
                    code=code,
                    lost=0.0 if rng.random() < level else round(rng.uniform(0.05, 2.5), 2),
                )
                for code in codes
            ]
        ScoreLine.objects.bulk_create(lines, batch_size=BATCH)
        first, last = snapshots[0].pk, snapshots[-1].pk
        ScoreSnapshot.objects.filter(pk__gte=first, pk__lte=last).update(
            created_at=Subquery(
                Assessment.objects.filter(pk=OuterRef("assessment")).values("submitted_at")[:1]
            )
        )

    def extras(self, organisations, admins) -> None:
        """Adopted practices, actions and consents to share: cheap, for the other panels."""
        rng = self.rng
        adoptions, actions, sharing = [], [], []
        statuses = [s for s, _label in Action.Status.choices]
        today = timezone.localdate()
        for organisation in organisations:
            user = admins[organisation.pk]
            for practice_id in rng.sample(self.practice_ids, min(len(self.practice_ids), 8))[
                : rng.randint(0, 8)
            ]:
                adoptions.append(
                    Adoption(practice_id=practice_id, organisation=organisation, declared_by=user)
                )
            for n in range(rng.randint(0, 6)):
                actions.append(
                    Action(
                        organisation=organisation,
                        title=f"Action {n + 1}",
                        status=rng.choice(statuses),
                        due_date=today + timedelta(days=rng.randint(-200, 400)),
                        theme_code=rng.choice(self.theme_codes),
                        created_by=user,
                    )
                )
            if rng.random() < 0.3:
                sharing.append(Sharing(organisation=organisation, shared_by=user))
        Adoption.objects.bulk_create(adoptions, batch_size=BATCH)
        Action.objects.bulk_create(actions, batch_size=BATCH)
        Sharing.objects.bulk_create(sharing, batch_size=BATCH)

    def add(self, count: int, real_latest: int = 0) -> list[Organisation]:
        """Seed ``count`` organisations; the first ``real_latest`` of them leave their
        latest assessment to `submit_for_real`."""
        added = []
        for start in range(0, count, CHUNK):
            with transaction.atomic():
                organisations = self.organisations(min(CHUNK, count - start))
                admins = self.admins(organisations)
                real = {o.pk for o in organisations[: max(0, real_latest - start)]}
                self.scores(self.assessments(organisations, admins, real))
                self.extras(organisations, admins)
            added += organisations
        return added

    def submit_for_real(self, organisation) -> Assessment:
        """The latest assessment, answered and submitted the way people do it."""
        admin = organisation.memberships.get(role=OrgRole.ADMIN).user
        year, half = year_span()[-1], PER_YEAR - 1
        assessment = services.start(organisation, self.version, f"{year} S{half + 1}", admin)
        demo_answers.answer(assessment, 0.55, random.Random(2026))
        services.submit(assessment, admin)
        moment = random_moment(self.rng, year, half, self.now)
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=moment - timedelta(days=21), submitted_at=moment
        )
        ScoreSnapshot.objects.filter(assessment=assessment).update(
            created_at=moment, year=timezone.localtime(moment).year
        )
        return assessment


def timed_get(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise AssertionError(f"GET {url}: status {response.status_code}")
    return elapsed


def captured(client: Client, url: str):
    """One request with its queries recorded: their count, total time and the
    slowest ones, as (ms, sql), slowest first."""
    with CaptureQueriesContext(connection) as queries:
        timed_get(client, url)
    found = sorted(
        ((float(q["time"]) * 1000, q["sql"]) for q in queries.captured_queries), reverse=True
    )
    return len(found), sum(ms for ms, _sql in found), found[:3]


def report(label: str, times: list[float], baseline: float | None, sql: tuple) -> float:
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    ratio = f"{p50 / baseline:6.1f}x" if baseline else "   1.0x"
    count, total, _slowest = sql
    print(
        f"{label:<36} p50 {p50:8.2f} ms  p95 {p95:8.2f} ms  {ratio} baseline  "
        f"{count:3d} queries ({total:.0f} ms of SQL)"
    )
    return p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=360)
    parser.add_argument(
        "--sql", action="store_true", help="print each page's slowest queries even when fast"
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    sync_shipped_packs()
    sync_shipped()
    version = latest_version()
    if Network.objects.filter(slug=NETWORK_SLUG).exists():
        sys.exit(f"The network {NETWORK_SLUG!r} already exists: run on an empty database.")
    network = Network.objects.create(name="Réseau bench", slug=NETWORK_SLUG)
    animator = User.objects.create_user("animator@bench.example.org", None)
    NetworkRole.objects.create(user=animator, network=network, role=NetworkRole.Role.ANIMATOR)
    seeder = Seeder(network, version, random.Random(args.seed))

    staff, anonymous = Client(), Client()
    staff.force_login(animator)
    dashboard_url = reverse("network_dashboard", args=[network.slug])
    baselines = [("health check /healthz", reverse("health")), ("login page", "/accounts/login/")]

    # A tenth of the network first, to count the queries at a smaller scale.
    started = time.perf_counter()
    first = max(1, args.organisations // 10)
    organisation = seeder.add(first, real_latest=1)[0]
    assessment = seeder.submit_for_real(organisation)
    seeding = time.perf_counter() - started
    admin = organisation.memberships.get(role=OrgRole.ADMIN).user
    results_url = reverse("assessment_results", args=[organisation.slug, assessment.pk])
    owner = Client()
    owner.force_login(admin)
    measured = {DASHBOARD: (staff, dashboard_url), RESULTS: (owner, results_url)}
    small = {}
    for label, (client, url) in measured.items():
        try:
            for _ in range(args.warmup):
                timed_get(client, url)
            small[label] = captured(client, url)[0]
        except Exception:
            print(f"{label}: GET {url} failed with {first} organisations")
            traceback.print_exc()

    started = time.perf_counter()
    seeder.add(args.organisations - first)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a large load
    seeding += time.perf_counter() - started
    print(
        f"{connection.vendor}: {Organisation.objects.filter(network=network).count()} "
        f"organisations, {Assessment.objects.filter(status='submitted').count()} submitted "
        f"assessments, {ScoreSnapshot.objects.count()} snapshots, "
        f"{ScoreLine.objects.count()} score lines, {Adoption.objects.count()} adoptions, "
        f"{Action.objects.count()} actions; seeded in {seeding:.1f} s"
    )
    members = stats.members(network, {})
    scored = stats.current_snapshots(network, version, members).count()
    group = peers.peer_group(organisation, version, member.DEFAULT_CRITERIA)
    print(f"dashboard: {scored} members with scores of the last 24 months")
    print(f"results of {organisation.name} ({assessment.period}), peers: {group.description}")

    pages = [(label, client, url) for label, (client, url) in measured.items()] + [
        (label, anonymous, url) for label, url in baselines
    ]
    failed = set()
    for label, client, url in pages:
        try:
            for _ in range(args.warmup):
                timed_get(client, url)
        except Exception:
            print(f"{label}: GET {url} failed")
            traceback.print_exc()
            failed.add(label)
    queries = {}
    for label, client, url in pages:
        if label not in failed:
            queries[label] = captured(client, url)
    times: dict[str, list[float]] = {label: [] for label, _client, _url in pages}
    for _ in range(args.repeat):  # interleaved, so that load on the machine hits all alike
        for label, client, url in pages:
            if label not in failed:
                times[label].append(timed_get(client, url))

    baseline_label = baselines[0][0]
    baseline = statistics.median(times[baseline_label]) if baseline_label not in failed else None
    print(f"{args.repeat} requests each after {args.warmup} warm-ups:")
    for label, _client, _url in pages:
        if label in failed:
            continue
        p95 = report(label, times[label], baseline, queries[label])
        if args.sql or p95 > 1000:
            for ms, sql in queries[label][2]:
                print(f"  slow query, {ms:.0f} ms: {sql}")
    for label in measured:
        if label in small and label in queries:
            print(
                f"SQL queries, {label}: {small[label]} with {first} organisations, "
                f"{queries[label][0]} with {args.organisations}"
            )


if __name__ == "__main__":
    main()
