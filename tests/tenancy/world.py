"""A small world of tenants, each holding one object of every kind a URL can
name, so that every route can be tried with real objects of another
organisation or network (not id 1).

- a network (its animator, its network admin, an event that is a club
  meeting, a club, a programme, a published practice, a public event with a
  guest's registration);
- a funder of the network and its contact person;
- organisations in it (an admin, a contributor, a viewer; a submitted
  assessment with an answer and its evidence file; an action with its
  evidence file; a pending invitation; a registration to the network's
  event; a seat in its club; a selected application and an appointment in
  its programme; results shared with the network; projects seeking funding,
  shared, draft and public, with a document and a pipeline step).

Converters (``levier.tenancy.converters``) say which kind each URL parameter
is; ``value`` gives the world's object of that kind.
"""

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from levier.accounts.models import Invitation, Membership, NetworkRole, OrgRole
from levier.api.models import WebhookSubscription
from levier.api.services import create_token
from levier.assessments import services as assessments
from levier.assessments.models import Evidence
from levier.assessments.uploads import stored_fields
from levier.carbon.models import (
    CommutingSurvey,
    EmissionFactor,
    FactorImport,
    FactorSource,
    Inventory,
    InventoryLine,
)
from levier.clubs.models import ClubMember
from levier.events.models import Audience, CalendarFeed, Registration
from levier.finance.models import (
    FollowUp,
    Funder,
    FunderContact,
    FunderKind,
    Meeting,
    MeetingSession,
    MentoringNote,
    MentoringPair,
    PipelineStep,
    Project,
    ProjectDocument,
    SessionFunder,
    SessionProject,
    Wish,
)
from levier.frameworks.models import Framework, FrameworkVersion
from levier.insights.models import Sharing
from levier.membership.models import JoinPage, JoinRequest
from levier.messaging import preferences as messaging_preferences
from levier.messaging.models import Campaign, InboxMessage
from levier.mission.models import (
    CommitteeMeeting,
    CommitteeMember,
    CommitteeReport,
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
from levier.plans.models import Action, ActionEvidence, Measurement
from levier.practices.models import PracticeLink
from levier.programmes.models import (
    Application,
    Appointment,
    DeliverableDocument,
    Programme,
    ProgrammeCoach,
)
from levier.trainings.models import Attendance, SurveyInvitation, TrainingSession
from levier.vsme.models import VsmeReport
from tests.clubs.factories import make_club
from tests.events.factories import make_event
from tests.factories import (
    make_member,
    make_network,
    make_network_staff,
    make_organisation,
    make_user,
)
from tests.practices.factories import make_practice

PDF = b"%PDF-1.4\n% a test file\n"

# Kinds of objects an organisation owns; the other kinds are its network's.
ORGANISATION_KINDS = {
    "org",
    "assessment",
    "evidence",
    "action",
    "action_evidence",
    "invitation",
    "membership",
    "registration",
    "club_member",
    "application",
    "appointment",
    "deliverable_document",
    "invitation_token",
    "feed_token",
    "inventory",
    "inventory_line",
    "survey_token",
    "vsme_report",
    "statutory_objective",
    "operational_objective",
    "indicator",
    "indicator_measurement",
    "measurement_evidence",
    "committee_member",
    "committee_meeting",
    "committee_report",
    "verification",
    "verification_document",
    "org_api_token",
    "org_webhook",
    "inbox_message",
    "unsubscribe_token",
    "training_survey_token",
    "project",
    "project_document",
    "pipeline_step",
}
TOKEN_KINDS = {
    "invitation_token",
    "guest_token",
    "feed_token",
    "survey_token",
    "unsubscribe_token",
    "training_survey_token",
}
CODE_KINDS = {"theme", "question", "ext", "disclosure"}


@dataclass
class NetworkWorld:
    network: object
    animator: object
    network_admin: object
    objects: dict = field(default_factory=dict)
    # The contact person of the network's funder: no member, no staff.
    funder_contact: object = None
    # An external coach of the network's programme: no member, no staff.
    coach: object = None


@dataclass
class OrgWorld:
    network_world: NetworkWorld
    organisation: object
    admin: object
    contributor: object
    viewer: object
    objects: dict = field(default_factory=dict)
    codes: dict = field(default_factory=dict)


def build_network(label: str) -> NetworkWorld:
    network = make_network(name=f"Réseau {label}", slug=f"reseau-{label}")
    world = NetworkWorld(
        network=network,
        animator=make_network_staff(network, "animator", full_name=f"Animator {label}"),
        network_admin=make_network_staff(network, "network_admin", full_name=f"Admin {label}"),
    )
    club = make_club(network, name=f"Club {label}")
    # Only the home network's programme takes applications from companies not yet members.
    programme = Programme.objects.create(
        network=network,
        title=f"Programme {label}",
        open_to_prospects=label == "ours",
        document_deliverable="Feuille de route",
    )
    public_event = make_event(network, title=f"Public {label}", audience=Audience.PUBLIC)
    world.objects.update(
        club=club,
        programme=programme,
        event=make_event(network, title=f"Meeting {label}", club=club),
        public_event=public_event,
        guest_registration=Registration.objects.create(
            event=public_event,
            guest_name="Guest",
            guest_email=f"guest-{label}@example.org",
            status=Registration.Status.CONFIRMED,
        ),
        practice=make_practice(network, title=f"Pratique {label}", code=f"pratique-{label}"),
        framework_version=_own_framework(network, label),
        factor=EmissionFactor.objects.create(
            network=network,
            name_fr=f"Facteur {label}",
            unit="L",
            value=3.1,
            uncertainty=10,
            source=FactorSource.BASE_CARBONE,
            source_id=f"9{len(label)}",
        ),
        network_api_token=create_token(
            name=f"Site {label}",
            scopes=["events:write"],
            created_by=world.network_admin,
            network=network,
        )[0],
        network_webhook=WebhookSubscription.objects.create(
            network=network,
            url=f"https://{label}.example.org/hook",
            events=["registration.created"],
            created_by=world.network_admin,
        ),
        factor_import=FactorImport.objects.create(
            network=network, file_name=f"import-{label}.csv", source=FactorSource.BASE_CARBONE
        ),
        # Only the home network opens its join page: the other's answers 404.
        join_page=JoinPage.objects.create(network=network, is_open=label == "ours"),
        campaign=Campaign.objects.create(
            network=network, subject=f"News {label}", body="Hello", created_by=world.animator
        ),
        join_request=JoinRequest.objects.create(
            network=network,
            company_name=f"Prospect {label}",
            siren="732829320",
            headcount=12,
            region="32",
            contact_name=f"Prospect {label}",
            contact_email=f"prospect-{label}@example.org",
        ),
    )
    funder = Funder.objects.create(
        network=network, name=f"Fonds {label}", kind=FunderKind.IMPACT_FUND
    )
    world.funder_contact = make_user(f"fonds-{label}@example.org", full_name=f"Funder {label}")
    world.coach = make_user(f"coach-{label}@example.org", full_name=f"Coach {label}")
    ProgrammeCoach.objects.create(programme=programme, user=world.coach)
    world.objects.update(
        funder=funder,
        funder_contact=FunderContact.objects.create(funder=funder, user=world.funder_contact),
    )
    world.objects["meeting_session"] = MeetingSession.objects.create(
        network=network,
        title=f"Rencontres {label}",
        first_slot_at=datetime(2026, 5, 4, 9, 0, tzinfo=UTC),
        slots=4,
        tables=2,
        registration_closes_at=datetime(2026, 4, 20, 18, 0, tzinfo=UTC),
        picks_close_at=datetime(2026, 4, 27, 18, 0, tzinfo=UTC),
        schedule_published_at=datetime(2026, 4, 28, 9, 0, tzinfo=UTC),
    )
    world.objects["session_funder"] = SessionFunder.objects.create(
        session=world.objects["meeting_session"], funder=funder
    )
    world.objects["training_session"] = TrainingSession.objects.create(
        event=world.objects["event"],
        date=date(2026, 3, 2),
        start_time="09:00",
        end_time="17:00",
        break_start="12:30",
        break_end="13:30",
    )
    return world


def _own_framework(network, label):
    """A framework of the network's own (a copy of a shipped pack's source)."""
    shipped = FrameworkVersion.objects.filter(is_shipped=True).first()
    framework = Framework.objects.create(code=f"pack-{label}", network=network)
    return FrameworkVersion.objects.create(
        framework=framework,
        version="1",
        title_fr=f"Référentiel {label}",
        title_en=f"Framework {label}",
        source=shipped.source,
        digest=shipped.digest,
        question_count=shipped.question_count,
    )


def everything(org: OrgWorld) -> list:
    """Every object of an organisation's world and of its network's."""
    network = org.network_world
    people = [
        org.admin,
        org.contributor,
        org.viewer,
        network.animator,
        network.network_admin,
        network.funder_contact,
    ]
    found = [network.network, org.organisation, *people]
    found += list(NetworkRole.objects.filter(network=network.network))
    found += list(Membership.objects.filter(organisation=org.organisation))
    found += [o.framework for o in [network.objects["framework_version"]]]
    return found + list(network.objects.values()) + list(org.objects.values())


def build_organisation(world: NetworkWorld, framework_version, label: str) -> OrgWorld:
    organisation = make_organisation(world.network, name=f"Organisation {label}")
    org = OrgWorld(
        network_world=world,
        organisation=organisation,
        admin=make_member(organisation, OrgRole.ADMIN, full_name=f"Admin {label}"),
        contributor=make_member(organisation, OrgRole.CONTRIBUTOR, full_name=f"Contrib {label}"),
        viewer=make_member(organisation, OrgRole.VIEWER, full_name=f"Viewer {label}"),
    )
    assessment = assessments.start(organisation, framework_version, "2026", org.admin)
    question = next(
        q
        for q in assessments.applicable_questions(assessment)
        if q.levels and not q.is_numeric and q.type != "multiple_choice"
    )
    answer = assessment.answers.create(
        question_code=question.code, levels=[question.levels[0].code], answered_by=org.admin
    )
    evidence = Evidence.objects.create(
        answer=answer, **stored_fields(SimpleUploadedFile("proof.pdf", PDF), org.admin)
    )
    assessments.submit(assessment, org.admin)
    practice = world.objects["practice"]
    PracticeLink.objects.get_or_create(
        practice=practice,
        framework=framework_version.framework.code,
        question_code=question.code,
        defaults={"level_code": question.levels[-1].code},
    )
    action = Action.objects.create(
        organisation=organisation,
        title=f"Action {label}",
        owner=org.contributor,
        assessment=assessment,
        created_by=org.admin,
    )
    Measurement.objects.create(action=action, date="2026-01-15", value=3, recorded_by=org.admin)
    action_evidence = ActionEvidence.objects.create(
        action=action, **stored_fields(SimpleUploadedFile("done.pdf", PDF), org.admin)
    )
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=f"new-{label}@example.org",
        role=OrgRole.CONTRIBUTOR,
        invited_by=org.admin,
    )
    application = Application.objects.create(
        programme=world.objects["programme"],
        organisation=organisation,
        submitted_by=org.admin,
        answer="We want to learn.",
        status=Application.Status.SELECTED,
        # Only the home organisation opens its plan to the programme's coaches.
        coach_may_open_plan=label == "home",
    )
    Sharing.objects.create(organisation=organisation, shared_by=org.admin)
    inventory = Inventory.objects.create(
        organisation=organisation, year=2025, created_by=org.admin
    )
    inventory_line = InventoryLine.objects.create(
        inventory=inventory,
        post="fuel_vehicles",
        label="Gazole",
        quantity=1000,
        unit="L",
        factor=world.objects["factor"],
    )
    org.objects.update(_mission_objects(organisation, action, org.admin, label))
    org.objects.update(
        org_api_token=create_token(
            name=f"ERP {label}",
            scopes=["plans:write"],
            created_by=org.admin,
            organisation=organisation,
        )[0],
        org_webhook=WebhookSubscription.objects.create(
            organisation=organisation,
            url=f"https://{label}.example.org/hook",
            events=["action.done"],
            created_by=org.admin,
        ),
    )
    org.objects.update(
        vsme_report=VsmeReport.objects.create(
            organisation=organisation,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            created_by=org.admin,
        ),
        inventory=inventory,
        inventory_line=inventory_line,
        survey=CommutingSurvey.objects.create(inventory=inventory, created_by=org.admin),
        assessment=assessment,
        evidence=evidence,
        action=action,
        action_evidence=action_evidence,
        invitation=invitation,
        membership=Membership.objects.get(user=org.viewer, organisation=organisation),
        registration=Registration.objects.create(
            event=world.objects["event"],
            user=org.admin,
            organisation=organisation,
            status=Registration.Status.CONFIRMED,
        ),
        club_member=ClubMember.objects.create(
            club=world.objects["club"], user=org.admin, organisation=organisation
        ),
        application=application,
        deliverable_document=DeliverableDocument.objects.create(
            application=application,
            **stored_fields(SimpleUploadedFile("feuille.pdf", PDF), org.admin),
        ),
        appointment=Appointment.objects.create(
            programme=world.objects["programme"],
            organisation=organisation,
            coach=world.animator,
            at="2026-03-01T10:00:00+01:00",
        ),
        feed=CalendarFeed.objects.create(user=org.admin),
        inbox_message=InboxMessage.objects.create(
            recipient=org.admin, network=world.network, subject=f"News {label}", body="Hello"
        ),
    )
    org.objects.update(_finance_objects(org, action, question.theme_code, label))
    org.objects.update(_mentoring_objects(org))
    org.codes = {
        "theme": question.theme_code,
        "question": question.code,
        "ext": "csv",
        "disclosure": "B1",
    }
    # The admin attended the morning of the event's session (a certificate),
    # and was sent its questionnaire.
    Attendance.objects.create(
        session=world.objects["training_session"],
        registration=org.objects["registration"],
        part="am",
        present=True,
    )
    org.objects["training_survey"] = SurveyInvitation.objects.create(
        registration=org.objects["registration"]
    )
    return org


