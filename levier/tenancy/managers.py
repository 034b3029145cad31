"""Managers of tenant data: a query made outside a scope fails instead of leaking.

Every model holding a network's or an organisation's data declares, with
``tenant_manager(rule, path)``, which rule of ``Scope`` decides the rows a
person reaches, and the path from the model to what the rule is about (an
organisation, a network, an event...). The active scope lives in
django-scopes' context variable: the request middleware activates the
person's scope, tasks and commands say ``tenancy.system()``. With no scope
active, any read raises ``ScopeError``: forgetting the scope is a crash in
the tests, never a leak in production.

This module imports nothing of Levier's models, so that every app's models
can use it.
"""

from functools import cache

from django.db import models
from django_scopes import ScopeError, get_scope
from django_scopes.manager import DisabledQuerySet

# The name under which the active Scope is stored in django-scopes' state.
DIMENSION = "tenancy"

__all__ = ["DIMENSION", "ScopeError", "TenantManager", "active_scope", "taken", "tenant_manager"]


def active_scope():
    """The Scope of the current request or block; None under ``system()`` or
    when none is active."""
    state = get_scope()
    if not state.get("_enabled", True):
        return None
    return state.get(DIMENSION)


class Unscoped(DisabledQuerySet):
    """A queryset made with no scope active: every read raises ScopeError.

    ``all()`` is how Django copies a queryset it keeps for later, e.g. the
    choices of a model form's field, built when the form class is defined:
    it resolves again in the scope active at that later time (the request's),
    and stays refused if there is still none.
    """

    def all(self):
        fresh = self.model._default_manager.get_queryset()
        if isinstance(fresh, DisabledQuerySet):
            return self._chain()
        return fresh.using(self._db) if self._db else fresh

    # django-scopes refuses most reads; these query the database directly.
    exists = DisabledQuerySet.error
    explain = DisabledQuerySet.error
    _fetch_all = DisabledQuerySet.error


@cache
def _disabled_class(queryset_class):
    """``Unscoped`` with the model's own queryset methods (which end in a
    refused read too)."""
    return type(f"Unscoped{queryset_class.__name__}", (Unscoped, queryset_class), {})


class TenantManager(models.Manager):
    """The default manager of a tenant model: every queryset it gives is
    narrowed to the active scope. Made by ``tenant_manager``; the rule and
    path are class attributes because Django builds the related managers
    (``organisation.assessments``) as subclasses of this class."""

    rule: str = ""
    path: str = ""

    def get_queryset(self):
        state = get_scope()
        if not state.get("_enabled", True):
            return super().get_queryset()
        scope = state.get(DIMENSION)
        if scope is None:
            return _disabled_class(self._queryset_class)(
                self.model, using=self._db, missing_scopes=[DIMENSION]
            )
        return super().get_queryset().filter(scope.rule(self.rule, self.path))


def tenant_manager(rule: str, path: str = "", queryset=None) -> TenantManager:
    """The manager of a model whose rows the scope's ``rule`` filters, reached
    from the model through ``path`` ("" for the model itself), with the
    model's own ``queryset`` class if it has one."""
    base = TenantManager.from_queryset(queryset) if queryset else TenantManager
    name = f"{rule.title()}TenantManager"
    return type(name, (base,), {"rule": rule, "path": path, "__module__": __name__})()


def taken(model, **lookup) -> bool:
    """Whether a unique value (a slug, a code) is used anywhere, in every
    tenant: the one question about rows outside a scope that may be asked,
    because its answer shows nothing of them and a new row must not collide."""
    return model._base_manager.filter(**lookup).exists()
