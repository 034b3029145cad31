"""Demo clubs, each with its members (the first one animates it)."""

from levier.clubs.models import Club, ClubMember


def club(network, name, description, min_headcount, memberships) -> Club:
    club = Club.objects.create(
        network=network, name=name, description=description, min_headcount=min_headcount
    )
    for position, membership in enumerate(memberships):
        ClubMember.objects.create(
            club=club,
            user=membership.user,
            organisation=membership.organisation,
            role=ClubMember.Role.ANIMATOR if position == 0 else ClubMember.Role.MEMBER,
        )
    return club
