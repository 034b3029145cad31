"""Joining and leaving clubs."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levier.clubs.models import Club, ClubMember
from levier.lib.verdicts import ALLOWED, Verdict


def club_eligibility(club: Club, organisation) -> Verdict:
    if organisation is None or organisation.network_id != club.network_id:
        return Verdict(
            False, _("Reserved to the members of %(network)s.") % {"network": club.network.name}
        )
    if club.min_headcount and organisation.headcount < club.min_headcount:
        return Verdict(
            False,
            ngettext(
                "Reserved to organisations of %(count)s employee or more.",
                "Reserved to organisations of %(count)s employees or more.",
                club.min_headcount,
            )
            % {"count": club.min_headcount},
        )
    return ALLOWED


class JoinRefused(Exception):
    pass


def join(club: Club, user, organisation) -> ClubMember:
    verdict = club_eligibility(club, organisation)
    if not verdict:
        raise JoinRefused(verdict.reason)
    try:
        with transaction.atomic():
            return ClubMember.objects.create(club=club, user=user, organisation=organisation)
    except IntegrityError:
        raise JoinRefused(_("You are already a member of this club.")) from None


def leave(club: Club, user) -> None:
    ClubMember.objects.filter(club=club, user=user).delete()


def runs_meetings(scope, user, club: Club) -> bool:
    """The club's own animators, and the network's, publish its meetings."""
    return (
        scope.animates(club.network_id)
        or club.members.filter(user=user, role=ClubMember.Role.ANIMATOR).exists()
    )
