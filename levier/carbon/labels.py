"""Translated names and help of the carbon frames, in our own words.

- ``POST_HELP``: for each inventory category (``models.Post``), what an SME
  puts there and where it finds the figure.
- ``scope_label``: GHG Protocol scopes 1, 2 (location-based) and 3.
- ``ghg_category_label``: the 15 scope 3 categories of the GHG Protocol
  Corporate Value Chain (Scope 3) Standard (2011), named in our words.
- ``beges_category_label`` / ``beges_post_label``: the French regulatory
  table (6 categories, 22 posts) of the ministry's "Méthode pour la
  réalisation des bilans d'émissions de gaz à effet de serre", version 5
  (2022), named in our words.

The codes come from ``levier.engine.carbon.posts``; this module only names them.
"""

import datetime
import math
import re
import unicodedata

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from levier.carbon.models import Post
from levier.engine.carbon.posts import BEGES_CATEGORIES, BEGES_POSTS, GHG_CATEGORIES, SCOPES
from levier.engine.carbon.units import UNITS

POST_HELP = {
    Post.FUEL_BUILDINGS: _(
        "Gas, heating oil, propane or wood burnt on your premises or in your machines. "
        "The figure is on your energy bills: gas bills give kWh PCS, fuel deliveries give litres."
    ),
    Post.FUEL_VEHICLES: _(
        "Fuel of the vehicles the company owns or leases: fuel cards and receipts give litres; "
        "without them, the kilometres driven."
    ),
    Post.REFRIGERANTS: _(
        "Refrigerant that leaked from air conditioning, heat pumps or cold rooms, in kg: it is "
        "the quantity your maintenance company topped up during the year (on its report)."
    ),
    Post.ELECTRICITY: _(
        "Electricity bought for your premises, in kWh, from your bills or your supplier's "
        "online account. Count all your meters."
    ),
    Post.HEAT_NETWORK: _(
        "Heat or cold bought from an urban network, in kWh, from the network's bills or the "
        "building's service charges."
    ),
    Post.PURCHASED_GOODS: _(
        "Raw materials, supplies and goods bought: by quantity (paper by weight, computers "
        "and phones by device), or by spend excluding VAT from your purchase accounts when a "
        "monetary ratio suits what you bought (Levier ships a few; your network can import "
        "the full set)."
    ),
    Post.PURCHASED_SERVICES: _(
        "Services bought: consultancy, cleaning, IT, telecoms, insurance, banking, "
        "maintenance. By spend excluding VAT from your accounts, when a monetary ratio suits "
        "the service (Levier ships few; your network can import the full set)."
    ),
    Post.FIXED_ASSETS: _(
        "Computers, machines, vehicles and buildings the company owns: the emissions of "
        "making them are spread over the years you use them. Count what is still in use."
    ),
    Post.FREIGHT_IN: _(
        "Transport of what you buy to your premises, when you pay for it or it is not "
        "included in the price: tonnes times kilometres, or the kilometres of the trucks."
    ),
    Post.FREIGHT_OUT: _(
        "Transport of what you sell to your customers: tonnes times kilometres, or the "
        "kilometres of the trucks or vans."
    ),
    Post.BUSINESS_TRAVEL: _(
        "Trips for work by train, plane, car or taxi, and hotel nights: your travel agency or "
        "expense claims give the kilometres or the number of trips."
    ),
    Post.COMMUTING: _(
        "How employees come to work. The commuting survey fills this category from their "
        "anonymous answers; you may also enter an estimate here."
    ),
    Post.WASTE: _(
        "Waste the company throws away or hands to a collector, in tonnes or kg, by type: "
        "your collector's invoices or registers give the weights."
    ),
}

_SCOPES = {
    1: _("Scope 1: direct emissions (fuels burnt, refrigerant leaks)"),
    2: _("Scope 2: purchased energy (electricity, heat networks)"),
    3: _("Scope 3: other indirect emissions (purchases, transport, travel, waste...)"),
}

