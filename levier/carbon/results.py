"""What the results page and the exports show of an inventory, built once
from ``services.footprint``: totals with their range, by GHG Protocol scope
and scope 3 category, by BEGES category and post, by Levier category, the
items that weigh most, intensities, data quality, the same site's other
years, the factors used and the plan's reductions.

Three queries whatever the number of lines: the site's inventories, their
lines with their factors, the reductions with their actions.
Figures are kept in kgCO2e; rows give tonnes for display.
"""

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from levier.carbon import labels, services
from levier.carbon.models import (
    CarbonReduction,
    DataQuality,
    EmissionFactor,
    Inventory,
    InventoryLine,
    Post,
)
from levier.engine.carbon.footprint import Emission, Footprint, total
from levier.engine.carbon.posts import BEGES_CATEGORIES, GHG_CATEGORIES, SCOPES

TOP_COUNT = 5


@dataclass
class Row:
    """A figure with its range and its share of the inventory's total."""

    code: object
    label: str
    emission: Emission
    share: float = 0.0  # of the inventory's total, 0-1

    @property
    def kg(self) -> float:
        return self.emission.kg

    @property
    def tonnes(self) -> float:
        return self.emission.kg / 1000

    @property
    def uncertainty_tonnes(self) -> float:
        return self.emission.uncertainty_kg / 1000

    @property
    def low_tonnes(self) -> float:
        return self.emission.low / 1000

    @property
    def high_tonnes(self) -> float:
        return self.emission.high / 1000

    @property
    def uncertainty_percent(self) -> float:
        return self.emission.relative_uncertainty * 100

    @property
    def percent(self) -> float:
        return self.share * 100


@dataclass
class BegesCategory:
    row: Row
    posts: list[Row]


@dataclass
class Item:
    """One of the lines that weigh most."""

    line: InventoryLine
    row: Row

    @property
    def post_label(self) -> str:
        return labels.post_label(self.line.post)


@dataclass
class Year:
    """An inventory of the same site, for the year-on-year comparison."""

    inventory: Inventory
    total: Emission
    scopes: dict[int, Emission]
    is_current: bool = False
    change_percent: float | None = None  # against the year before in the list
    scope_changes: dict[int, float | None] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.inventory.year

    @property
    def tonnes(self) -> float:
        return self.total.kg / 1000

    @property
    def scope_tonnes(self) -> list[float]:
        return [self.scopes[scope].kg / 1000 for scope in SCOPES]

    @property
    def scope_cells(self) -> list[tuple[float, float | None]]:
        return [(self.scopes[s].kg / 1000, self.scope_changes.get(s)) for s in SCOPES]


@dataclass
class Quality:
    code: str
    label: str
    lines: int
    row: Row
    data_uncertainty_percent: float


@dataclass
class FactorUsed:
    factor: EmissionFactor
    name: str
    unit: str  # its symbol
    lines: int

    @property
    def value_text(self) -> str:
        """The value with its significant digits (0,052 rather than 0,052000)."""
        return number_format(Decimal(f"{self.factor.value:.8g}"), use_l10n=True)


@dataclass
class Reduction:
    title: str
    status: str
    post_label: str
    projected_tonnes: float


@dataclass
class LineResult:
    line: InventoryLine
    emission: Emission

    @property
    def kg(self) -> float:
        return self.emission.kg

    @property
    def uncertainty_percent(self) -> float:
        return self.emission.relative_uncertainty * 100


@dataclass
class Results:
    inventory: Inventory
    footprint: Footprint
    total: Row
    scopes: list[Row]
    scope3_categories: list[Row]
    beges: list[BegesCategory]
    posts: list[Row]
    top: list[Item]
    lines: list[LineResult]
    per_employee: Emission | None  # kgCO2e per employee
    per_keur: Emission | None  # kgCO2e per k€ of revenue
    years: list[Year]
    previous: Year | None
    quality: list[Quality]
    factors: list[FactorUsed]
    reductions: list[Reduction]

    @property
    def change_percent(self) -> float | None:
        """Change of the total since the site's previous inventory, in %."""
        return next((y.change_percent for y in self.years if y.is_current), None)

    @property
    def is_draft(self) -> bool:
        return not self.inventory.is_locked

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def per_employee_tonnes(self) -> Emission | None:
        e = self.per_employee
        return None if e is None else Emission(e.kg / 1000, e.uncertainty_kg / 1000)

    @property
    def projected_tonnes(self) -> float:
        return sum(r.projected_tonnes for r in self.reductions)

    @property
    def unpublished_percent(self) -> float:
        """Share of the total, in %, of the lines whose factor's source
        publishes no uncertainty: they add nothing to the range."""
        kg = sum(r.kg for r in self.lines if not r.line.factor.uncertainty)
        return kg / self.total.kg * 100 if self.total.kg else 0.0

    @property
    def beges_posts(self) -> list[Row]:
        return [post for category in self.beges for post in category.posts]


