"""What the messaging app holds about a person, for their personal data export."""

from levier.accounts.services import personal_data_section
from levier.messaging.models import InboxMessage, Preference


@personal_data_section("messages")
def messages(user) -> dict:
    preference = Preference._base_manager.filter(user=user).first()
    return {
        "news_by_email": preference.news if preference else True,
        "email_language": (preference.language if preference else "") or None,
        "inbox": [
            {
                "subject": m.subject,
                "received": m.created_at.isoformat(),
                "read": m.read_at.isoformat() if m.read_at else None,
            }
            for m in InboxMessage._base_manager.filter(recipient=user).order_by("created_at")
        ],
    }