_SCOPES_SHORT = {
    1: _("Scope 1"),
    2: _("Scope 2"),
    3: _("Scope 3"),
}

_GHG_CATEGORIES = {
    1: _("Goods and services bought"),
    2: _("Capital goods (equipment, buildings)"),
    3: _("Fuels and energy: production and delivery losses"),
    4: _("Transport and distribution upstream"),
    5: _("Waste from the company's activity"),
    6: _("Business travel"),
    7: _("Commuting of employees"),
    8: _("Assets leased by the company (upstream)"),
    9: _("Transport and distribution downstream"),
    10: _("Processing of products sold"),
    11: _("Use of products sold"),
    12: _("End of life of products sold"),
    13: _("Assets leased to others (downstream)"),
    14: _("Franchises"),
    15: _("Investments"),
}

_BEGES_CATEGORIES = {
    1: _("Direct emissions"),
    2: _("Indirect emissions from energy"),
    3: _("Indirect emissions from transport"),
    4: _("Indirect emissions from products bought"),
    5: _("Indirect emissions from products sold"),
    6: _("Other indirect emissions"),
}

_BEGES_POSTS = {
    "1.1": _("Fixed combustion sources (boilers, furnaces, machines)"),
    "1.2": _("Mobile combustion sources (vehicles' engines)"),
    "1.3": _("Industrial processes other than energy"),
    "1.4": _("Fugitive emissions (refrigerant leaks...)"),
    "1.5": _("Biomass: soils and forests"),
    "2.1": _("Electricity consumed"),
    "2.2": _("Energy other than electricity bought (heat, steam, cold)"),
    "3.1": _("Freight upstream"),
    "3.2": _("Freight downstream"),
    "3.3": _("Commuting"),
    "3.4": _("Travel of visitors and customers"),
    "3.5": _("Business travel"),
    "4.1": _("Goods bought"),
    "4.2": _("Fixed assets"),
    "4.3": _("Waste"),
    "4.4": _("Assets leased upstream"),
    "4.5": _("Services bought"),
    "5.1": _("Use of products sold"),
    "5.2": _("Assets leased downstream"),
    "5.3": _("End of life of products sold"),
    "5.4": _("Investments"),
    "6.1": _("Other indirect emissions"),
}

assert set(POST_HELP) == set(Post.values), "a category has no help"
assert set(_SCOPES) == set(SCOPES)
assert set(_GHG_CATEGORIES) == set(GHG_CATEGORIES)
assert set(_BEGES_CATEGORIES) == set(BEGES_CATEGORIES)
assert tuple(_BEGES_POSTS) == BEGES_POSTS


def post_label(code: str) -> str:
    return Post(code).label


def post_help(code: str) -> str:
    return POST_HELP[code]


def scope_label(n: int, short: bool = False) -> str:
    return (_SCOPES_SHORT if short else _SCOPES)[n]


def ghg_category_label(n: int) -> str:
    """A GHG Protocol scope 3 category, "Category n: name"."""
    return _("Category %(n)s: %(name)s") % {"n": n, "name": _GHG_CATEGORIES[n]}


def beges_category_label(n: int) -> str:
    return _("%(n)s. %(name)s") % {"n": n, "name": _BEGES_CATEGORIES[n]}


def beges_post_label(code: str) -> str:
    return _("%(code)s %(name)s") % {"code": code, "name": _BEGES_POSTS[code]}


