"""Managers of tenant data: a query made outside a scope fails instead of leaking.

Every model holding a network's or an organisation's data declares, with
``TenantManager(rule, path)``, which rule of ``Scope`` decides the rows a
person reaches, and the path from the model to what the rule is about (an
organisation, a network, an event...). The active scope lives in
django-scopes' context variable: the request middleware activates the
person's scope, tasks and commands say ``tenancy.system()``. With no scope
active, any read raises ``ScopeError``: forgetting the scope is a crash in
the tests, never a leak in production.

This module imports nothing of Levier's models, so that every app's models
can use it.
"""

from django.db import models
from django_scopes import ScopeError, get_scope
from django_scopes.manager import DisabledQuerySet

# The name under which the active Scope is stored in django-scopes' state.
DIMENSION = "tenancy"

__all__ = ["DIMENSION", "ScopeError", "TenantManager", "active_scope"]


def active_scope():
    """The Scope of the current request or block; None under ``system()`` or
    when none is active."""
    state = get_scope()
    if not state.get("_enabled", True):
        return None
    return state.get(DIMENSION)


def _disabled_class(queryset_class):
    """A queryset refusing every read, that still has the model's own
    queryset methods (they end in a refused read too)."""
    if issubclass(queryset_class, DisabledQuerySet):
        return queryset_class
    return type(f"Unscoped{queryset_class.__name__}", (DisabledQuerySet, queryset_class), {})


class TenantManager(models.Manager):
    """The default manager of a tenant model: every queryset it gives is
    narrowed to the active scope."""

    def __init__(self, rule: str, path: str = ""):
        super().__init__()
        self.rule = rule
        self.path = path

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
