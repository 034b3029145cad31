"""What the trainings app holds about a person, for their personal data
export: their attendance marks (questionnaire answers keep no link to them)."""

from levier.accounts.services import personal_data_section
from levier.trainings.models import Attendance


@personal_data_section("training_attendance")
def attendance(user) -> list:
    return [
        {
            "event": a.session.event.title,
            "session": a.session.date.isoformat(),
            "part": a.part,
            "present": a.present,
        }
        for a in Attendance.objects.filter(registration__user=user)
        .select_related("session__event")
        .order_by("session__date", "pk")
    ]
