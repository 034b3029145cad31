from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """Migrations only. The app held events, clubs and programmes until they
    became the ``events``, ``clubs`` and ``programmes`` apps (ADR 39). Their
    tables kept its ``community_`` names, and existing databases have applied
    its migrations: the new apps' first migrations depend on them, and its last
    one takes the models out of its state. Remove it once every database has
    applied ``community.0009`` and the migrations have been squashed."""

    name = "levier.community"
    verbose_name = _("Network animation")
