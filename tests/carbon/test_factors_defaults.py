"""The shipped factors: every entry sourced, synced idempotently by key, a new
value superseding the old row without touching the inventories using it."""

import csv
from pathlib import Path

import pytest
import yaml

from levier.carbon import defaults, factors
from levier.carbon.models import EmissionFactor, FactorSource
from levier.engine.carbon.posts import POSTS
from levier.engine.carbon.units import UNITS
from tests.carbon.factories import make_line

pytestmark = pytest.mark.django_db

# Keys other areas build on (commuting, demo, levers).
BUILT_ON = [
    "natural-gas-kwh-pcs",
    "heating-oil-litre",
    "propane-kg",
    "diesel-litre",
    "petrol-litre",
    "electricity-france",
    "heat-network-france",
    "refrigerant-r410a",
    "refrigerant-r32",
    "refrigerant-r134a",
    "refrigerant-r404a",
    "car-average-km",
    "electric-car-km",
    "motorbike-km",
    "bus-passenger-km",
    "tram-metro-passenger-km",
    "train-ter-passenger-km",
    "train-tgv-passenger-km",
    "plane-short-haul-passenger-km",
    "plane-long-haul-passenger-km",
    "ebike-passenger-km",
    "truck-articulated-tkm",
    "van-tkm",
    "rail-freight-tkm",
    "sea-container-tkm",
    "air-freight-tkm",
    "laptop-item",
    "desktop-item",
    "screen-item",
    "smartphone-item",
]
EXTRACT = Path(__file__).resolve().parent / "data" / "base-carbone-v20.2-extract.csv"


def test_every_shipped_factor_has_its_source_unit_and_categories():
    for entry in defaults.entries():
        assert entry["unit"] in UNITS
        assert entry["source"] in FactorSource.values
        assert entry["source_id"] and entry["source_version"] and entry["reference"]
        assert entry["perimeter"]
        assert entry["name_fr"] and entry["name_en"]
        assert entry["posts"].split() and set(entry["posts"].split()) <= set(POSTS)


def test_base_carbone_entries_match_the_published_extract():
    """Each Base Carbone value of version 20.2 is the extract's, line for line
    (the monetary ratios of later versions are not in that extract)."""
    with EXTRACT.open(encoding="utf-8") as f:
        published = {r["Identifiant de l'élément"]: r for r in csv.DictReader(f)}
    checked = 0
    for entry in defaults.entries():
        if entry["source"] == FactorSource.BASE_CARBONE and entry["source_version"] == "20.2":
            checked += 1
            line = published[entry["source_id"]]
            assert float(line["Total poste non décomposé"]) == pytest.approx(entry["value"])
            assert float(line["Incertitude"]) == pytest.approx(entry["uncertainty"])
    assert checked >= 15


def test_refrigerant_blends_are_their_components_weighted_by_mass():
    gwp = {"HFC-32": 677, "HFC-125": 3170, "HFC-134a": 1300, "HFC-143a": 4800}  # AR5 table 8.A.1
    values = {e["key"]: e["value"] for e in defaults.entries()}
    assert values["refrigerant-r32"] == gwp["HFC-32"]
    assert values["refrigerant-r134a"] == gwp["HFC-134a"]
    assert values["refrigerant-r410a"] == pytest.approx(0.5 * gwp["HFC-32"] + 0.5 * gwp["HFC-125"])
    assert values["refrigerant-r404a"] == pytest.approx(
        0.44 * gwp["HFC-125"] + 0.52 * gwp["HFC-143a"] + 0.04 * gwp["HFC-134a"]
    )


def test_sync_creates_then_changes_nothing():
    first = defaults.sync()
    second = defaults.sync()

    assert first.created == len(defaults.entries())
    assert (second.created, second.updated, second.unchanged) == (0, 0, len(defaults.entries()))
    for key in BUILT_ON:
        assert factors.shipped(key).key == key


def test_a_new_value_supersedes_the_row_a_line_keeps(monkeypatch, tmp_path):
    defaults.sync()
    old = factors.shipped("diesel-litre")
    line = make_line(post="fuel_vehicles", factor=old, quantity=100)
    data = yaml.safe_load(defaults.SHIPPED.read_text(encoding="utf-8"))
    for entry in data["factors"]:
        if entry["key"] == "diesel-litre":
            entry["value"] = old.value * 2
            entry["source_version"] = "99.0"
    changed = tmp_path / "factors.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(defaults, "SHIPPED", changed)
    defaults.entries.cache_clear()
    try:
        result = defaults.sync()
    finally:
        defaults.entries.cache_clear()

    assert result.updated == 1
    newer = factors.shipped("diesel-litre")
    assert newer.pk != old.pk and newer.value == old.value * 2
    old.refresh_from_db()
    line.refresh_from_db()
    assert old.superseded_by_id == newer.pk and old.value == newer.value / 2
    assert line.factor_id == old.pk


def test_a_changed_label_on_an_unused_row_is_made_in_place(monkeypatch, tmp_path):
    defaults.sync()
    before = factors.shipped("propane-kg")
    data = yaml.safe_load(defaults.SHIPPED.read_text(encoding="utf-8"))
    for entry in data["factors"]:
        if entry["key"] == "propane-kg":
            entry["name_en"] = "Propane gas, per kg"
    changed = tmp_path / "factors.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(defaults, "SHIPPED", changed)
    defaults.entries.cache_clear()
    try:
        defaults.sync()
    finally:
        defaults.entries.cache_clear()

    after = factors.shipped("propane-kg")
    assert after.pk == before.pk and after.name_en == "Propane gas, per kg"
    assert EmissionFactor.objects.filter(key="propane-kg").count() == 1


def test_every_shipped_factor_fits_its_fields_on_every_database():
    """SQLite stores a too-long text where PostgreSQL refuses it: the model's
    own validation says it on both."""
    for fields in defaults.entries():
        EmissionFactor(network=None, **fields).full_clean()