def _change(now: float, before: float) -> float | None:
    return (now - before) / before * 100 if before else None


def _years(inventory: Inventory, site_lines: dict[int, list], siblings: list) -> list[Year]:
    years = []
    for sibling in siblings:
        result = services.footprint(sibling, site_lines[sibling.pk])
        years.append(
            Year(
                inventory=sibling,
                total=result.total,
                scopes=result.by_scope,
                is_current=sibling.pk == inventory.pk,
            )
        )
    for before, year in itertools.pairwise(years):
        year.change_percent = _change(year.total.kg, before.total.kg)
        year.scope_changes = {s: _change(year.scopes[s].kg, before.scopes[s].kg) for s in SCOPES}
    return years


def build(inventory: Inventory) -> Results:
    siblings = list(
        Inventory.objects.filter(
            organisation_id=inventory.organisation_id, site=inventory.site
        ).order_by("year", "pk")
    )
    site_lines: dict[int, list[InventoryLine]] = defaultdict(list)
    for line in (
        InventoryLine.objects.filter(inventory__in=[s.pk for s in siblings])
        .select_related("factor")
        .order_by("post", "pk")
    ):
        site_lines[line.inventory_id].append(line)
    lines = site_lines[inventory.pk]
    result = services.footprint(inventory, lines)

    def row(code, label, emission) -> Row:
        return Row(code, str(label), emission, result.share(emission))

    years = _years(inventory, site_lines, siblings)
    index = next(i for i, y in enumerate(years) if y.is_current)
    by_pk = {line.pk: line for line in lines}
    quality = []
    for code, label in DataQuality.choices:
        of_quality = [line for line in lines if line.data_quality == code]
        emission = total(result.lines[line.pk] for line in of_quality)
        quality.append(
            Quality(
                code=code,
                label=str(label),
                lines=len(of_quality),
                row=row(code, label, emission),
                data_uncertainty_percent=services.DATA_UNCERTAINTY[code] * 100,
            )
        )
    used: dict[int, FactorUsed] = {}
    for line in lines:
        factor = line.factor
        if factor.pk not in used:
            used[factor.pk] = FactorUsed(factor, factor.name, labels.unit_symbol(factor.unit), 0)
        used[factor.pk].lines += 1
    reductions = [
        Reduction(
            title=reduction.action.title,
            status=reduction.action.get_status_display(),
            post_label=labels.post_label(reduction.post),
            projected_tonnes=reduction.projected_kg / 1000,
        )
        for reduction in CarbonReduction.objects.filter(inventory=inventory)
        .select_related("action")
        .order_by("-projected_kg", "pk")
    ]
    return Results(
        inventory=inventory,
        footprint=result,
        total=row("total", _("Total"), result.total),
        scopes=[row(s, labels.scope_label(s), result.by_scope[s]) for s in SCOPES],
        scope3_categories=[
            row(n, labels.ghg_category_label(n), result.by_ghg_category[n]) for n in GHG_CATEGORIES
        ],
        beges=[
            BegesCategory(
                row=row(n, labels.beges_category_label(n), result.by_beges_category[n]),
                posts=[row(p, labels.beges_post_label(p), result.by_beges[p]) for p in posts],
            )
            for n, posts in BEGES_CATEGORIES.items()
        ],
        posts=[row(code, label, result.by_post[code]) for code, label in Post.choices],
        top=[
            Item(by_pk[key], row(key, by_pk[key].label, emission))
            for key, emission in result.top(TOP_COUNT)
        ],
        lines=[LineResult(line, result.lines[line.pk]) for line in lines],
        per_employee=result.intensity(inventory.headcount),
        per_keur=result.intensity(inventory.revenue_keur),
        years=years,
        previous=years[index - 1] if index > 0 else None,
        quality=quality,
        factors=list(used.values()),
        reductions=reductions,
    )
