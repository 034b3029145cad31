"""Carbon figures over a network's members, read from the database and
computed by ``levier.engine.carbon.aggregate`` under the anonymity rule of
``levier.engine.benchmarks`` (nothing over fewer than five organisations):

- ``network_footprint``: the network's footprint per year (members with a
  locked inventory, total, intensity quartiles), the categories that weigh
  most across members and how many cover each scope, for its animators;
- ``peers_context``: where a member's intensity stands among similar
  members' latest locked inventories, for its results page.

Only locked inventories count: their figures no longer move. Both read other
organisations' work inside the scope's ``aggregating`` block for the one
network concerned, and return plain figures, never a member's own.
"""

from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from levier.carbon import services
from levier.carbon.models import Inventory, InventoryLine, Post
from levier.engine import benchmarks
from levier.engine.carbon import aggregate as engine
from levier.engine.carbon.footprint import Line, line_emission
from levier.engine.carbon.posts import POSTS, SCOPES
from levier.insights import peers as insights_peers
from levier.tenancy.scope import current

# A peer's latest inventory counts when its year is at most this many years
# before the compared inventory's (a footprint is valid four years).
PEER_YEARS = 3
LINE_FIELDS = (
    "inventory_id",
    "pk",
    "post",
    "quantity",
    "unit",
    "amortisation_years",
    "factor__value",
    "factor__unit",
)


def aggregating(network_id):
    """The reader's scope widened to one network's work (the tests and tasks
    act as the system, which reaches everything already)."""
    scope = current()
    return scope.aggregating([network_id]) if scope is not None else nullcontext()


def _kg_by_inventory(lines_qs) -> dict[int, dict[str, float]]:
    """kgCO2e by category of each inventory, from its lines' raw values."""
    result: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for inventory_id, pk, post, quantity, unit, years, value, factor_unit in lines_qs.values_list(
        *LINE_FIELDS
    ).order_by():
        line = Line(
            key=pk,
            post=post,
            quantity=quantity,
            unit=unit,
            factor_value=value,
            factor_unit=factor_unit,
            amortisation_years=years if post == Post.FIXED_ASSETS else 1,
        )
        result[inventory_id][post] += line_emission(line).kg
    return result


def _records(inventories: list[dict], kg: dict[int, dict[str, float]]):
    return [
        engine.MemberFootprint(
            organisation=row["organisation_id"],
            year=row["year"],
            kg=sum(kg.get(row["pk"], {}).values()),
            kg_by_post=dict(kg.get(row["pk"], {})),
            headcount=row["headcount"],
            revenue_keur=row["revenue_keur"],
        )
        for row in inventories
    ]


# The network's footprint ----------------------------------------------------


@dataclass(frozen=True)
class PostWeight:
    post: str
    label: str
    tonnes: float
    share: float  # of the network's total, 0..1
    mean_share: float  # each member's share, averaged, 0..1

    @property
    def percent(self) -> float:
        return self.share * 100

    @property
    def mean_percent(self) -> float:
        return self.mean_share * 100


@dataclass(frozen=True)
class ScopeCoverage:
    scope: int
    members: int  # members whose inventory has emissions in the scope
    of: int

    @property
    def percent(self) -> float:
        return 100 * self.members / self.of if self.of else 0.0


@dataclass
class YearRow:
    figures: engine.YearAggregate
    change_percent: float | None = None  # of the median per employee, since the row before
    coverage: list[ScopeCoverage] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.figures.year

    @property
    def tonnes(self) -> float:
        return self.figures.kg / 1000

    @property
    def per_employee(self) -> engine.Spread | None:
        """Tonnes per employee."""
        spread = self.figures.per_employee
        return None if spread is None else _tonnes(spread)

    @property
    def per_keur(self) -> engine.Spread | None:
        """kgCO2e per k€ of revenue."""
        return self.figures.per_keur


def _tonnes(spread: engine.Spread) -> engine.Spread:
    return engine.Spread(spread.count, spread.q1 / 1000, spread.median / 1000, spread.q3 / 1000)


@dataclass
class NetworkFootprint:
    years: list[YearRow]
    posts: list[PostWeight]  # of the latest year shown, heaviest first (mean share)
    min_members: int = benchmarks.MIN_OTHERS

    @property
    def latest(self) -> YearRow | None:
        return self.years[-1] if self.years else None


def _coverage(members: dict, years: dict) -> dict[int, list[ScopeCoverage]]:
    result = {}
    for year in years:
        by_org = members.get(year, {})
        result[year] = [
            ScopeCoverage(
                scope,
                sum(
                    1
                    for posts in by_org.values()
                    if any(kg > 0 and POSTS[p].scope == scope for p, kg in posts.items())
                ),
                len(by_org),
            )
            for scope in SCOPES
        ]
    return result


