"""Tenancy and consent: the one mechanism that decides what a person reaches.

See ``scope.py`` and docs/adr/0013-one-scope-fail-closed.md. This package
holds no models; its modules are imported directly (``levier.tenancy.scope``)
so that models can use ``managers`` without an import cycle.
"""
