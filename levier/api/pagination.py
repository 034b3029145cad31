"""Cursor pagination: stable under inserts, cheap at any depth (a keyset on
the primary key, never an OFFSET), and ``updated_since`` for synchronisation."""

import base64
import binascii
from datetime import UTC, datetime
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase
from pydantic import AfterValidator

DEFAULT_LIMIT = 50


def _in_utc(moment: datetime) -> datetime:
    # Any offset ISO 8601 allows (-19:35...) parses, but PostgreSQL refuses
    # offsets beyond ±15:59: compare in UTC. A time without an offset is UTC.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# The type of every ``updated_since`` filter.
Since = Annotated[datetime, AfterValidator(_in_utc)]
MAX_LIMIT = 200


def encode(pk: int) -> str:
    return base64.urlsafe_b64encode(f"pk:{pk}".encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _colon, value = text.partition(":")
        if kind != "pk" or not value.isdigit() or len(value) > 18:
            raise ValueError
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValidationError(
            [{"loc": ("query", "cursor"), "msg": _("Invalid cursor: use next_cursor as given.")}]
        ) from None


class CursorPagination(PaginationBase):
    class Input(Schema):
        cursor: str | None = Field(
            None, max_length=40, description="next_cursor of the previous page"
        )
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)

    class Output(Schema):
        items: list[Any]
        next_cursor: str | None = Field(None, description="Give it as cursor for the next page")

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, **params):
        rows = queryset.order_by("pk")
        if pagination.cursor:
            rows = rows.filter(pk__gt=decode(pagination.cursor))
        page = list(rows[: pagination.limit + 1])
        more = len(page) > pagination.limit
        page = page[: pagination.limit]
        return {"items": page, "next_cursor": encode(page[-1].pk) if more and page else None}
