"""What the events app holds about a person, for their personal data export."""

from levier.accounts.services import personal_data_section
from levier.events.models import Registration


@personal_data_section("event_registrations")
def registrations(user) -> list:
    return [
        {
            "event": r.event.title,
            "start": r.event.start.isoformat(),
            "organisation": r.organisation.name if r.organisation_id else None,
            "status": r.status,
            "attended": r.attended,
        }
        for r in Registration.objects.filter(user=user).select_related("event", "organisation")
    ]
