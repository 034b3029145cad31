"""Search over 5,000 practices: p50 and p95, against a plain LIKE scan in the same run.

    .venv/bin/python bench/bench_search.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://.../scratch .venv/bin/python bench/bench_search.py

It builds its own database (never the one in data/), fills it with
practices made from a French vocabulary, then times, for a set of queries:
the library page (``/practices/?q=...``, rendered through Django), the search
query alone, and, as a baseline, ``icontains`` on title and summary.
"""

import argparse
import random
import statistics
import time

import django_bench

django_bench.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402

from levier.practices.models import Practice  # noqa: E402
from levier.practices.search import ranked_ids  # noqa: E402

WORDS = [
    "recrutement",
    "sans",
    "cv",
    "mise",
    "situation",
    "égalité",
    "femmes",
    "hommes",
    "vélo",
    "vélos",
    "flotte",
    "partagée",
    "télétravail",
    "charte",
    "mobilité",
    "plan",
    "covoiturage",
    "achats",
    "locaux",
    "responsables",
    "fournisseurs",
    "délais",
    "paiement",
    "insertion",
    "handicap",
    "formation",
    "entretiens",
    "annuels",
    "compétences",
    "carbone",
    "bilan",
    "énergie",
    "renouvelable",
    "déchets",
    "tri",
    "réemploi",
    "emballages",
    "biodiversité",
    "eau",
    "jardin",
    "raison",
    "être",
    "mission",
    "comité",
    "gouvernance",
    "parties",
    "prenantes",
    "mécénat",
    "fondation",
    "bénévolat",
    "santé",
    "sécurité",
    "bien-être",
    "enquête",
    "anonyme",
    "engagement",
    "causeries",
    "données",
    "personnelles",
    "clients",
    "satisfaction",
    "accessibilité",
    "numérique",
    "sobriété",
    "partage",
    "valeur",
    "intéressement",
]
QUERIES = [
    "recrutement sans cv",
    "egalite",
    "vélos",
    "charte de télétravail",
    "bilan carbone",
    "achats locaux",
    "handicap formation",
    "delais de paiement",
    "compét",
    "fondation mécénat",
]


def fill(count: int, rng: random.Random) -> None:
    practices = []
    for n in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()
        practice = Practice(
            code=f"bench-{n}",
            title=title,
            summary=" ".join(rng.choice(WORDS) for _ in range(25)),
            steps="\n".join(" ".join(rng.choice(WORDS) for _ in range(8)) for _ in range(4)),
            results=" ".join(rng.choice(WORDS) for _ in range(30)),
            effort=rng.choice(["low", "medium", "high"]),
            cost=rng.choice(["none", "low", "medium", "high"]),
            themes=[rng.choice(["SOC-DIV", "ENV-MOB", "ENV-CLI", "GOV-LOC"])],
            status=Practice.Status.PUBLISHED,
            is_public=True,
        )
        practice.search_document = practice.build_search_document()
        practices.append(practice)
    Practice.objects.bulk_create(practices, batch_size=500)


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> float:
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(f"{label:<44} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
    return p50


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("sync_frameworks", verbosity=0)
    Practice.objects.filter(code__startswith="bench-").delete()
    fill(args.count, random.Random(5000))
    print(f"{connection.vendor}: {Practice.objects.count()} practices")

    client = Client()
    assert client.get("/practices/", {"q": QUERIES[0]}).status_code == 200
    page_times, search_times, like_times = [], [], []
    for query in QUERIES:
        page_times += timed(lambda q=query: client.get("/practices/", {"q": q}), args.repeat)
        search_times += timed(
            lambda q=query: ranked_ids(Practice.objects.published(), q)[:20],
            args.repeat,
        )
        like_times += timed(
            lambda q=query: list(
                Practice.objects.filter(Q(title__icontains=q) | Q(summary__icontains=q))[:20]
            ),
            args.repeat,
        )
    page = report("library page /practices/?q=… (whole request)", page_times)
    indexed = report("full-text search, every match ranked", search_times)
    baseline = report("baseline: icontains on title and summary", like_times)
    print(f"full-text search vs icontains (p50): {indexed / baseline:.2f}x the time")
    print(f"page vs search alone (p50): {page / indexed:.1f}x the time")


if __name__ == "__main__":
    main()
