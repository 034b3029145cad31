"""Demo animation: past and upcoming events (one full, with a waitlist), clubs,
an engagement programme and its sessions. Rows are written directly: no email
goes out. The clubs and the programme come from their apps' demos; their events
are built here, as ``events`` depends on them and not the reverse."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from levier.accounts.models import Membership, NetworkRole, OrgRole
from levier.clubs import demo as clubs
from levier.events.models import Audience, Event, EventKind, Registration
from levier.programmes import demo as programmes

PLACE = "Lille, Maison de l’entreprise, 40 rue Nationale"


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def build(network) -> None:
    animator = (
        NetworkRole.objects.filter(network=network, role=NetworkRole.Role.ANIMATOR)
        .order_by("pk")
        .first()
    )
    admins = list(
        Membership.objects.filter(organisation__network=network, role=OrgRole.ADMIN)
        .select_related("organisation", "user")
        .order_by("organisation__pk", "pk")
    )
    large = [m for m in admins if m.organisation.headcount >= 100]
    referents = clubs.club(
        network,
        "Club des référents RSE (100 salariés et plus)",
        "Les référents RSE des entreprises de 100 personnes et plus partagent leurs "
        "méthodes une fois par trimestre.",
        100,
        large,
    )
    mobility = clubs.club(
        network,
        "Club mobilité",
        "Plans de mobilité, covoiturage, vélo : ce qui marche chez les membres.",
        None,
        admins[1:7],
    )
    author = animator.user if animator else None
    events = [
        _event(
            network,
            author,
            EventKind.WORKSHOP,
            "Atelier bilan carbone simplifié",
            -21,
            9,
            capacity=15,
            theme="Climat",
            resources="- [Support de l’atelier](https://example.org/bilan-carbone.pdf)",
        ),
        _event(
            network,
            author,
            EventKind.EXCHANGE,
            "Échange de pratiques : mobilité douce",
            10,
            14,
            capacity=3,
            theme="Mobilité",
            club=mobility,
        ),
        _event(
            network,
            author,
            EventKind.CLUB_MEETING,
            "Réunion trimestrielle des référents",
            17,
            9,
            capacity=20,
            audience=Audience.CLUB,
            club=referents,
            min_headcount=100,
        ),
        _event(
            network,
            author,
            EventKind.WEBINAR,
            "Webinaire : la CSRD pour les PME",
            24,
            11,
            online_url="https://example.org/webinaire-csrd",
            theme="Reporting",
        ),
        _event(
            network,
            author,
            EventKind.CONFERENCE,
            "Rencontre annuelle du réseau",
            38,
            17,
            capacity=80,
            audience=Audience.PUBLIC,
            partners="Région, CCI",
        ),
    ]
    past, full = events[0], events[1]
    for position, membership in enumerate(admins[:6]):
        registration = _register(past, membership, minutes=position)
        registration.attended = position != 2
        registration.save(update_fields=["attended"])
    # Atelier Boisvert (the first organisation) is left free to register.
    for position, membership in enumerate(admins[1:6]):
        status = Registration.Status.CONFIRMED if position < 3 else Registration.Status.WAITLISTED
        _register(full, membership, minutes=position, status=status)
    _programme(network, author, admins)


def _programme(network, coach, admins) -> None:
    """The programme's two collective sessions; the selected attended the first."""
    programme, selected = programmes.programme(network, coach, admins)
    session = _event(
        network,
        coach,
        EventKind.WORKSHOP,
        "Cap RSE : atelier 1, diagnostic",
        -30,
        9,
        capacity=16,
        programme=programme,
    )
    _event(
        network,
        coach,
        EventKind.WORKSHOP,
        "Cap RSE : atelier 2, plan d’action",
        12,
        9,
        capacity=16,
        programme=programme,
    )
    for position, membership in enumerate(selected):
        registration = _register(session, membership, minutes=position)
        registration.attended = True
        registration.save(update_fields=["attended"])


def _event(network, author, kind, title, days, hour, **fields) -> Event:
    fields.setdefault("place", "" if fields.get("online_url") else PLACE)
    return Event.objects.create(
        network=network,
        created_by=author,
        kind=kind,
        title=title,
        description=fields.pop("description", "Un temps d’échange entre membres du réseau."),
        start=_at(days, hour),
        end=_at(days, hour + 2, 30),
        organisers=network.name,
        **fields,
    )


def _register(event, membership, minutes, status=Registration.Status.CONFIRMED):
    return Registration.objects.create(
        event=event,
        user=membership.user,
        organisation=membership.organisation,
        registered_by=membership.user,
        status=status,
        created_at=event.created_at - timedelta(days=7) + timedelta(minutes=minutes),
    )
