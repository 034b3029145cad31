"""A member's greenhouse-gas inventory: emission factors, inventories of
activity lines, the commuting survey, and the reductions actions aim at.

The computation lives in ``levier.engine.carbon``; these models hold what it
reads and what people entered.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levier.engine.carbon.posts import POSTS
from levier.engine.carbon.units import UNITS
from levier.lib.limits import validate_measure
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager

# Largest quantity a line accepts, in any unit: 10^9 (a billion litres or
# kWh is already far beyond any SME; more is a typing error).
QUANTITY_MAX = 1e9


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Post(models.TextChoices):
    """The categories of an inventory, in an SME's words (``engine.carbon.posts``)."""

    FUEL_BUILDINGS = "fuel_buildings", _("Heating and fuels of buildings and machines")
    FUEL_VEHICLES = "fuel_vehicles", _("Fuel of the company's vehicles")
    REFRIGERANTS = "refrigerants", _("Refrigerant leaks (air conditioning, cold rooms)")
    ELECTRICITY = "electricity", _("Electricity")
    HEAT_NETWORK = "heat_network", _("Heating or cooling networks")
    PURCHASED_GOODS = "purchased_goods", _("Purchased goods")
    PURCHASED_SERVICES = "purchased_services", _("Purchased services")
    FIXED_ASSETS = "fixed_assets", _("Equipment, vehicles and buildings owned (fixed assets)")
    FREIGHT_IN = "freight_in", _("Freight of what you buy (inbound)")
    FREIGHT_OUT = "freight_out", _("Freight of what you sell (outbound)")
    BUSINESS_TRAVEL = "business_travel", _("Business travel")
    COMMUTING = "commuting", _("Commuting of employees")
    WASTE = "waste", _("Waste")


assert set(Post.values) == set(POSTS), "carbon.models.Post and engine posts differ"


class Unit(models.TextChoices):
    L = "L", _("litres")
    M3 = "m3", _("m³")
    KG = "kg", _("kg")
    T = "t", _("tonnes")
    KWH = "kWh", _("kWh")
    MWH = "MWh", _("MWh")
    KWH_PCI = "kWh_PCI", _("kWh PCI (lower heating value)")
    MWH_PCI = "MWh_PCI", _("MWh PCI (lower heating value)")
    MJ_PCI = "MJ_PCI", _("MJ PCI")
    GJ_PCI = "GJ_PCI", _("GJ PCI")
    TEP_PCI = "tep_PCI", _("toe PCI (tonnes of oil equivalent)")
    KWH_PCS = "kWh_PCS", _("kWh PCS (higher heating value, as on gas bills)")
    MWH_PCS = "MWh_PCS", _("MWh PCS (higher heating value)")
    GJ_PCS = "GJ_PCS", _("GJ PCS")
    TEP_PCS = "tep_PCS", _("toe PCS")
    KM = "km", _("km (vehicle.km)")
    PASSENGER_KM = "passenger_km", _("passenger.km")
    PEQ_KM = "peq_km", _("passenger-equivalent.km")
    T_KM = "t_km", _("tonne.km")
    M3_KM = "m3_km", _("m³.km")
    EUR = "EUR", _("euros excl. VAT")
    KEUR = "kEUR", _("k€ excl. VAT")
    MEUR = "MEUR", _("M€ excl. VAT")
    ITEM = "item", _("items")
    M2 = "m2", _("m²")
    HOUR = "hour", _("hours")


assert set(Unit.values) == set(UNITS), "carbon.models.Unit and engine units differ"


class DataQuality(models.TextChoices):
    MEASURED = "measured", _("Measured (bills, meters, accounts)")
    ESTIMATED = "estimated", _("Estimated")
    EXTRAPOLATED = "extrapolated", _("Extrapolated (from part of the year or of the sites)")


class FactorSource(models.TextChoices):
    BASE_CARBONE = "base_carbone", _("ADEME Base Carbone")
    BASE_EMPREINTE = "base_empreinte", _("ADEME Base Empreinte")
    IPCC = "ipcc", _("IPCC")
    OTHER = "other", _("Other published source")


