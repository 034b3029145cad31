"""The categories of an inventory ("posts"), in an SME's words, and where each
falls in the two reporting frames members are asked for:

- the GHG Protocol: scope 1 (direct), scope 2 (purchased energy,
  location-based), scope 3 by its 15 categories (Corporate Value Chain
  Standard, 2011);
- the French regulatory table of the BEGES (bilan d'émissions de gaz à effet
  de serre): 6 categories and 22 posts, Code de l'environnement art. R229-47
  and the ministry's "Méthode pour la réalisation des bilans d'émissions de
  GES", version 5 (2022).

Labels are translated by the Django layer; this module holds codes only.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Post:
    code: str
    scope: int  # 1, 2 or 3
    ghg_category: int | None  # GHG Protocol scope 3 category (1-15), None for scopes 1-2
    beges: str  # BEGES post, e.g. "1.1"
    units: tuple[str, ...]  # the units an SME usually has for this post, first is typical


POSTS: dict[str, Post] = {
    p.code: p
    for p in (
        Post("fuel_buildings", 1, None, "1.1", ("kWh_PCS", "L", "m3", "kg", "kWh_PCI")),
        Post("fuel_vehicles", 1, None, "1.2", ("L", "km", "kWh_PCI")),
        Post("refrigerants", 1, None, "1.4", ("kg",)),
        Post("electricity", 2, None, "2.1", ("kWh", "MWh")),
        Post("heat_network", 2, None, "2.2", ("kWh", "MWh")),
        Post("purchased_goods", 3, 1, "4.1", ("kEUR", "EUR", "t", "kg", "item")),
        Post("purchased_services", 3, 1, "4.5", ("kEUR", "EUR")),
        Post("fixed_assets", 3, 2, "4.2", ("item", "kEUR", "t", "m2")),
        Post("freight_in", 3, 4, "3.1", ("t_km", "km")),
        Post("freight_out", 3, 9, "3.2", ("t_km", "km")),
        Post("business_travel", 3, 6, "3.5", ("passenger_km", "km", "item")),
        Post("commuting", 3, 7, "3.3", ("passenger_km", "km")),
        Post("waste", 3, 5, "4.3", ("t", "kg")),
    )
}

SCOPES = (1, 2, 3)

# The BEGES table: 6 categories of 22 posts (method v5).
BEGES_CATEGORIES: dict[int, tuple[str, ...]] = {
    1: ("1.1", "1.2", "1.3", "1.4", "1.5"),
    2: ("2.1", "2.2"),
    3: ("3.1", "3.2", "3.3", "3.4", "3.5"),
    4: ("4.1", "4.2", "4.3", "4.4", "4.5"),
    5: ("5.1", "5.2", "5.3", "5.4"),
    6: ("6.1",),
}
BEGES_POSTS: tuple[str, ...] = tuple(p for posts in BEGES_CATEGORIES.values() for p in posts)

GHG_CATEGORIES: tuple[int, ...] = tuple(range(1, 16))


def beges_category(beges_post: str) -> int:
    return int(beges_post.split(".")[0])
