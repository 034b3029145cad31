"""What the action plans hold about a person, for their personal data export."""

from levier.accounts.services import personal_data_section
from levier.plans.models import Action, ActionUpdate


@personal_data_section("actions_owned")
def owned(user) -> list:
    return [
        {"organisation": a.organisation.name, "action": a.title, "status": a.status}
        for a in Action.objects.filter(owner=user).select_related("organisation")
    ]


@personal_data_section("action_comments")
def comments(user) -> list:
    return [
        {"action": u.action.title, "comment": u.text, "at": u.created_at.isoformat()}
        for u in ActionUpdate.objects.filter(author=user).exclude(text="").select_related("action")
    ]
