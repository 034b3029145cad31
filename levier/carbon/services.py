"""The carbon footprint of an inventory, read from the database and computed
by ``levier.engine.carbon``."""

from django.db import transaction
from django.utils import timezone

from levier.carbon.models import DataQuality, EmissionFactor, Inventory, InventoryLine
from levier.engine.carbon import footprint as engine
from levier.engine.carbon import units

# Relative uncertainty of activity data by its quality. Levier's convention,
# not a published figure: a bill or meter reading is close (±5 %), an
# estimate is often off by a third, an extrapolation by half. The factor's own
# uncertainty comes from its source. See ADR 18.
DATA_UNCERTAINTY = {
    DataQuality.MEASURED: 0.05,
    DataQuality.ESTIMATED: 0.30,
    DataQuality.EXTRAPOLATED: 0.50,
}


def engine_line(line: InventoryLine, factor: EmissionFactor | None = None) -> engine.Line:
    factor = factor or line.factor
    return engine.Line(
        key=line.pk,
        post=line.post,
        quantity=line.quantity,
        unit=line.unit,
        factor_value=factor.value,
        factor_unit=factor.unit,
        factor_uncertainty=factor.uncertainty / 100,
        data_uncertainty=DATA_UNCERTAINTY[line.data_quality],
        amortisation_years=line.amortisation_years if line.post == "fixed_assets" else 1,
    )


def lines_of(inventory: Inventory) -> list[InventoryLine]:
    """The inventory's lines with their factors, in one query."""
    return list(inventory.lines.select_related("factor").order_by("post", "pk"))


def footprint(inventory: Inventory, lines: list[InventoryLine] | None = None) -> engine.Footprint:
    lines = lines_of(inventory) if lines is None else lines
    return engine.compute(engine_line(line) for line in lines)


def check_units(unit: str, factor: EmissionFactor) -> None:
    """Raise ``units.UnitMismatch`` when a quantity in ``unit`` cannot be
    expressed in the factor's unit."""
    units.factor(unit, factor.unit)


@transaction.atomic
def lock(inventory: Inventory, user) -> None:
    """Freeze the inventory: its lines and their factors no longer change."""
    inventory = Inventory.objects.select_for_update().get(pk=inventory.pk)
    if inventory.is_locked:
        return
    inventory.status = Inventory.Status.LOCKED
    inventory.locked_at = timezone.now()
    inventory.locked_by = user
    inventory.save(update_fields=["status", "locked_at", "locked_by", "updated_at"])


@transaction.atomic
def unlock(inventory: Inventory) -> None:
    Inventory.objects.filter(pk=inventory.pk).update(
        status=Inventory.Status.DRAFT, locked_at=None, locked_by=None
    )