# Short names of units, for figures ("1,200 kWh PCS", "kgCO2e/passenger.km");
# ``models.Unit`` holds the long ones, for choosing.
_UNIT_SYMBOLS = {
    "L": _("L"),
    "m3": "m³",
    "kg": "kg",
    "t": "t",
    "kWh": "kWh",
    "MWh": "MWh",
    "kWh_PCI": _("kWh PCI"),
    "MWh_PCI": _("MWh PCI"),
    "MJ_PCI": _("MJ PCI"),
    "GJ_PCI": _("GJ PCI"),
    "tep_PCI": _("toe PCI"),
    "kWh_PCS": _("kWh PCS"),
    "MWh_PCS": _("MWh PCS"),
    "GJ_PCS": _("GJ PCS"),
    "tep_PCS": _("toe PCS"),
    "km": "km",
    "passenger_km": _("passenger.km"),
    "peq_km": _("passenger-equivalent.km"),
    "t_km": _("t.km"),
    "m3_km": "m³.km",
    "EUR": _("€ excl. VAT"),
    "kEUR": _("k€ excl. VAT"),
    "MEUR": _("M€ excl. VAT"),
    "item": _("item"),
    "m2": "m²",
    "hour": _("hour"),
}

assert set(_UNIT_SYMBOLS) == set(UNITS)


def unit_symbol(code: str) -> str:
    return str(_UNIT_SYMBOLS.get(code, code))


# Figures ---------------------------------------------------------------------


def number_text(value: float) -> str:
    """A quantity as typed, in the reader's format ("12 000", "2,5")."""
    if float(value).is_integer():
        value = int(value)
    return number_format(value, use_l10n=True, force_grouping=True)


def significant_text(value: float, digits: int = 3) -> str:
    """A computed figure to ``digits`` significant digits, at least units
    ("2,4", "0,012", "1 240"), never in scientific notation."""
    if not value or not math.isfinite(value):
        return number_text(0)
    decimals = max(0, min(6, digits - 1 - math.floor(math.log10(abs(value)))))
    return number_text(round(value, decimals))


def tonnes_text(kg: float) -> str:
    """Kilograms of CO2e shown in tonnes, to three significant digits."""
    return significant_text(kg / 1000)


# Validity of a factor ---------------------------------------------------------

# Month names and abbreviations as the Base Carbone writes them, in English
# ("Sep-20") or French ("déc.-18", "Décembre 2017"), accents removed.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "janv", "janvier"),
            ("feb", "february", "fev", "fevr", "fevrier"),
            ("mar", "march", "mars"),
            ("apr", "april", "avr", "avril"),
            ("may", "mai"),
            ("jun", "june", "juin"),
            ("jul", "july", "juil", "juillet"),
            ("aug", "august", "aou", "aout"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "decembre"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[-\s]+(\d{2}|\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-\s]+([a-z]+)\.?[-\s]+(\d{2}|\d{4})$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def validity_date(value: str) -> tuple[datetime.date, bool] | None:
    """The date a factor's source gives as the end of its validity, and
    whether it names a day (rather than a month): ``None`` when the text
    is not a date ("3 ans", a year alone)."""
    plain = unicodedata.normalize("NFKD", value.strip().lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    try:
        if match := _NUMERIC_DATE.match(plain):
            day, month, year = match.groups()
            return datetime.date(int(year), int(month), int(day)), True
        if (match := _DAY_MONTH_YEAR.match(plain)) and match[2] in _MONTHS:
            return datetime.date(_year(match[3]), _MONTHS[match[2]], int(match[1])), True
        if (match := _MONTH_YEAR.match(plain)) and match[1] in _MONTHS:
            return datetime.date(_year(match[2]), _MONTHS[match[1]], 1), False
    except ValueError:  # a day the month does not have
        return None
    return None


def validity_text(value: str) -> str:
    """A factor's validity as the reader writes dates ("septembre 2020",
    "31 mars 2021"); the source's text as it is when it is not a date."""
    parsed = validity_date(value)
    if parsed is None:
        return value
    date, has_day = parsed
    return date_format(date, "DATE_FORMAT" if has_day else "YEAR_MONTH_FORMAT")


def validity_passed(value: str, today: datetime.date) -> bool:
    """Whether the end of validity a factor's source gives is over."""
    parsed = validity_date(value)
    if parsed is None:
        return False
    date, has_day = parsed
    return date < today if has_day else (date.year, date.month) < (today.year, today.month)
