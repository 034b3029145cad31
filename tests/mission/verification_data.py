"""A mission with one objective, one indicator measured with evidence, an
action, a committee that met, and a verification, for the verification's
tests; and a fixed "today" for the calendar."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from levier.assessments.uploads import stored_fields
from levier.mission import services
from levier.mission.models import (
    CommitteeMeeting,
    CommitteeMember,
    Indicator,
    IndicatorMeasurement,
    MeasurementEvidence,
    Mission,
    MissionTheme,
    OperationalObjective,
    StatutoryObjective,
    Verification,
    VerificationDocument,
)
from levier.plans.models import Action

TODAY = date(2026, 6, 15)
PDF = b"%PDF-1.4\n% a signed opinion\n"


def fix_today(monkeypatch) -> None:
    """The mission's "today" is TODAY for the rest of the test."""
    monkeypatch.setattr(services, "today", lambda: TODAY)


def pdf(name="avis.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def mission(organisation, **fields) -> Mission:
    fields.setdefault("purpose", "Faire du bois local un matériau d'avenir.")
    fields.setdefault("published_on", date(2025, 3, 1))
    fields.setdefault("permanent_employees", 80)
    return Mission.objects.create(organisation=organisation, **fields)


def verification(mission, done_on, employees=None, **fields) -> Verification:
    fields.setdefault("verifier", "Bureau Vérif")
    fields.setdefault("conclusion", "met")
    return Verification.objects.create(
        mission=mission, done_on=done_on, permanent_employees=employees, **fields
    )


def document(verification, user, name="avis.pdf") -> VerificationDocument:
    return VerificationDocument.objects.create(
        verification=verification, **stored_fields(pdf(name), user)
    )


def full_mission(organisation, user) -> dict:
    """Every kind of thing the verification file gathers, one of each."""
    m = mission(organisation)
    statutory = StatutoryObjective.objects.create(
        mission=m, wording="Réduire l'empreinte carbone", theme=MissionTheme.CLIMATE
    )
    operational = OperationalObjective.objects.create(
        organisation=organisation,
        statutory_objective=statutory,
        title="Décarboner la flotte",
        owner=user,
        questions=[["levier-360", "ENV-01"]],
    )
    action = Action.objects.create(organisation=organisation, title="Acheter des vélos cargo")
    operational.actions.add(action)
    indicator = Indicator.objects.create(
        objective=operational,
        name='=HYPERLINK("http://evil.example","x")',
        unit="tCO2e",
        baseline_value=100,
        baseline_on=date(2024, 12, 31),
        target_value=60,
        target_on=date(2028, 12, 31),
        responsible=user,
    )
    measurement = IndicatorMeasurement.objects.create(
        indicator=indicator, on=date(2025, 12, 31), value=90, source="Bilan carbone 2025"
    )
    evidence = MeasurementEvidence.objects.create(
        measurement=measurement, **stored_fields(pdf("bilan 2025.pdf", b"%PDF-1.4 bilan"), user)
    )
    twin = MeasurementEvidence.objects.create(
        measurement=measurement, **stored_fields(pdf("bilan 2025.pdf", b"%PDF-1.4 twin"), user)
    )
    member = CommitteeMember.objects.create(
        mission=m, name="Chloé Salariée", quality="salariée", is_employee=True
    )
    meeting = CommitteeMeeting.objects.create(
        mission=m, held_on=date(2026, 2, 1), agenda="Bilan annuel", minutes="Le comité a validé."
    )
    meeting.attendees.add(member)
    past = verification(m, date(2026, 5, 1), employees=80, opinion="Objectifs atteints.")
    opinion = document(past, user, "avis signé.pdf")
    return {
        "mission": m,
        "statutory": statutory,
        "operational": operational,
        "indicator": indicator,
        "measurement": measurement,
        "evidence": evidence,
        "twin": twin,
        "action": action,
        "member": member,
        "meeting": meeting,
        "verification": past,
        "opinion": opinion,
    }
