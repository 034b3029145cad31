"""Clubs and programme cohorts as groups of organisations, for filters and
comparisons: the clubs, programmes and events apps own them, insights only reads them."""

from django.db.models import QuerySet

from levier.clubs.models import Club, ClubMember
from levier.programmes.models import Application, Programme


def clubs(network) -> QuerySet:
    return Club.objects.filter(network=network)


def programmes(network) -> QuerySet:
    return Programme.objects.filter(network=network)


def club(network, club_id) -> QuerySet:
    """The organisations with a member in the club (ids)."""
    return ClubMember.objects.filter(club_id=club_id, club__network=network).values("organisation")


def cohort(network, programme_id) -> QuerySet:
    """The organisations selected in the programme (ids)."""
    return Application.objects.filter(
        programme_id=programme_id,
        programme__network=network,
        status=Application.Status.SELECTED,
    ).values("organisation")


def of_organisation(organisation) -> list[tuple[str, str]]:
    """The clubs and cohorts an organisation belongs to, as (key, name)."""
    found = [
        (f"club:{c.pk}", c.name)
        for c in Club.objects.filter(members__organisation=organisation).distinct()
    ]
    found += [
        (f"cohort:{p.pk}", p.title)
        for p in Programme.objects.filter(
            applications__organisation=organisation,
            applications__status=Application.Status.SELECTED,
        ).distinct()
    ]
    return found


def members_of(organisation, key: str) -> QuerySet | None:
    """The organisation ids of one of ``of_organisation``'s circles; None when
    the key is not one of them."""
    if key not in dict(of_organisation(organisation)):
        return None
    kind, _sep, pk = key.partition(":")
    if kind == "club":
        return club(organisation.network, int(pk))
    return cohort(organisation.network, int(pk))
