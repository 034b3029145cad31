"""Demo training: three days spread over five weeks, one registration, the
first day past with its attendance recorded. Rows are written directly: no
email goes out."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from levier.accounts.models import Membership, NetworkRole, OrgRole
from levier.events.models import Event, EventKind, Registration
from levier.trainings import services
from levier.trainings.models import Attendance, TrainingSession

TITLE = "Formation : construire sa feuille de route RSE"
PLACE = "Lille, Maison de l’entreprise, 40 rue Nationale"
DAYS = (-14, 7, 21)


def build(network) -> None:
    animator = (
        NetworkRole.objects.filter(network=network, role=NetworkRole.Role.ANIMATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    admins = list(
        Membership.objects.filter(organisation__network=network, role=OrgRole.ADMIN)
        .select_related("organisation", "user")
        .order_by("organisation__pk", "pk")
    )
    today = timezone.localdate()
    first, last = today + timedelta(days=DAYS[0]), today + timedelta(days=DAYS[-1])
    event = Event.objects.create(
        network=network,
        created_by=animator.user if animator else None,
        contact_user=animator.user if animator else None,
        kind=EventKind.TRAINING,
        title=TITLE,
        description=(
            "Trois journées pour passer du diagnostic à une feuille de route : "
            "enjeux, priorités, indicateurs. Une seule inscription pour les trois jours."
        ),
        theme="Gouvernance",
        start=timezone.make_aware(datetime.combine(first, time(9))),
        end=timezone.make_aware(datetime.combine(last, time(17))),
        place=PLACE,
        capacity=12,
        organisers=network.name,
    )
    sessions = [
        TrainingSession.objects.create(
            event=event,
            date=today + timedelta(days=days),
            start_time=time(9),
            end_time=time(17),
            break_start=time(12, 30),
            break_end=time(13, 30),
            trainer="Claire Formatrice",
        )
        for days in DAYS
    ]
    registrations = [
        Registration.objects.create(
            event=event,
            user=membership.user,
            organisation=membership.organisation,
            registered_by=membership.user,
            status=Registration.Status.CONFIRMED,
            created_at=event.created_at - timedelta(days=20) + timedelta(minutes=position),
        )
        for position, membership in enumerate(admins[1:7])
    ]
    # The first day is past: everyone came in the morning, one left at noon.
    for position, registration in enumerate(registrations):
        for part in ("am", "pm"):
            Attendance.objects.create(
                session=sessions[0],
                registration=registration,
                part=part,
                present=not (part == "pm" and position == 2),
            )
    services.save_session(sessions[0])  # derives Registration.attended
