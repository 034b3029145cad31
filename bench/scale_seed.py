"""One network at scale for the benchmarks: seeded once, then reused.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/levier_me \\
        .venv/bin/python bench/scale_seed.py --organisations 10000 [--seed 360]

Interface (kept stable: bench_insights, bench_pages and the locust scenario use it)::

    import django_bench
    django_bench.setup()
    import scale_seed
    world = scale_seed.build(10_000)          # seeds, or reuses a complete seed

``build(organisations, seed=360, progress=False, static=True)`` migrates the
database, syncs the shipped framework packs and practices, collects static
files unless their manifest is there (``static=False`` skips it; set
LEVIER_DATA_DIR to a lasting folder to pay it once), then fills one network named
``scale-<organisations>-<seed>`` (several sizes can live side by side in one
database, e.g. 1,000 and 10,000 to count queries at two sizes). It returns a
dict:

- ``network``: the Network; ``version``: the FrameworkVersion (levier-360, latest);
- ``animator``: a User, animator of the network; ``password``: the password of
  every user seeded (animator and all organisation admins);
- ``organisation``: the measured Organisation (the first one: 35 people, NAF
  62.01Z, Île-de-France, a common profile with many peers); ``admin``: its admin
  User; ``assessment``: its latest assessment, answered and submitted through the
  real path (``services.submit``), so its results page is the real one;
- ``organisations``: how many; ``reused``: True when the seed was already there;
  ``seconds``: the time spent seeding (0 when reused).

Organisation number ``n`` (0 <= n < organisations) has the slug
``member_slug(network, n)`` and one admin whose email is
``member_email(network, n)``, password ``PASSWORD``.

Each organisation has a size, sector and region drawn like a CSR network's,
ten submitted assessments of levier-360 over five years (two a year) with
their stored scores (a current snapshot and its pillar, theme and question
lines, drawn at random rather than computed by the engine), 0-8 adopted
practices, 0-6 actions, and 30 % consent to share with the network. At
10,000 organisations: 100,000 assessments, about 8.9 million score lines.

The seed is complete when the network's description carries ``MARKER``
(written last); a network of that name without it (an interrupted seed) is
refused: use an empty database. After seeding, the maintained network figures
are rebuilt (``manage.py rebuild_network_figures --network <slug>``; also when
a complete seed is reused without them), and on PostgreSQL the
tables analysed, as autovacuum would after a large load. Score lines go to
PostgreSQL by COPY; other rows by ``bulk_create`` in large batches.
"""

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

if __name__ == "__main__":
    import django_bench

    django_bench.setup()

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command, get_commands
from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from levier.accounts import naf
from levier.accounts.models import (
    Membership,
    Network,
    NetworkRole,
    Organisation,
    OrgRole,
    User,
)
from levier.accounts.regions import Region
from levier.assessments import demo as demo_answers
from levier.assessments import services
from levier.assessments.models import Assessment, ScoreLine, ScoreSnapshot
from levier.engine.packs import TEXT
from levier.engine.profile import Profile, applies
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.insights.models import NetworkFigures, Sharing
from levier.plans.models import Action
from levier.practices.exchange import sync_shipped
from levier.practices.models import Adoption, Practice

PASSWORD = "levier-bench-360"
MARKER = "scale_seed: complete"
REBUILD_COMMAND = "rebuild_network_figures"
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
CHUNK = 500  # organisations seeded per transaction
BATCH = 2000  # rows per INSERT


def network_slug(organisations: int, seed: int) -> str:
    return f"scale-{organisations}-{seed}"


def member_slug(network, n: int) -> str:
    return f"{network.slug}-org-{n:05d}"


def member_email(network, n: int) -> str:
    return f"admin-{n:05d}@{network.slug}.example.org"


def animator_email(network) -> str:
    return f"animator@{network.slug}.example.org"


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


