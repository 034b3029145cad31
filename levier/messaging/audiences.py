"""Who a campaign reaches: its audience resolved into organisations, then
into people.

Targeting by results (the members who lose the most points on a theme) reads
only the organisations that share their results with the network, with the
improvement report's measure: the points each question's best answer would
add (``ScoreLine.lost``) on the latest submitted assessment of the last 24
months. Only whether an organisation is in the group leaves this module:
never its points, nor its rank (organisations come out in name order).
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import Sum

from levier.accounts.models import Membership, Organisation, OrgRole
from levier.assessments.models import ScoreLine
from levier.clubs.models import ClubMember
from levier.events.models import Registration
from levier.insights import network_stats
from levier.insights.models import Sharing
from levier.lib.collation import ReadingOrder
from levier.messaging.models import AudienceKind, Campaign, RecipientChoice
from levier.programmes.models import Application
from levier.tenancy.scope import current

# Audiences that gather people themselves, not only organisations.
PEOPLE_AUDIENCES = (AudienceKind.CLUB, AudienceKind.REGISTRANTS, AudienceKind.WAITLIST)


@dataclass(frozen=True)
class Recipient:
    user_id: int
    email: str
    name: str
    organisation_id: int | None


@dataclass(frozen=True)
class Resolved:
    organisations: list  # Organisation, in name order
    recipients: list  # Recipient, one per person

    @property
    def count(self) -> int:
        return len(self.recipients)


@contextmanager
def _reading_shared(network):
    """The ids of the organisations sharing their results with ``network``,
    with the reader's scope widened to their work (under ``system()``, which
    reaches everything, only the ids)."""
    scope = current()
    if scope is None:
        yield frozenset(sharing_ids(network))
        return
    with scope.reading_all_shared(network) as shared:
        yield shared


def sharing_ids(network) -> list[int]:
    return list(
        Sharing.objects.filter(organisation__network=network).values_list(
            "organisation_id", flat=True
        )
    )


def losing_on_theme(network, framework_version, theme_code: str, limit: int) -> list[int]:
    """The ids of at most ``limit`` organisations sharing their results that
    lose the most points on the theme (those who lose none are left out)."""
    if framework_version is None or not theme_code:
        return []
    try:
        theme = framework_version.pack.theme(theme_code)
    except KeyError:
        return []
    codes = [question.code for question in theme.questions]
    if not codes:
        return []
    with _reading_shared(network) as consenting:
        snapshots = network_stats.current_snapshots(
            network,
            framework_version,
            Organisation.objects.filter(network=network, pk__in=consenting),
        )
        rows = (
            ScoreLine.objects.filter(
                snapshot__in=snapshots.values("pk"),
                level=ScoreLine.Level.QUESTION,
                code__in=codes,
                lost__gt=0,
            )
            .values("snapshot__organisation")
            .annotate(points=Sum("lost"))
            .order_by("-points", "snapshot__organisation")[:limit]
        )
        return [row["snapshot__organisation"] for row in rows]


def _organisation_ids(campaign: Campaign):
    """The organisations of the audience, as a queryset of ids or a list."""
    network = campaign.network
    kind = campaign.audience
    if kind == AudienceKind.ALL:
        return Organisation.objects.filter(network=network).values("pk")
    if kind == AudienceKind.CLUB:
        return ClubMember.objects.filter(club=campaign.club, club__network=network).values(
            "organisation"
        )
    if kind == AudienceKind.COHORT:
        return Application.objects.filter(
            programme=campaign.programme,
            programme__network=network,
            status=Application.Status.SELECTED,
        ).values("organisation")
    if kind in (AudienceKind.REGISTRANTS, AudienceKind.WAITLIST):
        return _registrations(campaign).filter(organisation__isnull=False).values("organisation")
    if kind == AudienceKind.PROFILE:
        criteria = {
            name: value
            for name, value in (
                ("size_band", campaign.size_band),
                ("naf_section", campaign.naf_section),
                ("region", campaign.region),
            )
            if value
        }
        return Organisation.objects.filter(network=network, **criteria).values("pk")
    if kind == AudienceKind.THEME:
        return losing_on_theme(
            network, campaign.framework_version, campaign.theme_code, campaign.theme_limit
        )
    return []


def _registrations(campaign: Campaign):
    status = (
        Registration.Status.CONFIRMED
        if campaign.audience == AudienceKind.REGISTRANTS
        else Registration.Status.WAITLISTED
    )
    return Registration.objects.filter(
        event=campaign.event, event__network=campaign.network, status=status
    )


def _direct_people(campaign: Campaign):
    """(user id, organisation id) of the people a club or an event gathers."""
    if campaign.audience == AudienceKind.CLUB:
        rows = ClubMember.objects.filter(club=campaign.club, club__network=campaign.network)
    else:
        rows = _registrations(campaign).filter(user__isnull=False)
    return rows.values_list("user_id", "organisation_id")


def resolve(campaign: Campaign) -> Resolved:
    """The campaign's organisations and the people it reaches, one entry per
    person (a person of two targeted organisations gets one message, as a
    member of the first by name)."""
    if not complete(campaign):
        return Resolved([], [])
    network = campaign.network
    ids = _organisation_ids(campaign)
    memberships = Membership.objects.filter(
        user__is_active=True, user__closed_at=None, organisation__network=network
    ).exclude(user__email="")
    if campaign.recipients == RecipientChoice.DIRECT:
        pairs = list(_direct_people(campaign))
        ids = sorted({organisation for _user, organisation in pairs if organisation})
        # Still a member of the organisation they came with.
        memberships = memberships.filter(user_id__in={user for user, _org in pairs})
    elif campaign.recipients == RecipientChoice.ADMINS:
        memberships = memberships.filter(role=OrgRole.ADMIN)
    organisations = list(
        Organisation.objects.filter(network=network, pk__in=ids).order_by(
            ReadingOrder("name"), "pk"
        )
    )
    rank = {organisation.pk: n for n, organisation in enumerate(organisations)}
    chosen: dict[int, Recipient] = {}
    for membership in memberships.filter(organisation_id__in=list(rank)).select_related("user"):
        user = membership.user
        found = chosen.get(user.pk)
        if found is None or rank[membership.organisation_id] < rank[found.organisation_id]:
            chosen[user.pk] = Recipient(
                user.pk, user.email, user.display_name, membership.organisation_id
            )
    recipients = sorted(
        chosen.values(), key=lambda r: (rank[r.organisation_id], r.name.lower(), r.user_id)
    )
    if campaign.recipients == RecipientChoice.DIRECT:
        reached = {r.organisation_id for r in recipients}
        organisations = [o for o in organisations if o.pk in reached]
    return Resolved(organisations, recipients)


def complete(campaign: Campaign) -> bool:
    """Whether the campaign names everything its audience needs."""
    kind = campaign.audience
    if campaign.recipients == RecipientChoice.DIRECT and kind not in PEOPLE_AUDIENCES:
        return False
    if kind == AudienceKind.CLUB:
        return campaign.club_id is not None
    if kind == AudienceKind.COHORT:
        return campaign.programme_id is not None
    if kind in (AudienceKind.REGISTRANTS, AudienceKind.WAITLIST):
        return campaign.event_id is not None
    if kind == AudienceKind.THEME:
        return campaign.framework_version_id is not None and bool(campaign.theme_code)
    return True
