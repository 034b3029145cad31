"""Every view declares its scope; the tenancy test refuses a route that does not.

- ``org_view(capability)``: URLs under ``o/<org:org_slug>/``. The view
  receives the person's ``OrgAccess``; no role there, or no such
  capability, answers 404 (never 403: an organisation outside one's scope
  does not exist).
- ``network_view(capability)``: URLs under ``n/<network:network_slug>/``,
  for the network's staff.
- ``funder_view``: URLs under ``f/<network:network_slug>/``, for the
  contact people of the network's funders (``Scope.funder_access``): they
  are no members of the network and reach only what the finance rules give
  them.
- ``member_view``: signed-in pages whose objects come from the person's
  scope (agenda, clubs, practices...).
- ``account_view``: the signed-in person's own account.
- ``public_view``: open to everybody; tenant data still goes through the
  (anonymous) scope.
- ``token_view``: a secret in the address stands for a person or an object
  (invitation links, calendar feeds, guests' registrations).
- the back office (``admin/``) is declared as a whole: ``levier.tenancy.admin``
  scopes every one of its pages.
- the API (``api/``) is declared as a whole: every operation runs in the
  scope of the request's token (``Scope.of_token``), built by the same
  middleware as a person's.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from levier.tenancy.scope import NetworkAccess, OrgAccess

ORGANISATION, NETWORK, FUNDER, MEMBER, ACCOUNT, PUBLIC, TOKEN, ADMIN, API = (
    "organisation",
    "network",
    "funder",
    "member",
    "account",
    "public",
    "token",
    "admin",
    "api",
)
SCOPES = (ORGANISATION, NETWORK, FUNDER, MEMBER, ACCOUNT, PUBLIC, TOKEN, ADMIN, API)


def _declare(view, scope: str, capability: str | None = None):
    view.levier_scope = scope
    view.levier_capability = capability
    return view


def org_view(capability: str = "view_profile"):
    """Decorate a view taking ``org_slug``: it receives ``access`` instead.

    ``capability`` names an ``OrgAccess.can_*`` property.
    """
    if not hasattr(OrgAccess, f"can_{capability}"):
        raise ValueError(f"Unknown organisation capability: {capability}")

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, org_slug, *args, **kwargs):
            access = request.scope.org_access(org_slug)
            if not getattr(access, f"can_{capability}"):
                raise Http404
            request.org_access = access
            return view(request, access, *args, **kwargs)

        return _declare(wrapper, ORGANISATION, capability)

    return decorator


def network_view(capability: str = "animate"):
    """Decorate a view taking ``network_slug``: it receives ``access`` instead."""
    if not hasattr(NetworkAccess, f"can_{capability}"):
        raise ValueError(f"Unknown network capability: {capability}")

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, network_slug, *args, **kwargs):
            access = request.scope.network_access(network_slug)
            if not getattr(access, f"can_{capability}"):
                raise Http404
            return view(request, access, *args, **kwargs)

        return _declare(wrapper, NETWORK, capability)

    return decorator


def network_aggregates(view):
    """For a ``network_view`` computing anonymised figures over the network's
    members' work (dashboards): the whole view, templates included, runs in
    ``Scope.aggregating`` for that one network."""

    @wraps(view)
    def wrapper(request, access, *args, **kwargs):
        with request.scope.aggregating([access.network.pk]):
            return view(request, access, *args, **kwargs)

    return wrapper


def funder_view(view):
    """Decorate a view taking ``network_slug``, for a funder's contact person:
    it receives their ``FunderAccess`` instead (404 for anyone who speaks for
    no active funder of that network)."""

    @login_required
    @wraps(view)
    def wrapper(request, network_slug, *args, **kwargs):
        access = request.scope.funder_access(network_slug)
        return view(request, access, *args, **kwargs)

    return _declare(wrapper, FUNDER)


def member_view(view):
    return _declare(login_required(view), MEMBER)


def account_view(view):
    return _declare(login_required(view), ACCOUNT)


def public_view(view):
    return _declare(view, PUBLIC)


def token_view(view):
    return _declare(view, TOKEN)


def declared(pattern, scope: str):
    """Declare the scope of an included URL conf we do not write (allauth,
    i18n): every route under ``pattern`` inherits it."""
    if scope not in SCOPES:
        raise ValueError(scope)
    pattern.levier_scope = scope
    return pattern
