"""Services of the "projects meet funders" sessions: registration, wishes,
the schedule (through the plain-Python engine), its publication and the
follow-ups after the meetings."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from levier.engine.finance import meetings as engine
from levier.events.models import Event, EventKind
from levier.finance.models import (
    FollowUp,
    Meeting,
    MeetingSession,
    PipelineStep,
    SessionFunder,
    SessionProject,
    Side,
    Wish,
)


def slot_start(session: MeetingSession, slot: int):
    """When slot ``slot`` (from 0) starts."""
    return session.first_slot_at + timedelta(
        minutes=slot * (session.slot_minutes + session.break_minutes)
    )


def slot_end(session: MeetingSession, slot: int):
    return slot_start(session, slot) + timedelta(minutes=session.slot_minutes)


def registration_open(session: MeetingSession, now=None) -> bool:
    return (now or timezone.now()) < session.registration_closes_at


def picks_open(session: MeetingSession, now=None) -> bool:
    return (now or timezone.now()) < session.picks_close_at


def is_over(session: MeetingSession, now=None) -> bool:
    return (now or timezone.now()) >= slot_end(session, session.slots - 1)


def announce(session: MeetingSession) -> Event:
    """Publish (or update) the session's event in the network's agenda."""
    event = session.event or Event(network=session.network, kind=EventKind.EXCHANGE)
    event.title = session.title
    event.description = session.description
    event.start = session.first_slot_at
    event.end = slot_end(session, session.slots - 1)
    event.place = session.place
    event.online_url = session.video_link
    event.registration_deadline = session.registration_closes_at
    event.is_published = True
    event.save()
    if session.event_id != event.pk:
        session.event = event
        session.save(update_fields=["event"])
    return event


# Wishes ---------------------------------------------------------------------


def wishes_of(session, side: str, owner) -> list[Wish]:
    """One side's wishes, most wanted first (``owner``: a project or a funder)."""
    key = "project" if side == Side.PROJECT else "funder"
    return list(
        Wish.objects.filter(session=session, side=side, **{key: owner})
        .select_related("project", "funder")
        .order_by("position")
    )


@transaction.atomic
def set_wishes(session, side: str, owner, others) -> None:
    """Replace one side's wishes by ``others``, in order (duplicates dropped)."""
    key, other_key = ("project", "funder") if side == Side.PROJECT else ("funder", "project")
    Wish.objects.filter(session=session, side=side, **{key: owner}).delete()
    Wish.objects.bulk_create(
        Wish(session=session, side=side, position=position, **{key: owner, other_key: other})
        for position, other in enumerate(dict.fromkeys(others))
    )


def move_wish(session, side: str, owner, other_pk: int, delta: int) -> None:
    """Move one wish up (-1) or down (+1) in its list."""
    wishes = wishes_of(session, side, owner)
    other_key = "funder" if side == Side.PROJECT else "project"
    others = [getattr(w, other_key) for w in wishes]
    index = next((i for i, o in enumerate(others) if o.pk == other_pk), None)
    if index is None:
        return
    target = min(max(index + delta, 0), len(others) - 1)
    others.insert(target, others.pop(index))
    set_wishes(session, side, owner, others)


def withdraw_project(entry: SessionProject) -> None:
    with transaction.atomic():
        Wish.objects.filter(session=entry.session, project=entry.project).delete()
        entry.delete()


def withdraw_funder(entry: SessionFunder) -> None:
    with transaction.atomic():
        Wish.objects.filter(session=entry.session, funder=entry.funder).delete()
        entry.delete()


# The schedule ---------------------------------------------------------------


def engine_session(session: MeetingSession) -> engine.Session:
    """What the engine needs, read from the session's registrations and wishes
    (wishes about someone who withdrew are left out)."""
    projects = {e.project_id: e for e in session.project_entries.all()}
    funders = {e.funder_id: e for e in session.funder_entries.all()}
    project_wishes: dict[int, list[int]] = {}
    funder_wishes: dict[int, list[int]] = {}
    for wish in Wish.objects.filter(session=session).order_by("position"):
        if wish.project_id not in projects or wish.funder_id not in funders:
            continue
        if wish.side == Side.PROJECT:
            project_wishes.setdefault(wish.project_id, []).append(wish.funder_id)
        else:
            funder_wishes.setdefault(wish.funder_id, []).append(wish.project_id)
    return engine.Session(
        slots=session.slots,
        tables=session.tables,
        project_wishes=project_wishes,
        funder_wishes=funder_wishes,
        project_slots={
            p: frozenset(e.available_slots) for p, e in projects.items() if e.available_slots
        },
        funder_slots={
            f: frozenset(e.available_slots) for f, e in funders.items() if e.available_slots
        },
    )


@transaction.atomic
def run_schedule(session: MeetingSession) -> list[Meeting]:
    """Compute the schedule and store it in place of the previous one."""
    found = engine.schedule(engine_session(session))
    session.meetings.all().delete()
    return Meeting.objects.bulk_create(
        Meeting(
            session=session,
            project_id=m.project,
            funder_id=m.funder,
            slot=m.slot,
            table=m.table,
        )
        for m in found
    )


@dataclass(frozen=True)
class Figures:
    wished_pairs: int
    mutual_met: int
    one_sided_met: int
    unmet: list  # (project, funder) pairs wished but not scheduled


def figures(session: MeetingSession) -> Figures:
    wishes = Wish.objects.filter(session=session).select_related("project", "funder")
    sides: dict[tuple[int, int], set[str]] = {}
    names = {}
    for wish in wishes:
        pair = (wish.project_id, wish.funder_id)
        sides.setdefault(pair, set()).add(wish.side)
        names[pair] = (wish.project, wish.funder)
    met = set(session.meetings.values_list("project_id", "funder_id"))
    mutual = sum(1 for pair, s in sides.items() if pair in met and len(s) == 2)
    one_sided = sum(1 for pair, s in sides.items() if pair in met and len(s) == 1)
    unmet = [names[pair] for pair in sides if pair not in met]
    return Figures(len(sides), mutual, one_sided, unmet)


def grid(session: MeetingSession) -> list[tuple]:
    """Rows of the schedule: (slot, start, [meeting or None per table])."""
    cells = {(m.slot, m.table): m for m in session.meetings.select_related("project", "funder")}
    return [
        (
            slot,
            slot_start(session, slot),
            [cells.get((slot, table)) for table in range(1, session.tables + 1)],
        )
        for slot in range(session.slots)
    ]


# Follow-ups ---------------------------------------------------------------


@transaction.atomic
def answer(meeting: Meeting, side: str, outcome: str, next_step: str, user) -> FollowUp:
    """One follow-up per side and meeting (a second answer replaces the first).
    A project's planned next step opens a pipeline step with the funder."""
    follow_up, _created = FollowUp.objects.update_or_create(
        meeting=meeting,
        side=side,
        defaults={"outcome": outcome, "next_step": next_step, "answered_by": user},
    )
    if side == Side.PROJECT and outcome == FollowUp.Outcome.NEXT_STEP:
        PipelineStep.objects.get_or_create(
            project=meeting.project,
            funder=meeting.funder,
            stage=PipelineStep.Stage.MEETING,
            defaults={},
        )
    return follow_up