def _finance_objects(org: OrgWorld, action, theme_code: str, label: str) -> dict:
    """Projects seeking funding (shared with the network's funders, a draft,
    a public one), a document of the shared one and a step of its pipeline."""

    def project(title, visibility):
        found = Project.objects.create(
            organisation=org.organisation,
            title=f"{title} {label}",
            purpose="Un atelier de réemploi.",
            impact_targets="200 tonnes évitées par an.",
            themes=[theme_code],
            region="32",
            stage="launch",
            amount_sought=150_000,
            instruments=["loan", "grant"],
            use_of_funds="Machines.",
            visibility=visibility,
            created_by=org.admin,
        )
        found.actions.add(action)
        return found

    shared = project("Projet", Project.Visibility.FUNDERS)
    meeting_session = org.network_world.objects["meeting_session"]
    funder = org.network_world.objects["funder"]
    meeting = Meeting.objects.create(
        session=meeting_session,
        project=shared,
        funder=funder,
        slot=meeting_session.meetings.count(),
        table=1,
    )
    return {
        "session_project": SessionProject.objects.create(
            session=meeting_session, project=shared, registered_by=org.admin
        ),
        "wish": Wish.objects.create(
            session=meeting_session, side="project", project=shared, funder=funder, position=0
        ),
        "meeting": meeting,
        "follow_up": FollowUp.objects.create(
            meeting=meeting, side="project", outcome="interested"
        ),
        "project": shared,
        "draft_project": project("Brouillon", Project.Visibility.DRAFT),
        "public_project": project("Vitrine", Project.Visibility.PUBLIC),
        "project_document": ProjectDocument.objects.create(
            project=shared,
            title="Business plan",
            **stored_fields(SimpleUploadedFile("plan.pdf", PDF), org.admin),
        ),
        "pipeline_step": PipelineStep.objects.create(
            project=shared,
            funder=org.network_world.objects["funder"],
            stage=PipelineStep.Stage.CONTACTED,
        ),
    }


