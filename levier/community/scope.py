"""What a signed-in person may see of the networks' animation.

Member-facing pages live outside ``n/<network_slug>/`` (``network_view`` lets
only network staff in), so each one starts from these querysets and answers
404 for anything outside them.
"""

from django.db.models import Q

from levier.accounts.models import Membership, NetworkRole
from levier.community.models import Event


def member_network_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(user=user).values_list("organisation__network_id", flat=True)
    )


def staff_network_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(NetworkRole.objects.filter(user=user).values_list("network_id", flat=True))


def network_ids(user) -> set[int]:
    return member_network_ids(user) | staff_network_ids(user)


def visible_events(user):
    """Published events of the person's networks; drafts too for their animators."""
    return Event.objects.filter(
        Q(network_id__in=member_network_ids(user), is_published=True)
        | Q(network_id__in=staff_network_ids(user))
    ).select_related("network", "club")


def memberships_in(user, network_id: int):
    return (
        Membership.objects.filter(user=user, organisation__network_id=network_id)
        .select_related("organisation")
        .order_by("organisation__name")
    )
