import itertools

from levier.clubs.models import Club, ClubMember

_counter = itertools.count(1)


def make_club(network, **fields) -> Club:
    fields.setdefault("name", f"Club {next(_counter)}")
    return Club.objects.create(network=network, **fields)


def join_club(club, user, organisation, role=ClubMember.Role.MEMBER) -> ClubMember:
    return ClubMember.objects.create(club=club, user=user, organisation=organisation, role=role)