def write_lines(rows: list[tuple]) -> None:
    """Score lines as (snapshot_id, level, code, score, status, lost): COPY on
    PostgreSQL (ten times faster than INSERT for millions of rows)."""
    if connection.vendor == "postgresql":
        columns = "snapshot_id, level, code, score, status, lost"
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {ScoreLine._meta.db_table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    for start in range(0, len(rows), BATCH):
        ScoreLine.objects.bulk_create(
            [
                ScoreLine(
                    snapshot_id=snapshot_id,
                    level=level,
                    code=code,
                    score=score,
                    status=status,
                    lost=lost,
                )
                for snapshot_id, level, code, score, status, lost in rows[start : start + BATCH]
            ]
        )


class Seeder:
    """Fills one network, organisation by organisation, in chunks."""

    def __init__(self, network, version, rng: random.Random, password_hash: str):
        self.network = network
        self.version = version
        self.pack = version.pack
        self.rng = rng
        self.now = timezone.now()
        self.password = password_hash  # hashed once: hashing 10,000 times would take minutes
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
                    name=f"Organisation {n:05d}",
                    slug=member_slug(self.network, n),
                    headcount=headcount,
                    naf_code=naf_code,
                    naf_section=naf.lookup(naf_code).section,
                    region=region,
                    is_ess=rng.random() < 0.2,
                    is_mission=rng.random() < 0.1,
                    is_bcorp=rng.random() < 0.05,
                )
            )
        first = self.seeded
        self.seeded += count
        created = Organisation.objects.bulk_create(rows, batch_size=BATCH)
        return list(zip(range(first, first + count), created, strict=True))

    def admins(self, numbered) -> dict[int, User]:
        users = User.objects.bulk_create(
            [
                User(
                    email=member_email(self.network, n),
                    full_name=f"Admin {organisation.name}",
                    password=self.password,
                )
                for n, organisation in numbered
            ],
            batch_size=BATCH,
        )
        Membership.objects.bulk_create(
            [
                Membership(user=user, organisation=organisation, role=OrgRole.ADMIN)
                for user, (_n, organisation) in zip(users, numbered, strict=True)
            ],
            batch_size=BATCH,
        )
        return {
            organisation.pk: user for user, (_n, organisation) in zip(users, numbered, strict=True)
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
        pillar, theme, question = (
            ScoreLine.Level.PILLAR.value,
            ScoreLine.Level.THEME.value,
            ScoreLine.Level.QUESTION.value,
        )
        lines = []
        for snapshot, (pillars, themes, codes, level) in zip(snapshots, plans, strict=True):
            pk = snapshot.pk
            lines += [(pk, pillar, code, value, "", None) for code, value in pillars.items()]
            lines += [
                (pk, theme, code, value, status, None) for code, (value, status) in themes.items()
            ]
            lines += [
                (
                    pk,
                    question,
                    code,
                    None,
                    "",
                    0.0 if rng.random() < level else round(rng.uniform(0.05, 2.5), 2),
                )
                for code in codes
            ]
        write_lines(lines)
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

    def add(self, count: int, real_latest: int = 0, progress: bool = False) -> None:
        """Seed ``count`` organisations; the first ``real_latest`` of them leave their
        latest assessment to `submit_for_real`."""
        started = time.perf_counter()
        for start in range(0, count, CHUNK):
            with transaction.atomic():
                numbered = self.organisations(min(CHUNK, count - start))
                organisations = [organisation for _n, organisation in numbered]
                admins = self.admins(numbered)
                real = {o.pk for o in organisations[: max(0, real_latest - start)]}
                self.scores(self.assessments(organisations, admins, real))
                self.extras(organisations, admins)
            if progress:
                print(
                    f"  {self.seeded} organisations in {time.perf_counter() - started:.0f} s",
                    flush=True,
                )

    def submit_for_real(self, organisation) -> Assessment:
        """The latest assessment, answered and submitted the way people do it."""
        admin = organisation.memberships.get(role=OrgRole.ADMIN).user
        year, half = year_span()[-1], PER_YEAR - 1
        assessment = services.start(organisation, self.version, f"{year} S{half + 1}", admin)
        demo_answers.answer(assessment, 0.55, random.Random(2026))
        with transaction.atomic():
            services.submit(assessment, admin)
        moment = random_moment(self.rng, year, half, self.now)
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=moment - timedelta(days=21), submitted_at=moment
        )
        ScoreSnapshot.objects.filter(assessment=assessment).update(
            created_at=moment, year=timezone.localtime(moment).year
        )
        return assessment


