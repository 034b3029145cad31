"""What the organisation's operations share: the ``updated_since`` filter,
and web forms' errors as 422 problems with the field at fault."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from ninja.errors import ValidationError


def aware(value: datetime) -> datetime:
    """A datetime as given, in the site's time zone when it names none."""
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def changed_since(rows, since: datetime | None, *fields: str, children=None):
    """``rows`` changed at or after ``since``: any of ``fields`` of the row,
    or (``children``: a queryset of related rows and the name of their
    foreign key to the row, their own field) a related row's change."""
    if since is None:
        return rows
    since = aware(since)
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__gte": since})
    if children is not None:
        related, link, field = children
        condition |= Q(Exists(related.filter(**{link: OuterRef("pk"), f"{field}__gte": since})))
    return rows.filter(condition)


def invalid(errors: dict[str, list[str]]):
    """A 422 problem naming each field at fault (a form's ``errors``)."""
    return ValidationError(
        [
            {"loc": ("body", "payload", field), "msg": str(message)}
            for field, messages in errors.items()
            for message in messages
        ]
    )


def form_data(values: dict) -> dict:
    """A JSON body as a bound form reads it: nothing given is an empty field."""
    return {name: "" if value is None else value for name, value in values.items()}