class EmissionFactor(models.Model):
    """kgCO2e per unit of activity, with where it comes from.

    A factor row never changes once an inventory uses it: an import that
    brings a new value creates a new row and marks the old one superseded,
    so a locked inventory keeps the figures it was locked with.
    Shipped factors have no network; a network's imports are its own.
    """

    network = models.ForeignKey(
        "accounts.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emission_factors",
        verbose_name=_("network"),
    )
    # Stable key of a shipped factor ("electricity-fr-2023"); empty for imports.
    key = models.SlugField(max_length=80, blank=True)
    name_fr = SingleLineTextField(_("name (French)"), max_length=300)
    name_en = SingleLineTextField(_("name (English)"), max_length=300, blank=True)
    category = SingleLineTextField(_("category in the source"), max_length=300, blank=True)
    # The inventory categories it suits, as " code code " so that one
    # ``icontains`` finds a category on every database (no JSON lookups).
    posts = models.CharField(_("inventory categories it suits"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    source_unit = SingleLineTextField(_("unit as the source writes it"), max_length=60, blank=True)
    value = models.FloatField(_("kgCO2e per unit"), validators=[MinValueValidator(0)])
    uncertainty = models.FloatField(
        _("uncertainty (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(500)]
    )
    source = models.CharField(_("source"), max_length=20, choices=FactorSource.choices)
    source_id = SingleLineTextField(_("identifier in the source"), max_length=40, blank=True)
    source_version = SingleLineTextField(_("version of the source"), max_length=40, blank=True)
    reference = SingleLineTextField(_("reference"), max_length=1000, blank=True)
    perimeter = SingleLineTextField(
        _("what the factor covers"), max_length=200, blank=True
    )  # e.g. "Combustion" only, or combustion and upstream
    location = SingleLineTextField(_("geography"), max_length=100, blank=True)
    valid_until = SingleLineTextField(_("validity"), max_length=40, blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("framework")

    class Meta:
        verbose_name = _("emission factor")
        verbose_name_plural = _("emission factors")
        ordering = ["name_fr", "unit", "pk"]
        indexes = [models.Index(fields=["source", "source_id"])]

    def __str__(self):
        return f"{self.name_fr} ({self.value:g} kgCO2e/{self.unit})"

    @property
    def is_current(self) -> bool:
        return self.superseded_by_id is None

    @property
    def name(self) -> str:
        """The factor's name in the reader's language (French when it has no English)."""
        if (get_language() or "fr").startswith("en") and self.name_en:
            return self.name_en
        return self.name_fr

    @property
    def post_codes(self) -> list[str]:
        return self.posts.split()

    @post_codes.setter
    def post_codes(self, codes) -> None:
        self.posts = f" {' '.join(codes)} " if codes else ""


class FactorImport(models.Model):
    """A network admin's import of a Base Carbone / Base Empreinte export."""

    network = models.ForeignKey(
        "accounts.Network", on_delete=models.CASCADE, related_name="factor_imports"
    )
    file_name = SingleLineTextField(max_length=255)
    source = models.CharField(max_length=20, choices=FactorSource.choices)
    source_version = SingleLineTextField(max_length=40, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("network", "network")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name


class Inventory(models.Model):
    """An organisation's greenhouse-gas inventory of one reporting year
    (optionally of one site)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        LOCKED = "locked", _("Locked")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="inventories"
    )
    year = models.PositiveSmallIntegerField(
        _("reporting year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    site = SingleLineTextField(_("site (leave empty for the whole organisation)"), blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    headcount = models.PositiveIntegerField(
        _("employees (full-time equivalent)"), null=True, blank=True
    )
    revenue_keur = models.FloatField(
        _("revenue (k€)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), validate_measure],
    )
    # A reduction target, read by the assessment's climate questions.
    target_percent = models.FloatField(
        _("reduction target (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    notes = MultiLineTextField(_("method notes and perimeter"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = tenant_manager("work", "organisation")

    class Meta:
        verbose_name = _("carbon inventory")
        verbose_name_plural = _("carbon inventories")
        ordering = ["-year", "site", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "site"], name="one_inventory_per_year_and_site"
            )
        ]

    def __str__(self):
        return f"{self.year} · {self.site}" if self.site else str(self.year)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.LOCKED


class InventoryLine(TenantLinks, models.Model):
    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="lines")
    post = models.CharField(_("category"), max_length=24, choices=Post.choices)
    label = SingleLineTextField(_("what it is"))
    quantity = models.FloatField(
        _("quantity"), validators=[MinValueValidator(0), MaxValueValidator(QUANTITY_MAX)]
    )
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    factor = models.ForeignKey(
        EmissionFactor,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("emission factor"),
    )
    data_quality = models.CharField(
        _("data quality"), max_length=12, choices=DataQuality.choices, default=DataQuality.MEASURED
    )
    amortisation_years = models.PositiveSmallIntegerField(
        _("years of use (fixed assets)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    comment = MultiLineTextField(_("comment"), blank=True)
    # Lines computed from the commuting survey are replaced by it, not edited.
    from_survey = models.BooleanField(default=False, editable=False)
    # Copied from that year's inventory when this one started from it: the
    # quantity is last year's until someone confirms it (saving the line).
    copied_from_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Incremented on every edit: an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1)

    objects = tenant_manager("work", "inventory__organisation")
    same_network = ("factor",)

    class Meta:
        verbose_name = _("inventory line")
        verbose_name_plural = _("inventory lines")
        ordering = ["post", "pk"]

    def __str__(self):
        return self.label


class CommutingSurvey(models.Model):
    """An anonymous survey of how employees come to work, sent as a link."""

    inventory = models.OneToOneField(
        Inventory, on_delete=models.CASCADE, related_name="commuting_survey"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    is_open = models.BooleanField(_("open to answers"), default=True)
    # Working weeks in a year: 52 less the 5 weeks of paid leave of the Code
    # du travail (art. L3141-3); members adjust it.
    weeks_per_year = models.PositiveSmallIntegerField(
        _("working weeks per year"),
        default=47,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = tenant_manager("work", "inventory__organisation")

    def __str__(self):
        return str(self.inventory)


class CommuteMode(models.TextChoices):
    CAR = "car", _("Car, alone")
    CARPOOL = "carpool", _("Car, shared with colleagues or others")
    MOTORBIKE = "motorbike", _("Motorbike or scooter")
    BUS = "bus", _("Bus or coach")
    TRAM_METRO = "tram_metro", _("Tram or metro")
    TRAIN = "train", _("Train")
    BIKE = "bike", _("Bicycle")
    EBIKE = "ebike", _("Electric bicycle or scooter")
    WALK = "walk", _("On foot")


class CommutingAnswer(models.Model):
    """One employee's answer: no name, no account, no address kept."""

    survey = models.ForeignKey(CommutingSurvey, on_delete=models.CASCADE, related_name="answers")
    distance_km = models.FloatField(
        _("one-way distance (km)"), validators=[MinValueValidator(0), MaxValueValidator(1000)]
    )
    mode = models.CharField(_("usual mode"), max_length=12, choices=CommuteMode.choices)
    days_on_site = models.FloatField(
        _("days on site per week"), validators=[MinValueValidator(0), MaxValueValidator(7)]
    )
    remote_days = models.FloatField(
        _("days of remote work per week"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(7)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("work", "survey__inventory__organisation")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.distance_km:g} km, {self.get_mode_display()}"


class CarbonReduction(TenantLinks, models.Model):
    """What an action of the plan is expected to save, from an inventory's
    own lines; the realised reduction is read from the next inventory."""

    action = models.OneToOneField(
        "plans.Action", on_delete=models.CASCADE, related_name="carbon_reduction"
    )
    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="reductions")
    post = models.CharField(max_length=24, choices=Post.choices)
    lever = models.CharField(max_length=40)  # a code of levier.carbon.levers
    share = models.FloatField(validators=[MinValueValidator(0), MaxValueValidator(1)])
    projected_kg = models.FloatField(validators=[MinValueValidator(0)])
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("work", "inventory__organisation")
    same_organisation = ("action",)

    def __str__(self):
        return f"{self.action}: {self.projected_kg / 1000:.1f} tCO2e"
