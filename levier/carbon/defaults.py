"""Levier's shipped emission factors (``data/factors.yaml``) in the database.

``sync()`` is idempotent, by each factor's ``key``: a new factor is created;
a new value (or unit, or source identifier) creates a new row that
supersedes the old one, so a locked inventory keeps the figures it was
locked with; other changes (labels, categories, references) are made in
place on a row no line uses, and as a new version on a row some line uses.
Factors no longer in the file stay (inventories may use them).

Run by ``manage.py sync_factors``, ``make install`` and the demo; a test that
needs the shipped factors calls ``defaults.sync()`` (under the tests'
``system()`` scope).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.db import transaction

from levier.carbon.models import EmissionFactor, FactorSource
from levier.engine.carbon.posts import POSTS
from levier.engine.carbon.units import UNITS

SHIPPED = Path(__file__).resolve().parent / "data" / "factors.yaml"
# Changing one of these makes a new version, whoever uses the row.
FIGURES = ("unit", "value", "source", "source_id")
DESCRIPTION = (
    "name_fr",
    "name_en",
    "category",
    "posts",
    "source_unit",
    "uncertainty",
    "source_version",
    "reference",
    "perimeter",
    "location",
    "valid_until",
)
REQUIRED = ("key", "name_fr", "name_en", "unit", "value", "source", "source_id", "posts")


class InvalidFactors(ValueError):
    """The shipped file is wrong: a programming error, said at once."""


@dataclass
class Synced:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@cache
def entries() -> tuple[dict, ...]:
    """The shipped factors as model fields, checked."""
    return tuple(_fields(entry) for entry in _load(SHIPPED))


def _load(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    factors = data.get("factors") if isinstance(data, dict) else None
    if not isinstance(factors, list):
        raise InvalidFactors(f"{path}: no list of factors")
    keys = [entry.get("key") for entry in factors]
    duplicated = {key for key in keys if keys.count(key) > 1}
    if duplicated:
        raise InvalidFactors(f"duplicated keys: {sorted(duplicated)}")
    return factors


def _fields(entry: dict) -> dict:
    missing = [name for name in REQUIRED if entry.get(name) in (None, "")]
    key = entry.get("key", "?")
    if missing:
        raise InvalidFactors(f"{key}: missing {missing}")
    if entry["unit"] not in UNITS:
        raise InvalidFactors(f"{key}: unknown unit {entry['unit']}")
    unknown = [post for post in entry["posts"] if post not in POSTS]
    if unknown:
        raise InvalidFactors(f"{key}: unknown categories {unknown}")
    if entry["source"] not in FactorSource.values:
        raise InvalidFactors(f"{key}: unknown source {entry['source']}")
    if float(entry["value"]) < 0 or not 0 <= float(entry.get("uncertainty", 0)) <= 500:
        raise InvalidFactors(f"{key}: value or uncertainty out of range")
    fields = {name: str(entry.get(name) or "") for name in DESCRIPTION if name != "posts"}
    fields.update(
        key=entry["key"],
        unit=entry["unit"],
        value=float(entry["value"]),
        uncertainty=float(entry.get("uncertainty", 0)),
        source=entry["source"],
        source_id=str(entry["source_id"]),
        posts=f" {' '.join(entry['posts'])} ",
    )
    return fields


@transaction.atomic
def sync() -> Synced:
    """Create or update the shipped factors (see the module's docstring)."""
    result = Synced()
    wanted = entries()
    current = {
        factor.key: factor
        for factor in EmissionFactor.objects.filter(
            network__isnull=True, superseded_by__isnull=True, key__in=[e["key"] for e in wanted]
        )
    }
    used = set(
        EmissionFactor.objects.filter(pk__in=[f.pk for f in current.values()], lines__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    for fields in wanted:
        factor = current.get(fields["key"])
        if factor is None:
            EmissionFactor.objects.create(network=None, **fields)
            result.created += 1
            continue
        changed = [
            name for name in (*FIGURES, *DESCRIPTION) if getattr(factor, name) != fields[name]
        ]
        if not changed:
            result.unchanged += 1
        elif factor.pk in used or any(name in FIGURES for name in changed):
            newer = EmissionFactor.objects.create(network=None, **fields)
            factor.superseded_by = newer
            factor.save(update_fields=["superseded_by"])
            result.updated += 1
        else:
            for name in changed:
                setattr(factor, name, fields[name])
            factor.save(update_fields=changed)
            result.updated += 1
    return result
