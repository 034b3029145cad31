"""Missions of three sizes for the committee's tests and its annual report:
none (a mission and nothing else), one objective, and about the demo's size
(three statutory objectives, two years of measurements, a full committee)."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from levier.mission.models import (
    CommitteeMeeting,
    CommitteeMember,
    CommitteeReport,
    Indicator,
    IndicatorMeasurement,
    Mission,
    MissionTheme,
    ObjectiveKind,
    OperationalObjective,
    StatutoryObjective,
    Verification,
)
from levier.plans.models import Action

YEAR = 2025


def mission(organisation, **fields) -> Mission:
    fields.setdefault("purpose", "Faire du bois local un matériau d'avenir pour tous.")
    fields.setdefault("published_on", date(2023, 3, 1))
    fields.setdefault("permanent_employees", 80)
    return Mission.objects.create(organisation=organisation, **fields)


def member(mission, name, employee=False, **fields) -> CommitteeMember:
    return CommitteeMember.objects.create(
        mission=mission, name=name, is_employee=employee, **fields
    )


def report(mission, year=YEAR, **fields) -> CommitteeReport:
    return CommitteeReport.objects.create(mission=mission, year=year, **fields)


def _done_action(organisation, title, on: date) -> Action:
    at = timezone.make_aware(datetime(on.year, on.month, on.day, 12))
    return Action.objects.create(
        organisation=organisation, title=title, status=Action.Status.DONE, completed_at=at
    )


def one_objective(organisation) -> Mission:
    """One statutory objective, one operational, one indicator measured in
    the year (12.5 t, from 20 t towards 10 t), one action done in 2025."""
    m = mission(organisation)
    statutory = StatutoryObjective.objects.create(
        mission=m, wording="Réduire l'empreinte carbone", theme=MissionTheme.CLIMATE
    )
    operational = OperationalObjective.objects.create(
        organisation=organisation, statutory_objective=statutory, title="Chauffage sobre"
    )
    indicator = Indicator.objects.create(
        objective=operational,
        name="Émissions du chauffage",
        unit="tCO2e",
        baseline_value=20,
        baseline_on=date(2023, 12, 31),
        target_value=10,
        target_on=date(2027, 12, 31),
    )
    IndicatorMeasurement.objects.create(indicator=indicator, on=date(2025, 6, 30), value=12.5)
    # Measured after the year's end: the report of 2025 must not use it.
    IndicatorMeasurement.objects.create(indicator=indicator, on=date(2026, 3, 1), value=99)
    operational.actions.add(_done_action(organisation, "Isoler les combles", date(2025, 4, 2)))
    operational.actions.add(_done_action(organisation, "Action de 2024", date(2024, 4, 2)))
    member(m, "Claire Martin", employee=True, quality="Salariée", joined_on=date(2023, 3, 1))
    CommitteeMeeting.objects.create(
        mission=m, held_on=date(2025, 5, 12), place="Siège", agenda="Suivi des indicateurs"
    )
    return m


THEMES = [MissionTheme.CLIMATE, MissionTheme.WORK, MissionTheme.TERRITORY]


def demo_size(organisation) -> Mission:
    """About the demo's size: three statutory objectives, each with two
    operational objectives of two indicators measured every quarter over
    two years, actions done, five members, four meetings, a verification
    and a long opinion."""
    m = mission(organisation, verifier="Bureau Vérif")
    for s in range(3):
        statutory = StatutoryObjective.objects.create(
            mission=m,
            wording=f"Objectif statutaire {s + 1} : agir pour un territoire plus durable "
            "en associant nos salariés, nos clients et nos fournisseurs",
            theme=THEMES[s],
            kind=[ObjectiveKind.ENVIRONMENTAL, ObjectiveKind.SOCIAL, ObjectiveKind.BOTH][s],
            position=s,
        )
        for o in range(2):
            operational = OperationalObjective.objects.create(
                organisation=organisation,
                statutory_objective=statutory,
                title=f"Objectif opérationnel {s + 1}.{o + 1} au titre assez long pour passer "
                "à la ligne",
                description="Ce que nous faisons concrètement, avec qui et comment nous le "
                "mesurons.",
                position=o,
            )
            for i in range(2):
                rising = (s + o + i) % 2 == 0
                indicator = Indicator.objects.create(
                    objective=operational,
                    name=f"Indicateur {s + 1}.{o + 1}.{i + 1} du suivi de la mission",
                    unit="%" if rising else "tCO2e",
                    baseline_value=30 if rising else 200,
                    baseline_on=date(2023, 12, 31),
                    target_value=60 if rising else 120,
                    target_on=date(2027, 12, 31),
                    position=i,
                )
                for q in range(8):
                    on = date(2024, 3, 31) + timedelta(days=91 * q)
                    step = (q + 1) * (4 if (s + i) % 3 else 1.5)
                    value = 30 + step if rising else 200 - 2 * step
                    IndicatorMeasurement.objects.create(indicator=indicator, on=on, value=value)
            for a in range(2):
                operational.actions.add(
                    _done_action(
                        organisation,
                        f"Action {s + 1}.{o + 1}.{a + 1} menée avec les équipes",
                        date(2025, 2 + 3 * a + o, 10),
                    )
                )
    names = ["Claire Martin", "Paul Durand", "Sophie Bernard", "Luc Petit", "Nadia Roux"]
    for index, name in enumerate(names):
        member(
            m,
            name,
            employee=index < 2,
            quality=["Salariée", "Salarié", "Cliente", "Expert climat", "Élue locale"][index],
            joined_on=date(2023, 3, 1),
        )
    member(m, "Ancien Membre", quality="Fournisseur", left_on=date(2024, 6, 30))
    for month in (2, 5, 9, 11):
        meeting = CommitteeMeeting.objects.create(
            mission=m,
            held_on=date(2025, month, 15),
            place="Siège, salle du conseil",
            agenda="1. Suivi des indicateurs du trimestre\n2. Actions menées\n3. Questions "
            "diverses et préparation du rapport annuel",
            minutes="Le comité a examiné les indicateurs.",
        )
        meeting.attendees.set(m.committee.filter(left_on__isnull=True)[:4])
    Verification.objects.create(
        mission=m,
        done_on=date(2024, 9, 1),
        verifier="Bureau Vérif",
        conclusion="met",
        permanent_employees=80,
    )
    return m


LONG_OPINION = "\n\n".join(
    f"Paragraphe {n} de l'avis du comité : les engagements progressent, les indicateurs "
    "de l'année montrent des avancées réelles et quelques retards que le comité suivra "
    "de près au cours de l'exercice suivant." * 2
    for n in range(1, 6)
)
