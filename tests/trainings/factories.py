from datetime import date, time

from levier.events.models import EventKind, Registration
from levier.trainings.models import Attendance, TrainingSession
from tests.events.factories import make_event
from tests.factories import make_member


def make_training(network, **fields):
    fields.setdefault("kind", EventKind.TRAINING)
    fields.setdefault("title", "Piloter sa démarche RSE")
    return make_event(network, **fields)


def make_session(event, day=date(2026, 3, 2), *, split=True, **fields) -> TrainingSession:
    fields.setdefault("start_time", time(9, 0))
    fields.setdefault("end_time", time(17, 0))
    if split:
        fields.setdefault("break_start", time(12, 30))
        fields.setdefault("break_end", time(13, 30))
    return TrainingSession.objects.create(event=event, date=day, **fields)


def seat(event, organisation, status=Registration.Status.CONFIRMED, **user_fields):
    user = make_member(organisation, **user_fields)
    return Registration.objects.create(
        event=event, user=user, organisation=organisation, status=status
    )


def present(session, registration, *parts):
    for part in parts:
        Attendance.objects.create(
            session=session, registration=registration, part=part, present=True
        )
