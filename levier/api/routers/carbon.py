"""Carbon inventories: their footprint in tCO2e with its uncertainty, as the
results page computes it (``levier.carbon.results``)."""

from datetime import datetime
from typing import Annotated, Literal

from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from levier.api.auth import organisation_id, require
from levier.api.pagination import CursorPagination, Since
from levier.api.problems import Problem
from levier.api.schemas_org import changed_since
from levier.carbon import results as carbon_results
from levier.carbon import services
from levier.carbon.models import Inventory, InventoryLine

router = Router(tags=["carbon"])


class InventorySummary(Schema):
    id: int
    year: int
    site: str | None = Field(description="null: the whole organisation")
    status: Literal["draft", "locked"]
    total_tco2e: float
    uncertainty_tco2e: float = Field(description="Half-width of the range, in tCO2e")
    lines: int = Field(description="Activity lines entered")
    created_at: datetime
    updated_at: datetime
    locked_at: datetime | None

    @staticmethod
    def resolve_site(obj):
        return obj.site or None

    @staticmethod
    def resolve_total_tco2e(obj):
        return _footprint(obj).total.kg / 1000

    @staticmethod
    def resolve_uncertainty_tco2e(obj):
        return _footprint(obj).total.uncertainty_kg / 1000

    @staticmethod
    def resolve_lines(obj):
        return len(obj.api_lines)


class Figure(Schema):
    code: str
    label: str
    tco2e: float
    uncertainty_tco2e: float = Field(description="Half-width of the range, in tCO2e")
    low_tco2e: float
    high_tco2e: float
    share_percent: float = Field(description="Of the inventory's total")


class BegesCategoryOut(Figure):
    posts: list[Figure]


class InventoryOut(InventorySummary):
    headcount: int | None
    revenue_keur: float | None
    target_percent: float | None
    target_year: int | None
    per_employee_tco2e: float | None
    change_percent: float | None = Field(
        description="Change of the total since the same site's previous inventory"
    )
    scopes: list[Figure] = Field(description="GHG Protocol scopes 1, 2 and 3")
    scope3_categories: list[Figure] = Field(description="GHG Protocol scope 3 categories")
    beges: list[BegesCategoryOut] = Field(description="BEGES categories and their posts")
    categories: list[Figure] = Field(description="Levier's inventory categories")


def _footprint(inventory: Inventory):
    if not hasattr(inventory, "api_footprint"):
        inventory.api_footprint = services.footprint(inventory, inventory.api_lines)
    return inventory.api_footprint


def _inventories(request):
    lines = InventoryLine.objects.select_related("factor").order_by("post", "pk")
    return Inventory.objects.filter(organisation_id=organisation_id(request)).prefetch_related(
        Prefetch("lines", queryset=lines, to_attr="api_lines")
    )


def _figure(row) -> dict:
    return {
        "code": str(row.code),
        "label": row.label,
        "tco2e": row.tonnes,
        "uncertainty_tco2e": row.uncertainty_tonnes,
        "low_tco2e": row.low_tonnes,
        "high_tco2e": row.high_tonnes,
        "share_percent": row.percent,
    }


@router.get(
    "/carbon/inventories",
    response={200: list[InventorySummary], 401: Problem, 403: Problem, 404: Problem},
    summary="The organisation's carbon inventories",
)
@paginate(CursorPagination)
def list_inventories(
    request,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    updated_since: Annotated[
        Since | None, Query(description="Inventories or activity lines changed since then")
    ] = None,
):
    """``updated_since`` matches an inventory changed since then
    (``Inventory.updated_at``) or one of whose lines changed
    (``InventoryLine.updated_at``)."""
    require(request, "carbon")
    rows = _inventories(request)
    if year is not None:
        rows = rows.filter(year=year)
    return changed_since(
        rows,
        updated_since,
        "updated_at",
        children=(InventoryLine.objects.all(), "inventory", "updated_at"),
    )


@router.get(
    "/carbon/inventories/{inventory_id}",
    response={200: InventoryOut, 401: Problem, 403: Problem, 404: Problem},
    summary="One inventory's footprint by scope and category",
)
def get_inventory(request, inventory_id: int):
    require(request, "carbon")
    inventory = _inventories(request).get(pk=inventory_id)
    built = carbon_results.build(inventory)
    inventory.api_footprint = built.footprint
    per_employee = built.per_employee_tonnes
    inventory.per_employee_tco2e = per_employee.kg if per_employee else None
    inventory.change_percent = built.change_percent
    inventory.scopes = [_figure(row) for row in built.scopes]
    inventory.scope3_categories = [_figure(row) for row in built.scope3_categories]
    inventory.beges = [
        {**_figure(category.row), "posts": [_figure(post) for post in category.posts]}
        for category in built.beges
    ]
    inventory.categories = [_figure(row) for row in built.posts]
    return inventory
