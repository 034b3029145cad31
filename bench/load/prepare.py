"""The database the load test runs against, and the handles its users sign in with.

    DATABASE_URL=postgres://.../levier_load_10000 python bench/load/prepare.py \
        --organisations 10000 --handles /tmp/handles.json

Run by bench/bench_load.py before it starts the stack. It migrates, collects
the static files and seeds the network at the asked scale once, through
bench/scale_seed.py (a database seeded before is reused: seeding 10,000
organisations takes minutes; every seeded person shares one password), then
makes sure of what the simulated people need, each time:

- a pool of member organisations whose latest assessment went through the
  real answering and submission path (the others' scores are drawn at random
  by the seed) and who have a draft assessment to answer, started the way a
  person starts one (pre-filled from the last one, answers to confirm);
- published public events, upcoming and past, for the public agenda.

It writes the handles (who signs in, with which password, and the pages'
addresses) as JSON for the locustfile.
"""

import argparse
import json
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django_bench

django_bench.setup()

import scale_seed  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from levier.accounts.models import Network, Organisation, User  # noqa: E402
from levier.assessments import demo as demo_answers  # noqa: E402
from levier.assessments import services  # noqa: E402
from levier.assessments.models import Answer, Assessment  # noqa: E402
from levier.events.models import Audience, Event, EventKind  # noqa: E402
from levier.frameworks.services import latest_version  # noqa: E402

DRAFT_PERIOD = "Load test"
PUBLIC_EVENTS = 24  # half past, half upcoming


def member_pool(network: Network, size: int, rng: random.Random) -> list[dict]:
    """The first ``size`` organisations, each with a real latest assessment (the
    seed draws the others' scores) and a draft to answer, as their admin starts one."""
    version = latest_version()
    pool = []
    for n in range(size):
        organisation = Organisation.objects.get(slug=scale_seed.member_slug(network, n))
        admin = User.objects.get(email=scale_seed.member_email(network, n))
        submitted = organisation.assessments.filter(status=Assessment.Status.SUBMITTED).order_by(
            "-submitted_at", "-pk"
        )
        latest = submitted.first()
        if not Answer.objects.filter(assessment=latest).exists():
            with transaction.atomic():
                year = timezone.localdate().year
                latest = services.start(organisation, version, f"{year}", admin)
                demo_answers.answer(latest, rng.uniform(0.3, 0.8), rng)
                services.submit(latest, admin)
        draft = organisation.assessments.filter(status=Assessment.Status.DRAFT).first()
        if draft is None:
            draft = services.start(organisation, version, DRAFT_PERIOD, admin)
        slug = organisation.slug
        pool.append(
            {
                "email": admin.email,
                "assessment": reverse("assessment_detail", args=[slug, draft.pk]),
                "themes": [
                    reverse("assessment_theme", args=[slug, draft.pk, theme.code])
                    for theme in draft.pack.themes
                ],
                "results": reverse("assessment_results", args=[slug, latest.pk]),
                "where_to_start": reverse("where_to_start", args=[slug, latest.pk]),
                "plan": reverse("plan_list", args=[slug]),
            }
        )
    return pool


def public_events(network: Network) -> list[str]:
    """Published public events of the network, half of them still to come."""
    events = Event.objects.filter(network=network, audience=Audience.PUBLIC, is_published=True)
    if events.count() < PUBLIC_EVENTS:
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        kinds = list(EventKind)
        Event.objects.bulk_create(
            Event(
                network=network,
                kind=kinds[n % len(kinds)],
                title=f"Rencontre ouverte {n + 1}",
                description="Un **atelier** ouvert à toutes les entreprises du territoire.",
                start=now + timedelta(days=14 * (n - PUBLIC_EVENTS // 2), hours=9),
                end=now + timedelta(days=14 * (n - PUBLIC_EVENTS // 2), hours=12),
                place="Maison des associations, Lyon",
                capacity=40 if n % 3 else None,
                audience=Audience.PUBLIC,
            )
            for n in range(PUBLIC_EVENTS)
        )
    upcoming = events.upcoming(timezone.now()).order_by("start")
    return [reverse("public_event", args=[pk]) for pk in upcoming.values_list("pk", flat=True)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, required=True)
    parser.add_argument("--members", type=int, default=100, help="organisations that sign in")
    parser.add_argument("--handles", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=360)
    args = parser.parse_args()
    call_command("compile_translations", verbosity=0)
    # Migrates, collects the static files, seeds once (bench/scale_seed.py).
    world = scale_seed.build(args.organisations, args.seed, progress=True)
    print(scale_seed.describe(world), flush=True)
    network = world["network"]
    started = time.perf_counter()
    members = member_pool(network, args.members, random.Random(args.seed))
    handles = {
        "password": world["password"],
        "animators": [world["animator"].email],
        "sign_in": reverse("account_login"),
        "dashboard": reverse("network_dashboard", args=[network.slug]),
        "improvement_report": reverse("improvement_report", args=[network.slug]),
        "public_agenda": reverse("public_agenda"),
        "floor": reverse("health"),
        "members": members,
        "public_events": public_events(network),
    }
    args.handles.write_text(json.dumps(handles, indent=1))
    print(
        f"{len(members)} member organisations and {len(handles['public_events'])} upcoming "
        f"public events ready in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


if __name__ == "__main__":
    main()
