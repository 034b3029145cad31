"""Practice search over 50,000 practices: p50 and p95, against a plain
``icontains`` scan measured interleaved in the same run, and the query plan.

    .venv/bin/python bench/bench_search.py                    # SQLite, temporary folder
    DATABASE_URL=postgres://.../scratch .venv/bin/python bench/bench_search.py
    .venv/bin/python bench/bench_search.py --practices 5000   # quicker

It builds its own database (never the one in data/) and fills it with
practices written from a Zipf-distributed vocabulary, as real text is: a few
words in nearly every practice ("plan", "action"), most in a handful, and
French stop words between them. Two sets of queries are timed: selective ones
(the words of real searches), and the worst case, words or prefixes found in
most practices. For each: the search alone (the ranked page of twenty ids and
the count the page shows), the whole library page (``/practices/?q=...``
through Django), and the baseline. The issue's target: search p95 under 30 ms
on both databases. The plan of the ranked query is printed for one query of
each set, to show the full-text index at work. Beside each wall-clock figure,
the CPU time of this process: on SQLite the engine runs in it, so that figure
stays meaningful when other work shares the machine (the load average is
printed before and after).
"""

import argparse
import itertools
import os
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
from levier.practices.search import RankedSearch  # noqa: E402

TARGET_P95_MS = 30

# Real words of the library, at chosen ranks of the vocabulary: rank 1 is in
# nearly every practice, rank 300 in one in thirty, rank 3000 in one in 300.
RANKED_WORDS = {
    1: "plan",
    2: "action",
    3: "salariés",
    5: "entreprise",
    8: "démarche",
    12: "équipe",
    20: "formation",
    35: "énergie",
    60: "mobilité",
    90: "achats",
    120: "bilan",
    150: "carbone",
    200: "locaux",
    260: "handicap",
    400: "égalité",
    500: "recrutement",
    700: "télétravail",
    900: "paiement",
    1100: "délais",
    1400: "charte",
    1800: "vélos",
    2200: "mécénat",
    2600: "fondation",
    3000: "compétences",
    4000: "cv",
    5000: "réemploi",
}
VOCABULARY_SIZE = 8000
STOP_WORDS = ["de", "la", "les", "des", "pour", "et", "en", "du", "un", "une", "avec", "sur"]
SELECTIVE = [
    "recrutement sans cv",
    "egalite",
    "vélos",
    "charte de télétravail",
    "bilan carbone",
    "achats locaux",
    "handicap formation",
    "délais de paiement",
    "compét",
    "fondation mécénat",
]
WORST_CASE = ["plan", "action", "plan d'action des salariés", "pla", "entreprise"]
SYLLABLES = [c + v for c in "bcdfglmnprstv" for v in ["a", "e", "i", "o", "u", "é", "ou", "on"]]


def vocabulary(rng: random.Random) -> list[str]:
    """VOCABULARY_SIZE made-up words, the real ones at their ranks."""
    real = set(RANKED_WORDS.values())
    made_up = set()
    while len(made_up) < VOCABULARY_SIZE:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in real:
            made_up.add(word)
    ordered = sorted(made_up)
    rng.shuffle(ordered)
    for rank, word in sorted(RANKED_WORDS.items()):
        ordered.insert(rank - 1, word)
    return ordered[:VOCABULARY_SIZE]


class Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = vocabulary(rng)
        self.cumulative = list(
            itertools.accumulate(1 / rank for rank in range(1, VOCABULARY_SIZE + 1))
        )

    def text(self, count: int) -> str:
        """``count`` words, one in three a stop word, as French prose has."""
        content = self.rng.choices(self.words, cum_weights=self.cumulative, k=count)
        out = []
        for word in content:
            if self.rng.random() < 0.35:
                out.append(self.rng.choice(STOP_WORDS))
            out.append(word)
        return " ".join(out)