def _mentoring_objects(org: OrgWorld) -> dict:
    """A mentoring pair of the network (its funder mentors the organisation)
    and a note of it: the network's staff only."""
    pair = MentoringPair.objects.create(
        network=org.network_world.network,
        kind=MentoringPair.Kind.ACCELERATOR_FUND,
        mentor_funder=org.network_world.objects["funder"],
        mentee=org.organisation,
        started_on=date(2026, 1, 5),
    )
    note = MentoringNote.objects.create(pair=pair, on=date(2026, 2, 2), text="Premier point.")
    return {"mentoring_pair": pair, "mentoring_note": note}


def _mission_objects(organisation, action, admin, label) -> dict:
    """A mission with one object of each kind its pages name."""
    mission = Mission.objects.create(
        organisation=organisation, purpose=f"Raison d'être {label}", published_on=date(2025, 3, 1)
    )
    statutory = StatutoryObjective.objects.create(
        mission=mission, wording=f"Objectif {label}", theme=MissionTheme.CLIMATE
    )
    operational = OperationalObjective.objects.create(
        organisation=organisation, statutory_objective=statutory, title=f"Opérationnel {label}"
    )
    operational.actions.add(action)
    indicator = Indicator.objects.create(
        objective=operational, name=f"Indicateur {label}", unit="t"
    )
    measurement = IndicatorMeasurement.objects.create(
        indicator=indicator, on=date(2026, 1, 31), value=12, recorded_by=admin
    )
    member = CommitteeMember.objects.create(
        mission=mission, name=f"Membre {label}", is_employee=True
    )
    meeting = CommitteeMeeting.objects.create(mission=mission, held_on=date(2026, 2, 1))
    meeting.attendees.add(member)
    verification = Verification.objects.create(
        mission=mission, done_on=date(2026, 6, 1), verifier="OTI", conclusion="met"
    )
    return {
        "statutory_objective": statutory,
        "operational_objective": operational,
        "indicator": indicator,
        "indicator_measurement": measurement,
        "measurement_evidence": MeasurementEvidence.objects.create(
            measurement=measurement,
            **stored_fields(SimpleUploadedFile("mesure.pdf", PDF), admin),
        ),
        "committee_member": member,
        "committee_meeting": meeting,
        "committee_report": CommitteeReport.objects.create(mission=mission, year=2025),
        "verification": verification,
        "verification_document": VerificationDocument.objects.create(
            verification=verification,
            **stored_fields(SimpleUploadedFile("avis.pdf", PDF), admin),
        ),
    }


def value(kind: str, org: OrgWorld, *, public: bool = False) -> str:
    """The world's value for a URL parameter of ``kind``."""
    network_objects = org.network_world.objects
    if kind == "org":
        return org.organisation.slug
    if kind == "network":
        return org.network_world.network.slug
    if kind in CODE_KINDS:
        return org.codes[kind]
    if kind == "invitation_token":
        return org.objects["invitation"].token
    if kind == "feed_token":
        return org.objects["feed"].token
    if kind == "unsubscribe_token":
        return messaging_preferences.unsubscribe_token(org.admin)
    if kind == "survey_token":
        return org.objects["survey"].token
    if kind == "training_survey_token":
        return org.objects["training_survey"].token
    if kind == "guest_token":
        return network_objects["guest_registration"].token
    if kind == "event" and public:
        return str(network_objects["public_event"].pk)
    if kind == "project" and public:
        return str(org.objects["public_project"].pk)
    if kind in org.objects:
        return str(org.objects[kind].pk)
    return str(network_objects[kind].pk)


def unknown_token() -> str:
    return secrets.token_urlsafe(24)
