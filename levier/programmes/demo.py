"""A demo engagement programme: eight seats, ten applications, an external
coach, and coaching appointments of each type against an hours budget; the
first selected organisation opened its plan to the coaches. Its collective
sessions are events: the events demo adds them."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from levier.accounts import demo as people
from levier.programmes.models import Application, Appointment, Programme, ProgrammeCoach

COACH_EMAIL = f"coach@{people.DOMAIN}"
COACH_NAME = "Camille Consultante"


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def programme(network, coach, admins) -> tuple[Programme, list]:
    """Eight seats, ten applications: six selected, two to review, two declined.
    Returns the programme and the memberships of the selected organisations."""
    programme = Programme.objects.create(
        network=network,
        title="Cap RSE 2027 : accompagnement de 8 entreprises",
        description="Six ateliers collectifs, trois rendez-vous individuels, un plan d’action.",
        seats=8,
        application_deadline=timezone.localdate() + timedelta(days=20),
        starts_on=timezone.localdate() - timedelta(days=60),
        ends_on=timezone.localdate() + timedelta(days=120),
        min_actions=5,
        requires_attendance=True,
        document_deliverable="Feuille de route RSE signée par la direction",
        coaching_hours_budget=24,
    )
    consultant = people._person(COACH_EMAIL, COACH_NAME)
    ProgrammeCoach.objects.create(programme=programme, user=consultant, invited_by=coach)
    statuses = [Application.Status.SELECTED] * 6 + [Application.Status.SUBMITTED] * 2
    statuses += [Application.Status.DECLINED] * 2
    selected = []
    for membership, status in zip(admins[1:11], statuses, strict=False):
        Application.objects.create(
            programme=programme,
            organisation=membership.organisation,
            submitted_by=membership.user,
            answer="Structurer notre démarche RSE et embarquer nos équipes.",
            status=status,
            # The first selected lets the coaches open its plan, to adjust it together.
            coach_may_open_plan=status == Application.Status.SELECTED and not selected,
        )
        if status == Application.Status.SELECTED:
            selected.append(membership)
    for position, membership in enumerate(selected):
        Appointment.objects.create(
            programme=programme,
            organisation=membership.organisation,
            coach=consultant,
            at=_at(-20 + position, 14),
            kind=Appointment.Kind.NEEDS_REVIEW,
            duration_minutes=120,
            place=membership.organisation.name,
            notes="Premier point : priorités et calendrier.",
        )
        Appointment.objects.create(
            programme=programme,
            organisation=membership.organisation,
            coach=consultant,
            at=_at(10 + position, 10),
            kind=Appointment.Kind.RESTITUTION,
            duration_minutes=90,
            video_url="https://visio.levier.example/cap-rse",
            notes="Restitution de l’évaluation et choix des priorités.",
        )
    return programme, selected


def logins() -> list[tuple[str, str]]:
    """The programme's external coach."""
    return [("Programme coach", COACH_EMAIL)]