def network_footprint(network) -> NetworkFootprint:
    """The network's footprint by year, in two queries whatever the number
    of members. Run inside the network's aggregating scope."""
    with aggregating(network.pk):
        locked = Inventory.objects.filter(
            organisation__network=network, status=Inventory.Status.LOCKED
        )
        inventories = list(
            locked.values("pk", "organisation_id", "year", "headcount", "revenue_keur")
        )
        kg = _kg_by_inventory(
            InventoryLine.objects.filter(
                inventory__organisation__network=network,
                inventory__status=Inventory.Status.LOCKED,
            )
        )
    records = _records(inventories, kg)
    years = engine.network_aggregate(records)
    members: dict[int, dict] = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
    for record in records:
        for post, post_kg in record.kg_by_post.items():
            members[record.year][record.organisation][post] += post_kg
    coverage = _coverage(members, years)
    rows = []
    for figures in years.values():
        row = YearRow(figures, coverage=coverage[figures.year])
        if rows and rows[-1].per_employee and row.per_employee and rows[-1].per_employee.median:
            before = rows[-1].per_employee.median
            row.change_percent = (row.per_employee.median - before) / before * 100
        rows.append(row)
    posts = []
    if rows:
        latest = rows[-1].figures
        posts = sorted(
            (
                PostWeight(
                    post,
                    str(Post(post).label),
                    latest.kg_by_post.get(post, 0.0) / 1000,
                    latest.post_shares.get(post, 0.0),
                    latest.mean_post_shares.get(post, 0.0),
                )
                for post in Post.values
                if latest.kg_by_post.get(post, 0.0) > 0
            ),
            key=lambda weight: (-weight.mean_share, -weight.share),
        )
    return NetworkFootprint(rows, posts)


# A member among its peers -----------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """One intensity against the peers'; quartiles in the shown unit."""

    mine: float
    position: engine.PeerPosition

    @property
    def below_percent(self) -> float:
        """Share of peers emitting less per unit."""
        return self.position.percentile


@dataclass
class PeerComparison:
    group: str  # the group in words, with its size
    widened: bool
    per_employee: Comparison | None  # tCO2e per employee
    per_keur: Comparison | None  # kgCO2e per k€
    reason: str = ""  # why nothing is shown
    min_members: int = benchmarks.MIN_OTHERS

    @property
    def shown(self) -> bool:
        return self.per_employee is not None or self.per_keur is not None


def _latest_per_organisation(rows: list[dict]) -> list[dict]:
    latest: dict[int, int] = {}
    for row in rows:
        org = row["organisation_id"]
        latest[org] = max(latest.get(org, row["year"]), row["year"])
    return [row for row in rows if row["year"] == latest[row["organisation_id"]]]


def _merged(records) -> list[engine.MemberFootprint]:
    """One footprint per organisation (its sites of the same year added up)."""
    by_org: dict = {}
    for record in records:
        seen = by_org.get(record.organisation)
        if seen is None:
            by_org[record.organisation] = record
            continue
        by_org[record.organisation] = engine.MemberFootprint(
            record.organisation,
            record.year,
            seen.kg + record.kg,
            {},
            _added(seen.headcount, record.headcount),
            _added(seen.revenue_keur, record.revenue_keur),
        )
    return list(by_org.values())


def _added(a, b):
    if a is None or b is None:
        return b if a is None else a
    return a + b


def _scaled(position: engine.PeerPosition | None, by: float) -> engine.PeerPosition | None:
    if position is None:
        return None
    return engine.PeerPosition(
        position.count,
        position.q1 / by,
        position.median / by,
        position.q3 / by,
        position.percentile,
    )


def peers_context(inventory: Inventory) -> PeerComparison:
    """The inventory's intensity per employee (and per k€ of revenue when
    known) against similar members' latest locked inventories: same network,
    same size band, widened to the whole network when fewer than five. Four
    queries whatever the number of members."""
    organisation = inventory.organisation
    own = services.footprint(inventory).total.kg
    own_per_employee = engine.intensity(own, inventory.headcount)
    own_per_keur = engine.intensity(own, inventory.revenue_keur)
    with aggregating(organisation.network_id):
        candidates = list(
            Inventory.objects.filter(
                organisation__network_id=organisation.network_id,
                status=Inventory.Status.LOCKED,
                year__gte=inventory.year - PEER_YEARS,
                year__lte=inventory.year,
            )
            .exclude(organisation_id=organisation.pk)
            .values(
                "pk",
                "organisation_id",
                "year",
                "headcount",
                "revenue_keur",
                "organisation__size_band",
            )
        )
        candidates = _latest_per_organisation(candidates)
        with_headcount = {r["organisation_id"] for r in candidates if r["headcount"]}
        same_size = {
            r["organisation_id"]
            for r in candidates
            if r["headcount"] and r["organisation__size_band"] == organisation.size_band
        }
        wanted = ("size",)
        choice = benchmarks.choose_group(
            wanted, {("size",): len(same_size), (): len(with_headcount)}
        )
        if choice is None:
            return PeerComparison(
                "",
                False,
                None,
                None,
                reason=_(
                    "Fewer than %(min)s other members of your network have a locked "
                    "footprint with their headcount: no comparison yet, so that nobody's "
                    "figures can be guessed."
                )
                % {"min": benchmarks.MIN_OTHERS},
            )
        group_ids = same_size if choice.criteria else with_headcount
        chosen = [r for r in candidates if r["organisation_id"] in group_ids]
        chosen_lines = InventoryLine.objects.filter(inventory__in=[r["pk"] for r in chosen])
        kg = _kg_by_inventory(chosen_lines)
    peers = _merged(_records(chosen, kg))
    per_employee = engine.peer_position(
        own_per_employee, [engine.intensity(p.kg, p.headcount) for p in peers]
    )
    per_keur = engine.peer_position(
        own_per_keur, [engine.intensity(p.kg, p.revenue_keur) for p in peers]
    )
    return PeerComparison(
        group=insights_peers.describe(organisation, choice.criteria, len(peers)),
        widened=choice.widened,
        per_employee=Comparison(own_per_employee / 1000, _scaled(per_employee, 1000))
        if per_employee
        else None,
        per_keur=Comparison(own_per_keur, per_keur) if per_keur else None,
        reason=""
        if own_per_employee is not None
        else _("Give the inventory's headcount to compare it with your peers."),
    )
