"""The one permission mechanism every view and API goes through.

A view scoped to an organisation or a network declares the capability it
needs; the decorator resolves the object from the URL and the user's role in
it, and answers 404 when the user has no role there or lacks the capability.
404 rather than 403: a user outside an organisation must not learn that it
exists.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from levier.accounts.models import Membership, Network, NetworkRole, Organisation, OrgRole

ORG_RANK = {OrgRole.VIEWER: 1, OrgRole.CONTRIBUTOR: 2, OrgRole.ADMIN: 3}


@dataclass(frozen=True)
class OrgAccess:
    """What one user may do in one organisation."""

    organisation: Organisation
    role: str | None  # membership role, None for network staff who are not members
    network_role: str | None  # animator or network_admin of the organisation's network

    @property
    def rank(self) -> int:
        return ORG_RANK.get(self.role, 0)

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def is_network_staff(self) -> bool:
        return self.network_role is not None

    # Capabilities. Network staff see the profile and people, never the
    # organisation's own work (assessments, plans) unless it shares them.
    @property
    def can_view_profile(self) -> bool:
        return self.is_member or self.is_network_staff

    @property
    def can_view_work(self) -> bool:
        return self.is_member

    @property
    def can_contribute(self) -> bool:
        return self.rank >= ORG_RANK[OrgRole.CONTRIBUTOR]

    @property
    def can_administer(self) -> bool:
        return self.role == OrgRole.ADMIN

    @property
    def can_manage_people(self) -> bool:
        return self.can_administer or self.is_network_staff

    @property
    def can_edit_profile(self) -> bool:
        return self.can_administer or self.is_network_staff


@dataclass(frozen=True)
class NetworkAccess:
    network: Network
    role: str

    @property
    def can_animate(self) -> bool:
        return self.role in (NetworkRole.Role.ANIMATOR, NetworkRole.Role.NETWORK_ADMIN)

    @property
    def can_administer(self) -> bool:
        return self.role == NetworkRole.Role.NETWORK_ADMIN


def get_org_access(user, org_slug: str) -> OrgAccess:
    """The user's access to the organisation, or 404 when they have none."""
    if not user.is_authenticated:
        raise Http404
    try:
        organisation = Organisation.objects.select_related("network").get(slug=org_slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    role = (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )
    network_role = (
        NetworkRole.objects.filter(user=user, network_id=organisation.network_id)
        .values_list("role", flat=True)
        .first()
    )
    if role is None and network_role is None:
        raise Http404
    return OrgAccess(organisation, role, network_role)


def get_network_access(user, network_slug: str) -> NetworkAccess:
    if not user.is_authenticated:
        raise Http404
    role = (
        NetworkRole.objects.filter(user=user, network__slug=network_slug)
        .select_related("network")
        .first()
    )
    if role is None:
        raise Http404
    return NetworkAccess(role.network, role.role)


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
            access = get_org_access(request.user, org_slug)
            if not getattr(access, f"can_{capability}"):
                raise Http404
            request.org_access = access
            return view(request, access, *args, **kwargs)

        wrapper.levier_scope = "organisation"
        return wrapper

    return decorator


def network_view(capability: str = "animate"):
    """Decorate a view taking ``network_slug``: it receives ``access`` instead."""
    if not hasattr(NetworkAccess, f"can_{capability}"):
        raise ValueError(f"Unknown network capability: {capability}")

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, network_slug, *args, **kwargs):
            access = get_network_access(request.user, network_slug)
            if not getattr(access, f"can_{capability}"):
                raise Http404
            return view(request, access, *args, **kwargs)

        wrapper.levier_scope = "network"
        return wrapper

    return decorator
