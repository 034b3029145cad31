from django.utils.functional import SimpleLazyObject

from levier.accounts.models import Membership, Network, NetworkRole


def navigation(request):
    """The organisations and networks a person can go to, for the main menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_memberships": SimpleLazyObject(
            lambda: list(
                Membership.objects.filter(user=user)
                .select_related("organisation")
                .order_by("organisation__name")
            )
        ),
        "nav_network_roles": SimpleLazyObject(
            lambda: list(
                NetworkRole.objects.filter(user=user)
                .select_related("network")
                .order_by("network__name")
            )
        ),
        # The networks whose shared projects the person reads for a funder.
        "nav_funder_networks": SimpleLazyObject(
            lambda: list(
                Network._base_manager.filter(pk__in=_funder_network_ids(request)).order_by("name")
            )
        ),
    }


def _funder_network_ids(request):
    scope = getattr(request, "scope", None)
    return scope.funder_network_ids if scope is not None else ()
