"""Builders of carbon objects for tests: factors, inventories, lines.

Every value has a plain default the test can override; tests compute their
expected figures from the values they pass, never from these defaults.
"""

import itertools

from levier.carbon.models import (
    DataQuality,
    EmissionFactor,
    FactorSource,
    Inventory,
    InventoryLine,
)
from tests.factories import make_organisation

_counter = itertools.count(1)


def make_factor(
    value=0.1, unit="kWh", posts=("electricity",), network=None, **fields
) -> EmissionFactor:
    """A factor in kgCO2e per ``unit`` suited to ``posts`` (shipped when no
    network is given)."""
    n = next(_counter)
    fields.setdefault("name_fr", f"Facteur {n}")
    fields.setdefault("name_en", f"Factor {n}")
    fields.setdefault("source", FactorSource.BASE_CARBONE)
    fields.setdefault("source_id", str(10000 + n))
    fields.setdefault("source_version", "23.0")
    if network is None:
        fields.setdefault("key", f"test-factor-{n}")
    factor = EmissionFactor(network=network, unit=unit, value=value, **fields)
    factor.post_codes = list(posts)
    factor.save()
    return factor


def make_inventory(organisation=None, year=2024, **fields) -> Inventory:
    fields.setdefault("headcount", 20)
    return Inventory.objects.create(
        organisation=organisation or make_organisation(), year=year, **fields
    )


def make_line(
    inventory=None,
    post="electricity",
    quantity=1000.0,
    unit=None,
    factor=None,
    **fields,
) -> InventoryLine:
    """A line of ``inventory`` (a new one when not given); the factor is
    made for ``post`` in ``unit`` ("kWh" when neither is given)."""
    inventory = inventory or make_inventory()
    if factor is None:
        factor = make_factor(unit=unit or "kWh", posts=(post,))
    fields.setdefault("label", f"Line {next(_counter)}")
    fields.setdefault("data_quality", DataQuality.MEASURED)
    return InventoryLine.objects.create(
        inventory=inventory,
        post=post,
        quantity=quantity,
        unit=unit or factor.unit,
        factor=factor,
        **fields,
    )
