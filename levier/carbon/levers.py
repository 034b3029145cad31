"""The levers Levier proposes for each inventory category, in an SME's words,
and the reduction each brings, computed by ``levier.engine.carbon.levers``
from the inventory's own lines and a share the member chooses.

A lever either cuts a share of what some of a category's lines measure
(``Cut``: turn the heating down, fewer trips, buy less) or moves a share of
their activity to a lower-emitting alternative whose factor is one of the
shipped ones (``Switch``: car to train, trucks to rail). The default shares
are examples for the member to set to its own plan, not published figures;
the factors of the alternatives are shipped factors with their sources.

Each lever also names the tags of the practices library that reduce the
category (``levier/practices/content/*.yaml``, the questions' tags of
the Levier 360 framework), so that "where to start" can show peers' practices.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from levier.carbon import factors, services
from levier.carbon.models import EmissionFactor, InventoryLine, Post
from levier.engine.carbon import levers as engine
from levier.engine.carbon import units
from levier.engine.carbon.footprint import Emission, total

CUT, SWITCH = "cut", "switch"

# Practices' tags that reduce each category (tags of the Levier 360 questions).
POST_TAGS: dict[str, tuple[str, ...]] = {
    Post.FUEL_BUILDINGS: ("energy",),
    Post.FUEL_VEHICLES: ("fleet",),
    # No practice of the library deals with refrigerants (leak checks, fluids
    # of lower warming potential); energy practices do not reduce leaks.
    Post.REFRIGERANTS: (),
    Post.ELECTRICITY: ("energy", "renewable-energy"),
    Post.HEAT_NETWORK: ("energy",),
    Post.PURCHASED_GOODS: ("responsible-purchasing", "circularity", "packaging"),
    Post.PURCHASED_SERVICES: ("responsible-purchasing",),
    Post.FIXED_ASSETS: ("digital-sobriety", "circularity"),
    Post.FREIGHT_IN: ("freight", "packaging"),
    Post.FREIGHT_OUT: ("freight", "packaging"),
    Post.BUSINESS_TRAVEL: ("business-travel",),
    Post.COMMUTING: ("telework", "carpooling", "cycling", "mobility-plan"),
    Post.WASTE: ("waste",),
}
assert set(POST_TAGS) == set(Post.values), "a category has no practices' tags"


def _every_line(line: InventoryLine) -> bool:
    return True


def _by_vehicle_km(line: InventoryLine) -> bool:
    """Lines of vehicles counted in km driven (cars, vans, taxis)."""
    return line.factor.unit == "km"


def _not_by_vehicle_km(line: InventoryLine) -> bool:
    return line.factor.unit != "km"


def _words(line: InventoryLine) -> str:
    factor = line.factor
    return f"{factor.key} {factor.name_fr} {factor.name_en} {factor.category}".lower()


def _short_flight(line: InventoryLine) -> bool:
    words = _words(line)
    plane = any(w in words for w in ("plane", "avion", "aérien", "aerien", "flight"))
    short = any(w in words for w in ("short", "court"))
    return plane and short


def _virgin_paper(line: InventoryLine) -> bool:
    """Paper bought by weight, unless it is recycled already."""
    words = _words(line)
    paper = any(w in words for w in ("paper", "papier"))
    recycled = any(w in words for w in ("recycled", "recyclé", "recycle"))
    return paper and not recycled


def _heating_oil(line: InventoryLine) -> bool:
    words = _words(line)
    return any(w in words for w in ("heating-oil", "fioul", "fuel domestique", "heating oil"))


@dataclass(frozen=True)
class Lever:
    code: str
    post: str
    kind: str  # CUT or SWITCH
    title: str
    how: str  # what it means and how the figure is computed
    default_share: float  # 0..1: an example, the member sets its own
    selects: Callable[[InventoryLine], bool] = _every_line
    to_factor_key: str = ""  # SWITCH: the shipped factor of the alternative
    # SWITCH for lines whose unit the alternative's does not measure (fuel in
    # litres rather than km driven): the same share of their emissions times
    # 1 - alternative / reference, the reference being the shipped factor of
    # what is replaced, in the alternative's unit.
    reference_key: str = ""

    @property
    def post_label(self) -> str:
        return Post(self.post).label


LEVERS: tuple[Lever, ...] = (
    Lever(
        "travel-car-to-train",
        Post.BUSINESS_TRAVEL,
        SWITCH,
        _("Take the train instead of the car for some trips"),
        _(
            "The share of the kilometres driven for work (lines counted in km) made by "
            "regional train instead: their emissions with the car's factor less the same "
            "kilometres with the regional train's factor (one traveller per car)."
        ),
        0.3,
        _by_vehicle_km,
        to_factor_key="train-ter-passenger-km",
    ),
    Lever(
        "travel-plane-to-train",
        Post.BUSINESS_TRAVEL,
        SWITCH,
        _("Replace short flights by the high-speed train"),
        _(
            "The share of the short-haul flights' passenger.km made by high-speed train "
            "instead: their emissions less the same distance with the train's factor."
        ),
        0.3,
        _short_flight,
        to_factor_key="train-tgv-passenger-km",
    ),
    Lever(
        "travel-fewer-trips",
        Post.BUSINESS_TRAVEL,
        CUT,
        _("Replace some trips by video calls"),
        _("The share of business travel you no longer make, all modes together."),
        0.1,
    ),
    Lever(
        "fleet-electric",
        Post.FUEL_VEHICLES,
        SWITCH,
        _("Move part of the fleet's driving to electric cars"),
        _(
            "The share of the kilometres driven electrically: for lines in km, their "
            "emissions less the same km with the electric car's factor; for fuel in litres, "
            "the same share of its emissions times the electric car's saving per km over "
            "the diesel car's factor."
        ),
        0.2,
        to_factor_key="electric-car-km",
        reference_key="car-average-km",
    ),
    Lever(
        "eco-driving",
        Post.FUEL_VEHICLES,
        CUT,
        _("Drive more smoothly and plan rounds (eco-driving)"),
        _("The share of fuel you expect to save: set it from your own fuel cards."),
        0.05,
    ),
    Lever(
        "heating-lower",
        Post.FUEL_BUILDINGS,
        CUT,
        _("Lower the heating by 1 °C and heat only occupied rooms"),
        _(
            "The share of heating fuel saved. It depends on the building and its "
            "insulation: set the share your heating engineer or your next bills give."
        ),
        0.05,
    ),
    Lever(
        "oil-boiler-replaced",
        Post.FUEL_BUILDINGS,
        CUT,
        _("Replace the oil boiler (heat pump, wood, heat network)"),
        _(
            "The share of the heating oil's emissions avoided. The new system's own "
            "emissions (electricity, wood, heat) appear in its category in your next "
            "inventory, and so in the realised reduction."
        ),
        0.5,
        _heating_oil,
    ),
    Lever(
        "electricity-sobriety",
        Post.ELECTRICITY,
        CUT,
        _("Use less electricity (lighting, standby, settings)"),
        _("The share of electricity you expect to save: set it from your meters."),
        0.1,
    ),
    Lever(
        "heat-network-lower",
        Post.HEAT_NETWORK,
        CUT,
        _("Lower the heating by 1 °C and heat only occupied rooms"),
        _(
            "The share of the heat bought that you save. It depends on the building: "
            "set the share your next bills give."
        ),
        0.05,
    ),
    Lever(
        "refrigerant-leaks",
        Post.REFRIGERANTS,
        CUT,
        _("Check and repair leaks of air conditioning and cold rooms"),
        _(
            "The share of the refrigerant topped up that leak checks and repairs avoid: "
            "your maintenance company's reports give the quantities."
        ),
        0.3,
    ),
    Lever(
        "purchases-less",
        Post.PURCHASED_GOODS,
        CUT,
        _("Buy less, or less carbon-intensive goods"),
        _("The share of the goods' emissions avoided (quantities or spend you no longer buy)."),
        0.1,
    ),
    Lever(
        "paper-recycled",
        Post.PURCHASED_GOODS,
        SWITCH,
        _("Buy recycled paper"),
        _(
            "The share of the paper bought by weight that is recycled paper instead: its "
            "emissions less the same weight with the recycled paper's factor."
        ),
        0.5,
        _virgin_paper,
        to_factor_key="paper-recycled-tonne",
    ),
    Lever(
        "services-less",
        Post.PURCHASED_SERVICES,
        CUT,
        _("Choose services with a lower footprint, or fewer of them"),
        _("The share of the services' emissions avoided."),
        0.1,
    ),
    Lever(
        "equipment-longer",
        Post.FIXED_ASSETS,
        CUT,
        _("Keep computers and equipment longer, buy refurbished"),
        _("The share of the equipment's yearly emissions avoided by buying less often."),
        0.2,
    ),
    Lever(
        "freight-in-to-rail",
        Post.FREIGHT_IN,
        SWITCH,
        _("Ask suppliers to ship part of the goods by rail"),
        _(
            "The share of the tonne.km moved by rail freight: their emissions less the same "
            "tonne.km with the rail freight factor."
        ),
        0.2,
        to_factor_key="rail-freight-tkm",
    ),
    Lever(
        "freight-in-less",
        Post.FREIGHT_IN,
        CUT,
        _("Group orders and fill trucks better"),
        _("The share of inbound freight avoided by fewer, fuller deliveries."),
        0.1,
    ),
    Lever(
        "freight-out-to-rail",
        Post.FREIGHT_OUT,
        SWITCH,
        _("Ship part of your deliveries by rail"),
        _(
            "The share of the tonne.km moved by rail freight: their emissions less the same "
            "tonne.km with the rail freight factor."
        ),
        0.2,
        to_factor_key="rail-freight-tkm",
    ),
    Lever(
        "freight-out-less",
        Post.FREIGHT_OUT,
        CUT,
        _("Group deliveries and fill trucks better"),
        _("The share of outbound freight avoided by fewer, fuller deliveries."),
        0.1,
    ),
    Lever(
        "commuting-remote",
        Post.COMMUTING,
        CUT,
        _("One more day of remote work a week"),
        _(
            "The share of commuting emissions avoided. With enough answers to the commuting "
            "survey, it starts from their potential: one day's round trip less for those "
            "who come at least two days a week by a motorised mode."
        ),
        0.1,
    ),
    Lever(
        "commuting-carpool",
        Post.COMMUTING,
        CUT,
        _("Organise car-pooling between colleagues"),
        _(
            "The share of commuting emissions avoided. With enough answers to the commuting "
            "survey, it starts from their potential: those who drive alone from 10 km or "
            "more share their car with one colleague."
        ),
        0.1,
    ),
    Lever(
        "waste-less",
        Post.WASTE,
        CUT,
        _("Produce less waste (reuse, less packaging, sorting)"),
        _("The share of the waste's emissions avoided."),
        0.1,
    ),
)

BY_CODE: dict[str, Lever] = {lever.code: lever for lever in LEVERS}
assert len(BY_CODE) == len(LEVERS), "two levers share a code"


def for_post(post: str) -> list[Lever]:
    return [lever for lever in LEVERS if lever.post == post]


def get(code: str) -> Lever | None:
    return BY_CODE.get(code)


def switch_factors(levers: Iterable[Lever]) -> dict[str, EmissionFactor]:
    """The shipped factors the levers switch to or compare with, by key, in
    one query (a key missing from the database is left out)."""
    keys = {k for lever in levers for k in (lever.to_factor_key, lever.reference_key) if k}
    if not keys:
        return {}
    return {f.key: f for f in factors.current().filter(network__isnull=True, key__in=keys)}


def _switchable(line: InventoryLine, to_unit: str) -> bool:
    unit = line.factor.unit
    return units.compatible(unit, to_unit) or (unit == "km" and to_unit == "passenger_km")


def _engine_lines(lines: Iterable[InventoryLine]) -> dict:
    return {line.pk: services.engine_line(line) for line in lines}


def _keys(keys: set) -> Callable:
    return lambda line: line.key in keys


def reduction(
    lever: Lever,
    lines: Iterable[InventoryLine],
    share: float,
    switch_to: dict[str, EmissionFactor] | None = None,
) -> Emission | None:
    """The kgCO2e a year the lever saves on the inventory's lines at this
    share (0..1), or None when a switch's alternative factor is missing."""
    lines = [line for line in lines if line.post == lever.post and lever.selects(line)]
    engine_lines = _engine_lines(lines)
    if lever.kind == CUT:
        cut = engine.Cut(lever.post, share, _keys(set(engine_lines)))
        return engine.reduction(engine_lines.values(), cut)
    switch_to = switch_to if switch_to is not None else switch_factors([lever])
    target = switch_to.get(lever.to_factor_key)
    if target is None:
        return None
    switched = {line.pk for line in lines if _switchable(line, target.unit)}
    saved = [
        engine.reduction(
            engine_lines.values(),
            engine.Switch(
                lever.post,
                share,
                target.value,
                target.unit,
                target.uncertainty / 100,
                _keys(switched),
            ),
        )
    ]
    reference = switch_to.get(lever.reference_key) if lever.reference_key else None
    others = set(engine_lines) - switched
    if reference is not None and others and reference.unit == target.unit and reference.value:
        saving = max(0.0, 1 - target.value / reference.value)
        cut = engine.Cut(lever.post, share * saving, _keys(others))
        saved.append(engine.reduction(engine_lines.values(), cut))
    return total(saved)


def applies(lever: Lever, lines: Iterable[InventoryLine]) -> bool:
    """Whether some of the inventory's lines are what the lever acts on."""
    return any(line.post == lever.post and lever.selects(line) for line in lines)
