"""A demo engagement programme: eight seats, ten applications, a first
coaching appointment for each selected organisation. Its collective sessions
are events: the events demo adds them."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from levier.programmes.models import Application, Appointment, Programme


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
    )
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
        )
        if status == Application.Status.SELECTED:
            selected.append(membership)
    for position, membership in enumerate(selected):
        Appointment.objects.create(
            programme=programme,
            organisation=membership.organisation,
            coach=coach,
            at=_at(-20 + position, 14),
            notes="Premier point : priorités et calendrier.",
        )
    return programme, selected
