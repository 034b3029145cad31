"""The demo's messages: one sent to a club (each member's copy in their
inbox, one of them read), and a draft to the members who lose the most
points on a theme, ready to check and send. For the latter, a third of the
members with a submitted assessment share their results with the network
(their administrator said yes), as many do in a real network."""

from datetime import timedelta

from django.utils import timezone

from levier.accounts.models import Membership, NetworkRole, Organisation, OrgRole
from levier.assessments.models import Assessment
from levier.clubs.models import Club, ClubMember
from levier.frameworks.services import latest_version
from levier.insights.models import Sharing
from levier.messaging import audiences
from levier.messaging.models import AudienceKind, Campaign, Delivery, InboxMessage, RecipientChoice

CLUB_MESSAGE = (
    "Bonjour à toutes et à tous,\n\n"
    "La prochaine rencontre du club a lieu **dans trois semaines**, chez un membre. "
    "Au programme :\n\n"
    "- retours sur les plans de mobilité de l’année ;\n"
    "- le forfait mobilités durables, mode d’emploi ;\n"
    "- vos questions.\n\n"
    "Inscriptions dans l’agenda de Levier."
)
THEME_MESSAGE = (
    "Bonjour,\n\n"
    "Nous organisons un atelier de bonnes pratiques sur ce sujet : des membres qui "
    "l’ont mis en place partageront leur méthode. Les inscriptions ouvrent bientôt "
    "dans l’agenda de Levier."
)


def build(network) -> None:
    animator = (
        NetworkRole.objects.filter(network=network, role=NetworkRole.Role.ANIMATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    author = animator.user if animator else None
    club = Club.objects.filter(network=network).order_by("pk").first()
    if club is not None:
        _sent_to_club(network, club, author)
    _some_share(network, author)
    version = latest_version("levier-360")
    if version is not None:
        theme = _theme_to_invite(network, version)
        if theme:
            Campaign.objects.create(
                network=network,
                subject="Atelier de bonnes pratiques : vous êtes invités",
                body=THEME_MESSAGE,
                audience=AudienceKind.THEME,
                framework_version=version,
                theme_code=theme,
                theme_limit=10,
                recipients=RecipientChoice.ADMINS,
                created_by=author,
            )


def _sent_to_club(network, club, author) -> None:
    sent_at = timezone.now() - timedelta(days=3)
    campaign = Campaign.objects.create(
        network=network,
        subject=f"{club.name} : prochaine rencontre",
        body=CLUB_MESSAGE,
        audience=AudienceKind.CLUB,
        club=club,
        recipients=RecipientChoice.DIRECT,
        status=Campaign.Status.SENT,
        created_by=author,
        created_at=sent_at - timedelta(hours=1),
        sent_by=author,
        sent_at=sent_at,
        finished_at=sent_at,
    )
    members = ClubMember.objects.filter(club=club).select_related("user").order_by("pk")
    Delivery.objects.bulk_create(
        Delivery(
            campaign=campaign,
            user=m.user,
            organisation_id=m.organisation_id,
            email=m.user.email,
            status=Delivery.Status.SENT,
            created_at=sent_at,
        )
        for m in members
    )
    InboxMessage.objects.bulk_create(
        InboxMessage(
            recipient=m.user,
            campaign=campaign,
            network=network,
            subject=campaign.subject,
            body=campaign.body,
            created_at=sent_at,
            read_at=sent_at + timedelta(hours=2) if n == 0 else None,
        )
        for n, m in enumerate(members)
    )


def _some_share(network, author) -> None:
    """Every third member with a submitted assessment shares its results
    (saved one by one: the network's maintained figures follow)."""
    submitted = (
        Organisation.objects.filter(
            network=network, assessments__status=Assessment.Status.SUBMITTED
        )
        .distinct()
        .order_by("pk")
    )
    for organisation in list(submitted)[::3]:
        if not Sharing.objects.filter(organisation=organisation).exists():
            admin = (
                Membership.objects.filter(organisation=organisation, role=OrgRole.ADMIN)
                .order_by("pk")
                .first()
            )
            Sharing.objects.create(
                organisation=organisation, shared_by=admin.user if admin else None
            )


def _theme_to_invite(network, version) -> str:
    """The first theme of the framework on which sharing members lose points."""
    for theme in version.pack.themes:
        if audiences.losing_on_theme(network, version, theme.code, 1):
            return theme.code
    return ""
