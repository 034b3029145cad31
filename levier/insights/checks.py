"""The maintained figures against the direct computation over score lines and
assessments: what `rebuild_network_figures --check` and the tests compare."""

import math

from levier.accounts.models import Organisation
from levier.insights import figures, peers
from levier.insights import network_stats as stats

TOLERANCE = 1e-9  # sums in another order differ in the last bits only


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def differences(network, version, organisations=None, filtered=False) -> list[str]:
    """What differs between a dashboard view's figures and the direct
    computation (an empty list when all agree)."""
    if organisations is None:
        organisations = Organisation.objects.filter(network=network)
    view = figures.View(network, version, organisations, filtered)
    pack = version.pack
    pillar_codes = [pillar.code for pillar in pack.pillars]
    snapshots = stats.current_snapshots(network, version, organisations)
    found = []

    def compare(what, maintained, direct):
        if not _same(maintained, direct):
            found.append(f"{network.slug} {version}: {what}: {maintained!r} != {direct!r}")

    compare("statuses", view.statuses(), stats.status_counts(organisations))
    compare(
        "years",
        [vars(f) for f in stats.year_figures(view, pillar_codes)],
        [vars(f) for f in stats.yearly_scores(version, organisations, pillar_codes)],
    )
    latest = view.latest()
    compare("scored", latest["scored"], snapshots.count())
    compare("spread", latest["buckets"], peers.distribution(snapshots))
    compare("questions", stats.improvement_figures(view), stats.improvement(snapshots))
    compare("themes", stats.theme_figures(view), stats.theme_scores(snapshots))
    maintained_plans = view.plans()
    direct_total, direct_themes = stats.plan_figures(organisations)
    compare("plans", maintained_plans[0], direct_total)
    compare(
        "plans by theme",
        sorted(maintained_plans[1], key=lambda row: row["theme_code"]),
        sorted(direct_themes, key=lambda row: row["theme_code"]),
    )
    compare(
        "practices",
        [(p.pk, n) for p, n in stats.top_adopted(view, limit=10_000)],
        [(p.pk, n) for p, n in stats.top_practices(organisations, limit=10_000)],
    )
    return found