def prepare(static: bool = True) -> None:
    """Tables, the shipped packs and practices, and (for pages) static files: idempotent.
    Collecting static files compresses each (minutes on a loaded machine): it is
    skipped when the manifest is already there (a persistent LEVIER_DATA_DIR)."""
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # rate-limit counters without Redis
    if static and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    sync_shipped_packs()
    sync_shipped()


def rebuild_maintained_figures(network) -> float:
    """What the application maintains at each submission, rebuilt after a bulk load
    (which bypasses submission); the seconds it took."""
    started = time.perf_counter()
    if REBUILD_COMMAND in get_commands():
        call_command(REBUILD_COMMAND, network=[network.slug], verbosity=0)
    return time.perf_counter() - started


def analyse() -> None:
    """What autovacuum does after a large load, at once."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def handles(network, version, seconds: float, reused: bool) -> dict:
    organisation = Organisation.objects.get(slug=member_slug(network, 0))
    admin = User.objects.get(email=member_email(network, 0))
    assessment = (
        Assessment.objects.filter(organisation=organisation, status=Assessment.Status.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )
    return {
        "network": network,
        "version": version,
        "animator": User.objects.get(email=animator_email(network)),
        "password": PASSWORD,
        "organisation": organisation,
        "admin": admin,
        "assessment": assessment,
        "organisations": Organisation.objects.filter(network=network).count(),
        "reused": reused,
        "seconds": seconds,
    }


def build(
    organisations: int, seed: int = 360, progress: bool = False, static: bool = True
) -> dict:
    """The network of ``organisations`` members, seeded once (see the module's docstring).
    ``static=False`` skips collecting static files (not needed to seed only)."""
    prepare(static)
    version = latest_version()
    slug = network_slug(organisations, seed)
    network = Network.objects.filter(slug=slug).first()
    if network is not None:
        if network.description != MARKER:
            sys.exit(
                f"The network {slug!r} was left half-seeded (no completion marker): "
                "seed into an empty database."
            )
        if not NetworkFigures.objects.filter(network=network).exists():
            # Seeded before the figures were maintained: build them once.
            rebuild_maintained_figures(network)
            analyse()
        return handles(network, version, 0.0, reused=True)

    started = time.perf_counter()
    network = Network.objects.create(name=f"Réseau à l’échelle ({organisations})", slug=slug)
    seeder = Seeder(network, version, random.Random(seed), make_password(PASSWORD))
    seeder.add(organisations, real_latest=1, progress=progress)
    seeder.submit_for_real(Organisation.objects.get(slug=member_slug(network, 0)))
    rebuilt = rebuild_maintained_figures(network)
    if progress:
        print(f"  maintained figures rebuilt in {rebuilt:.1f} s", flush=True)
    analyse()
    with transaction.atomic():
        animator = User.objects.create_user(animator_email(network), PASSWORD)
        NetworkRole.objects.create(user=animator, network=network, role=NetworkRole.Role.ANIMATOR)
        Network.objects.filter(pk=network.pk).update(description=MARKER)
    network.refresh_from_db()
    return handles(network, version, time.perf_counter() - started, reused=False)


def describe(world: dict) -> str:
    network = world["network"]
    state = "reused" if world["reused"] else f"seeded in {world['seconds']:.1f} s"
    return "\n".join(
        [
            f"{connection.vendor}: network {network.slug!r}, "
            f"{world['organisations']} organisations ({state})",
            f"animator: {world['animator'].email}  password: {world['password']}",
            f"measured organisation: {world['organisation'].slug}, admin {world['admin'].email}, "
            f"assessment {world['assessment'].pk} ({world['assessment'].period})",
            f"member n: slug {member_slug(network, 0)[:-5]}NNNNN, "
            f"admin {member_email(network, 0).replace('00000', 'NNNNN')}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=360)
    args = parser.parse_args()
    if connection.vendor == "sqlite" and "LEVIER_DATA_DIR" not in os.environ:
        print("Note: SQLite in a temporary folder, removed at exit; set DATABASE_URL.")
    print(describe(build(args.organisations, args.seed, progress=True, static=False)))


if __name__ == "__main__":
    main()
