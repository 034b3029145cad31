"""Writing the audit trail: ``record`` is called where things happen.

An entry says who did what, when, to whom, where; never what an organisation
answered, scored or planned, since network admins read the entries of their
members (ADR 17). Callers pass the file name of an export, two roles, an
invited address, never content.
"""

import ipaddress

from django.conf import settings
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import Membership, NetworkRole, OrgRole
from levier.audit.models import DETAIL_MAX_LENGTH, Action, AuditEntry
from levier.lib.proxies import client_ip
from levier.lib.text import CONTROL_CHARACTERS, clean_single_line
from levier.tenancy.scope import system

# Kept of a sign-in's address: its network, enough to tell "my office" from
# "another country", not enough to point at one subscriber (an IPv4 /24 is a
# street's box or an operator's pool; an IPv6 /48 is a site's allocation).
IPV4_PREFIX = 24
IPV6_PREFIX = 48
USER_AGENT_MAX_LENGTH = 80

# The first token found names the browser: Edge and Opera also say "Chrome",
# Chrome also says "Safari", so the more specific come first.
_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("FxiOS/", "Firefox"),
    ("Firefox/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def record(
    action: str,
    *,
    actor=None,
    subject=None,
    organisation=None,
    network=None,
    detail="",
    request=None,
) -> AuditEntry:
    """Write one entry, in the caller's transaction: the action and its
    record are saved together or not at all.

    ``organisation`` implies its network. ``actor`` defaults to the person
    making ``request``. ``detail`` may be lazy: it is written in the site's
    language, once, so that the trail reads the same for everyone. Sign-ins
    keep the client's network and browser from ``request``; other actions
    need neither, so they keep none.
    """
    action = Action(action)
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    entry = AuditEntry(
        action=action,
        actor=_person(actor),
        subject=_person(subject),
        organisation=organisation,
        network_id=organisation.network_id if organisation is not None else _pk(network),
        detail=_clean(detail),
    )
    if action == Action.NEW_DEVICE_SIGN_IN and request is not None:
        entry.ip_prefix = ip_prefix(client_ip(request))
        entry.user_agent = summarise_user_agent(request.META.get("HTTP_USER_AGENT", ""))
    entry.save()
    return entry


def _person(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def _pk(obj):
    return getattr(obj, "pk", obj)


def _clean(detail) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        text = str(detail)
    text = CONTROL_CHARACTERS.sub("", clean_single_line(text) or "")
    if len(text) > DETAIL_MAX_LENGTH:
        text = text[: DETAIL_MAX_LENGTH - 1] + "…"
    return text


def change(before, after):
    """A detail saying what changed, e.g. "Contributor → Administrator"
    (lazy: translated when the entry is written)."""
    return format_lazy("{} → {}", before, after)


def ip_prefix(address: str) -> str:
    """The network of an address, e.g. "192.0.2.0/24": personal data kept to
    what a person needs to recognise their own sign-ins (GDPR art. 5(1)(c))."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def summarise_user_agent(user_agent: str) -> str:
    """ "Firefox · Linux": what a person recognises of their browser. Only
    names from the lists above are kept, never the header's own text, which
    the client writes."""
    browser = next((name for token, name in _BROWSERS if token in user_agent), "")
    system_name = next((name for token, name in _SYSTEMS if token in user_agent), "")
    return " · ".join(part for part in (browser, system_name) if part)


def record_account_closed(user) -> None:
    """Before the person's identity is erased: one entry in each organisation
    and network they belonged to, so that each one's admins read it, or one
    entry of their own when they belonged to none."""
    # The person's rows wherever they are, like closing reaches them.
    with system():
        memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
        network_ids = list(
            NetworkRole.objects.filter(user=user).values_list("network_id", flat=True)
        )
    for membership in memberships:
        record(
            Action.ACCOUNT_CLOSED,
            actor=user,
            subject=user,
            organisation=membership.organisation,
            detail=OrgRole(membership.role).label,
        )
    for network_id in network_ids:
        record(Action.ACCOUNT_CLOSED, actor=user, subject=user, network=network_id)
    if not memberships and not network_ids:
        record(Action.ACCOUNT_CLOSED, actor=user, subject=user)


def record_invitation_accepted(invitation, user) -> None:
    """The role an invitation gave, once accepted: granted by whoever sent
    it, to the person who joined."""
    with system():
        role = (
            Membership.objects.filter(user=user, organisation_id=invitation.organisation_id)
            .values_list("role", flat=True)
            .first()
        )
    if role is None:
        return
    record(
        Action.ROLE_GRANTED,
        actor=invitation.invited_by,
        subject=user,
        organisation=invitation.organisation,
        detail=format_lazy("{} ({})", OrgRole(role).label, _("invitation accepted")),
    )


def invited(invitation):
    """The detail of an invitation: the address invited and the role offered."""
    return format_lazy("{} · {}", invitation.email, OrgRole(invitation.role).label)
