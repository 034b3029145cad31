"""Business rules of people and organisations: invitations, account closure,
personal data."""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levier.accounts.models import (
    Invitation,
    Membership,
    NetworkRole,
    Organisation,
    OrgRole,
    User,
)
from levier.mailing import services as mailing
from levier.tenancy.scope import system


class InvitationError(Exception):
    """An invitation link that can no longer be used; the message says why."""


def invite(
    organisation, email: str, role: str, invited_by, base_url: str, *, onboarding=False
) -> Invitation:
    """Create (or replace) the pending invitation of ``email`` and mail it.

    ``onboarding``: the network's staff invite the first administrator of an
    organisation that has none (see ``accept``)."""
    with transaction.atomic():
        Invitation.objects.pending().filter(
            organisation=organisation, email__iexact=email
        ).delete()
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=OrgRole.ADMIN if onboarding else role,
            invited_by=invited_by,
            onboarding=onboarding,
        )
        link = base_url + reverse("accept_invitation", args=[invitation.token])
        context = {"invitation": invitation, "link": link, "inviter": invited_by}
        message = EmailMessage(
            subject=_("[Levier] %(inviter)s invites you to join %(organisation)s")
            % {"inviter": invited_by.display_name, "organisation": organisation.name},
            body=render_to_string("accounts/email/invitation.txt", context),
            to=[email],
        )
        # Queued in the invitation's transaction: both are saved or neither.
        # The link is the invitation's secret.
        mailing.queue(message, kind="invitation", sensitive=True)
    return invitation


def check_usable(invitation: Invitation) -> None:
    if invitation.is_used:
        raise InvitationError(
            _(
                "This invitation has already been used. Sign in with your email address, "
                "or ask for a new invitation."
            )
        )
    if invitation.is_expired:
        raise InvitationError(
            _(
                "This invitation expired on %(date)s. Ask the person who invited you to "
                "send a new one."
            )
            % {"date": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y")}
        )


def check_onboarding(invitation: Invitation, user: User | None) -> None:
    """An invitation from the network's staff makes the first administrator:
    never one of the staff (they would read the organisation's work without
    its consent), and never once the organisation has an administrator (who
    did not choose this person)."""
    if not invitation.onboarding:
        return
    organisation = invitation.organisation
    if Membership.objects.filter(organisation=organisation, role=OrgRole.ADMIN).exists():
        raise InvitationError(
            _("%(organisation)s has an administrator now: ask them to invite you.")
            % {"organisation": organisation.name}
        )
    if (
        user is not None
        and NetworkRole.objects.filter(user=user, network_id=organisation.network_id).exists()
    ):
        raise InvitationError(
            _(
                "You belong to the staff of %(network)s: the network's staff never take a "
                "role in a member organisation. Its administrator must be a person of the "
                "organisation."
            )
            % {"network": organisation.network.name}
        )


def accept(invitation: Invitation, user: User) -> Membership:
    """Make ``user`` a member with the invited role, once.

    The invitation row is locked first: of several people using one link at
    the same moment, one joins and the others are told it is used."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organisation__network")
            .get(pk=invitation.pk)
        )
        check_usable(invitation)
        check_onboarding(invitation, user)
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        if not created and _rank(invitation.role) > _rank(membership.role):
            membership.role = invitation.role
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def create_invited_user(invitation: Invitation, full_name: str, password: str) -> User:
    with transaction.atomic():
        # Lock the invitation before creating the account: a second use of the
        # same link waits here, then finds it used (InvitationError, 410).
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        check_usable(locked)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError(
                _("An account exists for this address: sign in, then open the link again.")
            )
        user = User.objects.create_user(invitation.email, password, full_name=full_name)
        # The link reached this mailbox: the address is verified.
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        accept(invitation, user)
    return user


def _rank(role: str) -> int:
    return [OrgRole.VIEWER, OrgRole.CONTRIBUTOR, OrgRole.ADMIN].index(role)


def orphaned_organisations(user: User) -> list[Organisation]:
    """Organisations where ``user`` is the only administrator."""
    other_admins = Membership.objects.filter(
        organisation=OuterRef("pk"), role=OrgRole.ADMIN
    ).exclude(user=user)
    return list(
        Organisation.objects.filter(memberships__user=user, memberships__role=OrgRole.ADMIN)
        .exclude(Exists(other_admins))
        .order_by("name")
    )


def close_account(user: User) -> None:
    """Erase who the person is; keep what they did, attributed to a former member.

    Runs for nobody in particular: it reaches the person's rows in every
    organisation, invitations to organisations they never joined included."""
    with system(), transaction.atomic():
        user.memberships.all().delete()
        user.network_roles.all().delete()
        EmailAddress.objects.filter(user=user).delete()
        Invitation.objects.pending().filter(email__iexact=user.email).delete()
        user.email = f"former-member-{user.pk}@invalid"
        user.full_name = ""
        user.is_active = False
        user.is_superuser = False
        user.closed_at = timezone.now()
        user.set_unusable_password()
        user.save()


# Other apps add what they hold about a person (answers, actions...).
PersonalDataSection = Callable[[User], dict | list]
_sections: dict[str, PersonalDataSection] = {}


def personal_data_section(name: str):
    def register(function: PersonalDataSection) -> PersonalDataSection:
        _sections[name] = function
        return function

    return register


def personal_data(user: User) -> dict:
    """Everything Levier holds about the person. Each section selects the
    person's own rows, wherever they are (an organisation they left
    included), so it reads them for nobody in particular."""
    with system():
        return {name: collect(user) for name, collect in _sections.items()}


@personal_data_section("account")
def _account(user: User) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


@personal_data_section("organisations")
def _memberships(user: User) -> list:
    return [
        {
            "organisation": m.organisation.name,
            "role": m.role,
            "since": m.created_at.isoformat(),
        }
        for m in user.memberships.select_related("organisation").order_by("created_at")
    ]


@personal_data_section("networks")
def _network_roles(user: User) -> list:
    return [
        {"network": r.network.name, "role": r.role, "since": r.created_at.isoformat()}
        for r in user.network_roles.select_related("network").order_by("created_at")
    ]


@personal_data_section("invitations_sent")
def _invitations_sent(user: User) -> list:
    return [
        {
            "email": i.email,
            "organisation": i.organisation.name,
            "role": i.role,
            "sent": i.created_at.isoformat(),
            "accepted": i.accepted_at.isoformat() if i.accepted_at else None,
        }
        for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
    ]
