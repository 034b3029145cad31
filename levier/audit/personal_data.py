"""What the audit trail holds about a person, for their personal data export:
what they did, what concerned them, and the browsers they signed in from."""

from django.db.models import Q

from levier.accounts.services import personal_data_section
from levier.audit.models import AuditEntry, KnownDevice


@personal_data_section("audit")
def entries(user) -> list:
    found = (
        AuditEntry.objects.filter(Q(actor=user) | Q(subject=user))
        .select_related("organisation", "network")
        .order_by("when", "pk")
    )
    return [
        {
            "when": e.when.isoformat(),
            "action": e.action,
            "by_you": e.actor_id == user.pk,
            "about_you": e.subject_id == user.pk,
            "organisation": e.organisation.name if e.organisation else None,
            "network": e.network.name if e.network else None,
            "detail": e.detail,
            "network_of_the_address": e.ip_prefix or None,
            "browser": e.user_agent or None,
        }
        for e in found
    ]


@personal_data_section("known_devices")
def devices(user) -> list:
    return [
        {
            "browser": d.user_agent,
            "first_seen": d.first_seen.isoformat(),
            "last_seen": d.last_seen.isoformat(),
        }
        for d in KnownDevice.objects.filter(person=user).order_by("first_seen")
    ]
