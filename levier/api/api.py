"""The API, version 1: one NinjaAPI whose routers live in the ``routers``
package, one per area. Served under /api/v1/ with its OpenAPI document and
its docs page (Swagger UI from django-ninja's own static files, never a CDN)."""

from ninja import NinjaAPI

from levier.api import problems
from levier.api.auth import TokenAuth
from levier.api.parser import ObjectBodyParser
from levier.api.routers import (
    assessments,
    carbon,
    events,
    network,
    organisation,
    plans,
    practices,
    token,
    vsme,
)

api = NinjaAPI(
    title="Levier API",
    version="1",
    description=(
        "Levier's public API. Create a token in Levier (organisation or network "
        "settings, API tokens) and send it as `Authorization: Bearer <token>`. "
        "Errors are RFC 9457 problem details. See docs/api.md."
    ),
    auth=TokenAuth(),
    parser=ObjectBodyParser(),
    urls_namespace="api-1",
)
problems.install(api)

# Routers, by area (each module owns its paths).
api.add_router("", token.router)
api.add_router("", organisation.router)
api.add_router("", assessments.router)
api.add_router("", plans.router)
api.add_router("", carbon.router)
api.add_router("", vsme.router)
api.add_router("", events.router)
api.add_router("", practices.router)
api.add_router("", network.router)
