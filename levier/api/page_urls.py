"""The pages where admins manage API tokens and webhooks (``views``): under
``o/<org>/api/`` for an organisation, ``n/<network>/api/`` for a network.
Kept apart from ``urls`` (the API itself, declared as a whole with the API's
scope): each page here declares its own scope."""

from django.urls import path

from levier.api import views

ROUTES = [
    ("", "overview", "api"),
    ("calls/", "calls", "api_calls"),
    ("tokens/new/", "token_new", "api_token_new"),
    ("tokens/<{token}:token_id>/", "token_detail", "api_token"),
    ("tokens/<{token}:token_id>/revoke/", "token_revoke", "api_token_revoke"),
    ("webhooks/new/", "webhook_new", "api_webhook_new"),
    ("webhooks/<{webhook}:webhook_id>/", "webhook_detail", "api_webhook"),
    ("webhooks/<{webhook}:webhook_id>/ping/", "webhook_ping", "api_webhook_ping"),
    ("webhooks/<{webhook}:webhook_id>/pause/", "webhook_pause", "api_webhook_pause"),
    ("webhooks/<{webhook}:webhook_id>/delete/", "webhook_delete", "api_webhook_delete"),
]


def _routes(prefix: str, kind: str, pages: dict) -> list:
    converters = {"token": f"{kind}_api_token", "webhook": f"{kind}_webhook"}
    return [
        path(prefix + route.format(**converters), pages[page], name=f"{kind}_{name}")
        for route, page, name in ROUTES
    ]


urlpatterns = _routes("o/<org:org_slug>/api/", "org", views.ORG) + _routes(
    "n/<network:network_slug>/api/", "network", views.NETWORK
)
