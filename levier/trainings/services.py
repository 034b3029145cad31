"""Sessions, attendance, certificates and the satisfaction questionnaire of a
training (any event may have sessions; trainings are what they are for)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from levier.engine import trainings as engine
from levier.events.models import Event, EventKind, Registration
from levier.messaging.preferences import wants_news
from levier.trainings import emails
from levier.trainings.models import Attendance, SurveyAnswer, SurveyInvitation, TrainingSession


def sessions_of(event: Event) -> list[TrainingSession]:
    return list(TrainingSession.objects.filter(event=event).order_by("date", "start_time", "pk"))


def participants(event: Event) -> list[Registration]:
    """Confirmed registrations, the people who hold a seat, by name."""
    confirmed = event.registrations.confirmed().select_related("user", "organisation")
    return sorted(confirmed, key=lambda r: (r.display_name.casefold(), r.pk))


def _schedule(session: TrainingSession) -> tuple:
    """What a participant's calendar holds of a session."""
    return (session.date, session.start_time, session.end_time, session.place, session.online_url)


def save_session(session: TrainingSession) -> int:
    """Save, and forget attendance marks of parts the session no longer has
    (a break added or removed). A session added, moved or given another place
    or link is news for the people registered: they are told once, with the
    updated calendar file. Returns how many were told."""
    with transaction.atomic():
        stored = TrainingSession.objects.filter(pk=session.pk).first() if session.pk else None
        session.save()
        keys = [part.key for part in session.parts]
        Attendance.objects.filter(session=session).exclude(part__in=keys).delete()
        _derive_attended(session.event)
        if stored is not None and _schedule(stored) == _schedule(session):
            return 0
        return _tell_registrants(session.event)


def delete_session(session: TrainingSession) -> int:
    """Remove a session with its attendance; the people registered are told,
    with a file that takes the session out of their calendar."""
    event = session.event
    with transaction.atomic():
        _bump_sequence(event)
        # Built before the delete: the file needs the session's UID.
        removed = emails.removed_session_attachment(event, session)
        session.delete()
        _derive_attended(event)
        return _tell_registrants(event, removed=removed, bump=False)


def _bump_sequence(event: Event) -> None:
    # Calendars replace the sessions they hold only when the sequence grows.
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    event.refresh_from_db(fields=["sequence"])


def _tell_registrants(event: Event, removed=None, bump: bool = True) -> int:
    if bump:
        _bump_sequence(event)
    if not event.is_published or event.is_cancelled or event.end < timezone.now():
        return 0
    told = 0
    for registration in event.registrations.active().select_related("user", "event"):
        told += emails.sessions_changed(registration, removed=removed)
    return told


def presence(session: TrainingSession) -> dict[tuple[int, str], bool]:
    """(registration id, part) -> present, for the marks recorded."""
    return {
        (registration_id, part): present
        for registration_id, part, present in Attendance.objects.filter(
            session=session
        ).values_list("registration_id", "part", "present")
    }


def mark(session: TrainingSession, registration: Registration, part: str, present: bool) -> None:
    """Record one mark; the registration's ``attended`` follows."""
    if part not in {p.key for p in session.parts}:
        raise ValueError(part)
    with transaction.atomic():
        Attendance.objects.update_or_create(
            session=session, registration=registration, part=part, defaults={"present": present}
        )
        _derive_attended(session.event, [registration.pk])


def _derive_attended(event: Event, registration_ids=None) -> None:
    """``Registration.attended``: present at one part of a session at least;
    None while nothing is recorded for the person (an event without sessions
    keeps the animator's own tick)."""
    if not TrainingSession.objects.filter(event=event).exists():
        return
    registrations = event.registrations.confirmed()
    if registration_ids is not None:
        registrations = registrations.filter(pk__in=registration_ids)
    marks = {}
    for registration_id, present in Attendance.objects.filter(
        session__event=event, registration__in=registrations
    ).values_list("registration_id", "present"):
        marks[registration_id] = marks.get(registration_id, False) or present
    for registration in registrations.only("pk", "attended"):
        attended = marks.get(registration.pk)
        if registration.attended != attended:
            Registration.objects.filter(pk=registration.pk).update(attended=attended)


@dataclass
class AttendedSession:
    session: TrainingSession
    minutes: int
    parts: list[str]  # the parts attended, for "morning only"

    @property
    def hours(self) -> float:
        return engine.hours(self.minutes)


