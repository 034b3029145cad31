"""What the outbox holds about a person, for their personal data export."""

from levier.accounts.services import personal_data_section
from levier.mailing.models import OutgoingEmail


@personal_data_section("emails")
def emails(user) -> list:
    address = user.email.lower()
    # The filter narrows on the JSON text; the exact match is on the addresses.
    candidates = OutgoingEmail.objects.filter(to__icontains=address).order_by("created_at")
    return [
        {
            "about": e.kind,
            "subject": e.subject,
            "status": e.status,
            "queued": e.created_at.isoformat(),
            "sent": e.sent_at.isoformat() if e.sent_at else None,
        }
        for e in candidates
        if address in (a.lower() for a in e.to)
    ]
