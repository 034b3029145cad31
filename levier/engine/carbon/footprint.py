"""From activity lines to a footprint, with its uncertainty.

A line's emissions are its quantity, converted to the factor's unit (and
spread over the asset's life for fixed assets), times the factor. Its
relative uncertainty combines the factor's and the activity data's, which
are independent: u = sqrt(u_factor² + u_data²). Emissions of independent
lines add up, and so do the squares of their absolute uncertainties: the
uncertainty of a sum is sqrt(Σ (E_i·u_i)²), never more than the sum of the
lines' uncertainties. This is the error propagation of the IPCC 2006
Guidelines (vol. 1, ch. 3, "Approach 1", equations 3.1 and 3.2), which the
Bilan Carbone method's spreadsheet applies to its posts.

Results are in kgCO2e; the Django layer shows tCO2e.
"""

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from levier.engine.carbon import units
from levier.engine.carbon.posts import (
    BEGES_CATEGORIES,
    BEGES_POSTS,
    GHG_CATEGORIES,
    POSTS,
    SCOPES,
    beges_category,
)


@dataclass(frozen=True)
class Line:
    key: Hashable  # the caller's identifier of the line
    post: str  # a code of posts.POSTS
    quantity: float
    unit: str  # a code of units.UNITS
    factor_value: float  # kgCO2e per factor_unit
    factor_unit: str
    factor_uncertainty: float = 0.0  # relative: 0.2 for ±20 %
    data_uncertainty: float = 0.0  # relative
    amortisation_years: int = 1  # fixed assets: emissions spread over their life


@dataclass(frozen=True)
class Emission:
    kg: float = 0.0
    uncertainty_kg: float = 0.0  # absolute half-width of the range

    @property
    def relative_uncertainty(self) -> float:
        return self.uncertainty_kg / abs(self.kg) if self.kg else 0.0

    @property
    def low(self) -> float:
        return max(0.0, self.kg - self.uncertainty_kg)

    @property
    def high(self) -> float:
        return self.kg + self.uncertainty_kg

    @property
    def tonnes(self) -> float:
        return self.kg / 1000


def total(emissions: Iterable[Emission]) -> Emission:
    """The sum of independent emissions: uncertainties add in quadrature
    (``math.hypot`` rather than squaring by hand: no square underflows to 0
    or overflows, so the sum's uncertainty is never below a term's)."""
    emissions = list(emissions)
    return Emission(
        kg=math.fsum(e.kg for e in emissions),
        uncertainty_kg=math.hypot(*(e.uncertainty_kg for e in emissions)),
    )


def activity_in_factor_unit(line: Line) -> float:
    """The line's quantity in the factor's unit, per year. Raises
    ``units.UnitMismatch`` when the two units measure different things."""
    years = max(1, line.amortisation_years)
    return units.convert(line.quantity, line.unit, line.factor_unit) / years


def line_emission(line: Line) -> Emission:
    kg = activity_in_factor_unit(line) * line.factor_value
    relative = math.hypot(line.factor_uncertainty, line.data_uncertainty)
    return Emission(kg=kg, uncertainty_kg=abs(kg) * relative)


@dataclass
class Footprint:
    total: Emission
    by_scope: dict[int, Emission]
    by_ghg_category: dict[int, Emission]  # scope 3 only, categories 1-15
    by_beges: dict[str, Emission]  # the 22 posts of the regulatory table
    by_beges_category: dict[int, Emission]  # its 6 categories
    by_post: dict[str, Emission]  # Levier's categories
    lines: dict[Hashable, Emission] = field(default_factory=dict)

    def top(self, count: int = 5) -> list[tuple[Hashable, Emission]]:
        """The lines that weigh most, heaviest first (ties in the lines' order)."""
        ranked = sorted(self.lines.items(), key=lambda item: -item[1].kg)
        return [item for item in ranked[:count] if item[1].kg > 0]

    def share(self, emission: Emission) -> float:
        return emission.kg / self.total.kg if self.total.kg else 0.0

    def intensity(self, denominator: float | None) -> Emission | None:
        """Emissions per unit of the denominator (an employee, a k€ of revenue)."""
        if not denominator or denominator <= 0:
            return None
        return Emission(self.total.kg / denominator, self.total.uncertainty_kg / denominator)


def _grouped(by_post: dict[str, list[Emission]], key_of, keys, posts) -> dict:
    """The lines' emissions of the given posts, grouped by ``key_of(post)``:
    every group lists its lines' own emissions (a line is looked at once, in
    ``compute``; a grouping only joins the posts' lists)."""
    groups: dict = {k: [] for k in keys}
    for post in posts:
        groups.setdefault(key_of(post), []).extend(by_post[post.code])
    return {k: total(v) for k, v in groups.items()}


def compute(lines: Iterable[Line]) -> Footprint:
    """Every grouping is summed from the lines themselves, so each one's total
    equals the inventory's total whatever the grouping."""
    pairs = [(line, line_emission(line)) for line in lines]
    by_post: dict[str, list[Emission]] = {code: [] for code in POSTS}
    for line, emission in pairs:
        by_post[line.post].append(emission)  # KeyError for a post that does not exist
    every_post = POSTS.values()
    scope3 = [post for post in every_post if post.scope == 3]
    return Footprint(
        total=total(e for _line, e in pairs),
        by_scope=_grouped(by_post, lambda post: post.scope, SCOPES, every_post),
        by_ghg_category=_grouped(by_post, lambda post: post.ghg_category, GHG_CATEGORIES, scope3),
        by_beges=_grouped(by_post, lambda post: post.beges, BEGES_POSTS, every_post),
        by_beges_category=_grouped(
            by_post, lambda post: beges_category(post.beges), BEGES_CATEGORIES, every_post
        ),
        by_post=_grouped(by_post, lambda post: post.code, POSTS, every_post),
        lines={line.key: e for line, e in pairs},
    )