@dataclass
class Record:
    """What a participant's certificate says."""

    registration: Registration
    sessions: list[AttendedSession]

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.sessions)

    @property
    def hours(self) -> float:
        return engine.hours(self.minutes)


def records(event: Event, registrations=None) -> list[Record]:
    """Each participant's attended sessions and minutes, from the marks
    recorded (hours attended, never hours scheduled)."""
    sessions = sessions_of(event)
    if registrations is None:
        registrations = participants(event)
    present: dict[tuple[int, int], set[str]] = {}
    for registration_id, session_id, part in Attendance.objects.filter(
        session__event=event,
        registration__in=[r.pk for r in registrations],
        present=True,
    ).values_list("registration_id", "session_id", "part"):
        present.setdefault((registration_id, session_id), set()).add(part)
    found = []
    for registration in registrations:
        attended = []
        for session in sessions:
            keys = present.get((registration.pk, session.pk), set())
            minutes = engine.attended_minutes(session.parts, keys)
            if minutes:
                parts = [p.key for p in session.parts if p.key in keys]
                attended.append(AttendedSession(session, minutes, parts))
        found.append(Record(registration, attended))
    return found


def signer_name(event: Event) -> str:
    """Who signs the certificates: the event's contact, else its author."""
    if event.contact_user_id:
        return event.contact_user.display_name
    if event.contact_name:
        return event.contact_name
    if event.created_by_id:
        return event.created_by.display_name
    return ""


# Satisfaction questionnaire ---------------------------------------------------

# A questionnaire goes out after the last session, not weeks later when it was
# missed (a first run after deploying must not survey last year's trainings).
SURVEY_WITHIN = timedelta(days=14)


def last_end(event: Event) -> datetime:
    latest = TrainingSession.objects.filter(event=event).aggregate(
        day=Max("date"),
    )["day"]
    if latest is None:
        return event.end
    last = TrainingSession.objects.filter(event=event, date=latest).order_by("-end_time").first()
    return last.end


def survey_recipients(event: Event) -> list[Registration]:
    """Confirmed participants not yet asked: those who attended a session,
    or every one when no attendance was recorded, and who take news by email."""
    confirmed = event.registrations.confirmed().filter(training_survey__isnull=True)
    recorded = Attendance.objects.filter(session__event=event).exists()
    if recorded:
        confirmed = confirmed.filter(
            training_attendances__present=True, training_attendances__session__event=event
        ).distinct()
    # Not essential mail: whoever said "no news by email" is not asked.
    return [
        r
        for r in confirmed.select_related("event", "user")
        if r.email and (r.user_id is None or wants_news(r.user))
    ]


def events_due_for_survey(now: datetime | None = None) -> list[Event]:
    """Trainings (and events with sessions) whose last session ended within
    ``SURVEY_WITHIN``."""
    now = now or timezone.now()
    candidates = (
        Event.objects.filter(is_published=True, cancelled_at__isnull=True)
        .filter(start__lte=now)
        .filter(Q(kind=EventKind.TRAINING) | Q(training_sessions__isnull=False))
        .distinct()
        .order_by("start", "pk")
    )
    due = []
    for event in candidates:
        end = last_end(event)
        if now - SURVEY_WITHIN <= end <= now:
            due.append(event)
    return due


def answer(invitation: SurveyInvitation, data: dict) -> bool:
    """Record an answer once: False when the link was already used."""
    with transaction.atomic():
        claimed = SurveyInvitation.objects.filter(
            pk=invitation.pk, answered_at__isnull=True
        ).update(answered_at=timezone.now())
        if not claimed:
            return False
        SurveyAnswer.objects.create(
            event_id=invitation.registration.event_id,
            overall=data["overall"],
            usefulness=data["usefulness"],
            recommend=data["recommend"],
            comment=data.get("comment", ""),
            answered_on=timezone.localdate(),
        )
    return True


def survey_summary(event: Event) -> tuple[engine.Summary, int]:
    """The answers' summary (anonymity rule applied) and how many were asked."""
    answers = [
        engine.Answer(a.overall, a.usefulness, a.recommend, a.comment)
        for a in SurveyAnswer.objects.filter(event=event)
    ]
    asked = SurveyInvitation.objects.filter(registration__event=event).count()
    return engine.summarise(answers), asked
