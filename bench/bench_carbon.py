"""The carbon engine at the design scale: an inventory of 2,000 lines, and a
network's footprint over 1,000 members, p50 and p95, each against a plain
loop baseline in the same run.

    .venv/bin/python bench/bench_carbon.py [--lines 2000] [--members 1000] [--repeat 30]

Pure engine, no database. The inventory's lines are drawn over every post,
with their quantities typed in any unit compatible with their factor's (litres
for a factor per m³, k€ for one per €...), as members type them. Its baseline
is quantity × factor summed in a for loop, the quantity already in the
factor's unit: no conversion, no grouping, no uncertainty. The network's
members have 1 to 6 years each (2020-2025), up to 8 posts, a headcount and a
revenue most of the time; its baseline sums by year and post in a loop and
takes the intensities' quartiles with ``statistics.quantiles``. Both ways'
results are compared.
"""

import argparse
import math
import random
import statistics
import time
from collections import defaultdict

from levier.engine.carbon import aggregate, footprint, units
from levier.engine.carbon.posts import POSTS

YEARS = range(2020, 2026)


def synthetic_lines(rng: random.Random, count: int) -> list[footprint.Line]:
    lines = []
    posts = sorted(POSTS)
    for index in range(count):
        post = rng.choice(posts)
        factor_unit = rng.choice(POSTS[post].units)
        unit = rng.choice(units.compatible_units(factor_unit))
        lines.append(
            footprint.Line(
                key=index,
                post=post,
                quantity=rng.lognormvariate(6, 2),
                unit=unit,
                factor_value=rng.lognormvariate(-1, 2),
                factor_unit=factor_unit,
                factor_uncertainty=rng.choice((0.05, 0.1, 0.2, 0.3, 0.5)),
                data_uncertainty=rng.choice((0.05, 0.30, 0.50)),
                amortisation_years=rng.randint(3, 10) if post == "fixed_assets" else 1,
            )
        )
    return lines


def synthetic_members(rng: random.Random, count: int) -> list[aggregate.MemberFootprint]:
    records = []
    posts = sorted(POSTS)
    for organisation in range(count):
        headcount = max(1, int(rng.lognormvariate(3, 1.2)))
        revenue = headcount * rng.uniform(60, 250)
        for year in rng.sample(YEARS, rng.randint(1, len(YEARS))):
            by_post = {
                post: rng.lognormvariate(9, 1.5) for post in rng.sample(posts, rng.randint(1, 8))
            }
            records.append(
                aggregate.MemberFootprint(
                    organisation,
                    year,
                    math.fsum(by_post.values()),
                    by_post,
                    headcount if rng.random() > 0.1 else None,
                    revenue if rng.random() > 0.2 else None,
                )
            )
    return records


def inventory_baseline(rows: list[tuple[float, float]]) -> float:
    """Quantity (already in the factor's unit) × factor, summed in a loop."""
    kg = 0.0
    for quantity, factor_value in rows:
        kg += quantity * factor_value
    return kg


def network_baseline(records: list[aggregate.MemberFootprint]) -> dict:
    """Sums by year and post, and the intensities' quartiles, in plain loops."""
    totals: dict[int, float] = defaultdict(float)
    posts: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    per_employee: dict[int, list[float]] = defaultdict(list)
    per_keur: dict[int, list[float]] = defaultdict(list)
    for record in records:
        totals[record.year] += record.kg
        for post, kg in record.kg_by_post.items():
            posts[record.year][post] += kg
        if record.headcount:
            per_employee[record.year].append(record.kg / record.headcount)
        if record.revenue_keur:
            per_keur[record.year].append(record.kg / record.revenue_keur)
    return {
        year: (
            totals[year],
            posts[year],
            statistics.quantiles(per_employee[year], n=4, method="inclusive"),
            statistics.quantiles(per_keur[year], n=4, method="inclusive"),
        )
        for year in totals
    }


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return (time.perf_counter() - start) * 1000


def report(label: str, times: list[float], baseline: float | None = None) -> float:
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    ratio = f"{p50 / baseline:7.1f}x baseline" if baseline else "   (baseline)"
    print(f"{label:<52} p50 {p50:8.3f} ms  p95 {p95:8.3f} ms  {ratio}")
    return p50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    rng = random.Random(options.seed)

    lines = synthetic_lines(rng, options.lines)
    # The baseline gets its quantities already in the factor's unit: the
    # conversion is part of what the engine does and the loop does not.
    rows = [(footprint.activity_in_factor_unit(line), line.factor_value) for line in lines]
    records = synthetic_members(rng, options.members)

    engine = footprint.compute(lines)
    plain = inventory_baseline(rows)
    assert math.isclose(engine.total.kg, plain, rel_tol=1e-9), (engine.total.kg, plain)
    network = aggregate.network_aggregate(records)
    loops = network_baseline(records)
    assert network.keys() == loops.keys()
    for year, figures in network.items():
        kg, _posts, employee, _keur = loops[year]
        assert math.isclose(figures.kg, kg, rel_tol=1e-9)
        assert math.isclose(figures.per_employee.median, employee[1], rel_tol=1e-9)

    units_used = len({line.unit for line in lines})
    print(
        f"inventory: {len(lines)} lines over {len(POSTS)} posts, typed in {units_used} units; "
        f"network: {options.members} members, {len(records)} yearly footprints over "
        f"{len(network)} years; {options.repeat} runs each, interleaved"
    )
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(options.repeat):  # interleaved, so that load on the machine hits all alike
        times["compute"].append(timed(footprint.compute, lines))
        times["inventory loop"].append(timed(inventory_baseline, rows))
        times["aggregate"].append(timed(aggregate.network_aggregate, records))
        times["network loop"].append(timed(network_baseline, records))
    loop = report("baseline: quantity x factor summed in a loop", times["inventory loop"])
    report("footprint.compute (units, 6 groupings, uncertainty)", times["compute"], loop)
    loop = report("baseline: sums and quartiles in plain loops", times["network loop"])
    report("aggregate.network_aggregate (anonymity, shares)", times["aggregate"], loop)


if __name__ == "__main__":
    main()