def fill(count: int, rng: random.Random) -> None:
    writer = Writer(rng)
    batch = []
    for n in range(count):
        practice = Practice(
            code=f"bench-{n}",
            title=writer.text(rng.randint(3, 7)).capitalize(),
            summary=writer.text(25),
            steps="\n".join(writer.text(8) for _ in range(4)),
            results=writer.text(30),
            effort=rng.choice(["low", "medium", "high"]),
            cost=rng.choice(["none", "low", "medium", "high"]),
            themes=[rng.choice(["SOC-DIV", "ENV-MOB", "ENV-CLI", "GOV-LOC"])],
            status=Practice.Status.PUBLISHED,
            is_public=True,
        )
        practice.search_document = practice.build_search_document()
        batch.append(practice)
        if len(batch) == 1000:
            Practice.objects.bulk_create(batch)
            batch = []
    Practice.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE practices_practice")
        else:
            cursor.execute(
                "INSERT INTO practices_practice_fts(practices_practice_fts) VALUES ('optimize')"
            )
            cursor.execute("ANALYZE")


def search_page(query: str) -> None:
    """What the library page asks of the search: its twenty ids and the count."""
    search = RankedSearch(Practice.objects.published(), query)
    search.ids(20)
    search.count()


def library_page(client_and_query: tuple[Client, str]) -> None:
    client, query = client_and_query
    assert client.get("/practices/", {"q": query}).status_code == 200


def baseline(query: str) -> None:
    list(Practice.objects.filter(Q(title__icontains=query) | Q(summary__icontains=query))[:20])


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def show_plan(query: str) -> None:
    sql, params = RankedSearch(Practice.objects.published(), query).sql(20)
    print(f"\nplan of the ranked search for {query!r}:")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        for row in cursor.fetchall():
            print("   ", row[-1])


def run(label: str, queries: list[str], client: Client, repeat: int) -> float:
    """Times the three interleaved, query after query, ``repeat`` rounds."""
    times = {"search": [], "page": [], "baseline": []}
    processor = {"search": [], "page": [], "baseline": []}
    for _ in range(repeat):
        for query in queries:
            for name, call, argument in [
                ("search", search_page, query),
                ("page", library_page, (client, query)),
                ("baseline", baseline, query),
            ]:
                start, start_cpu = time.perf_counter(), time.process_time()
                call(argument)
                times[name].append((time.perf_counter() - start) * 1000)
                processor[name].append((time.process_time() - start_cpu) * 1000)
    print(f"\n{label}: {', '.join(queries)}")
    results = {}
    for name, title in [
        ("search", "search alone (ranked page of 20 + count)"),
        ("page", "library page /practices/?q=… (whole request)"),
        ("baseline", "baseline: icontains on title and summary"),
    ]:
        p50, p95 = percentiles(times[name])
        cpu_p50, cpu_p95 = percentiles(processor[name])
        results[name] = (p50, p95)
        print(
            f"  {title:<46} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms"
            f"   (this process's CPU: p50 {cpu_p50:6.2f} ms, p95 {cpu_p95:6.2f} ms)"
        )
    search_p95 = results["search"][1]
    print(
        f"  search vs icontains (p95): {search_p95 / results['baseline'][1]:.2f}x; "
        f"search p95 {search_p95:.1f} ms, target under {TARGET_P95_MS} ms: "
        f"{'met' if search_p95 < TARGET_P95_MS else 'MISSED'}"
    )
    return search_p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--practices", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("sync_frameworks", verbosity=0)
    if Practice.objects.filter(code__startswith="bench-").count() != args.practices:
        Practice.objects.filter(code__startswith="bench-").delete()
        fill(args.practices, random.Random(50000))
    published = Practice.objects.published()
    print(f"{connection.vendor}: {published.count()} published practices")
    for query in SELECTIVE + WORST_CASE:
        search = RankedSearch(published, query)
        print(f"  {query!r}: {search.count()} listed")

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")
    client = Client()
    assert client.get("/practices/", {"q": SELECTIVE[0]}).status_code == 200
    run("selective queries", SELECTIVE, client, args.repeat)
    run("worst case, words in most practices", WORST_CASE, client, args.repeat)
    show_plan(SELECTIVE[0])
    show_plan(WORST_CASE[0])
    print(f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")


if __name__ == "__main__":
    main()
