"""Typed URL parameters: each names the kind of object it carries.

``<assessment:pk>`` instead of ``<int:pk>`` says which model the id belongs
to, so the tenancy test can fill every route with real objects of another
organisation or network, and refuses a route whose parameters it cannot
type. A converter also fixes what the parameter may look like, so that a
malformed address is a 404 before any view runs.
"""

from django.urls import register_converter


class ObjectId:
    """The primary key of a tenant object."""

    regex = "[0-9]{1,18}"
    model: str  # "app_label.ModelName"
    field = "pk"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


class ObjectSlug:
    regex = "[-a-zA-Z0-9_]{1,80}"
    model: str
    field = "slug"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class ObjectToken(ObjectSlug):
    """A secret standing for an object (or its person) in links sent by email
    or given to calendar apps."""

    regex = "[-a-zA-Z0-9_]{16,64}"
    field = "token"


class Code:
    """Not an object: a code of a framework pack or a file extension."""

    regex = "[-A-Za-z0-9_.]{1,40}"
    model = None

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


def _object(base, model: str, **attributes):
    return type(model.split(".")[1], (base,), {"model": model, **attributes})


CONVERTERS = {
    # Tenants.
    "org": _object(ObjectSlug, "accounts.Organisation"),
    "network": _object(ObjectSlug, "accounts.Network"),
    # Objects, by their id.
    "invitation": _object(ObjectId, "accounts.Invitation"),
    "membership": _object(ObjectId, "accounts.Membership"),
    "assessment": _object(ObjectId, "assessments.Assessment"),
    "evidence": _object(ObjectId, "assessments.Evidence"),
    "action": _object(ObjectId, "plans.Action"),
    "action_evidence": _object(ObjectId, "plans.ActionEvidence"),
    "practice": _object(ObjectId, "practices.Practice"),
    "event": _object(ObjectId, "events.Event"),
    "registration": _object(ObjectId, "events.Registration"),
    "club": _object(ObjectId, "clubs.Club"),
    "club_member": _object(ObjectId, "clubs.ClubMember"),
    "programme": _object(ObjectId, "programmes.Programme"),
    "application": _object(ObjectId, "programmes.Application"),
    "appointment": _object(ObjectId, "programmes.Appointment"),
    "deliverable_document": _object(ObjectId, "programmes.DeliverableDocument"),
    "training_session": _object(ObjectId, "trainings.TrainingSession"),
    "join_request": _object(ObjectId, "membership.JoinRequest"),
    "campaign": _object(ObjectId, "messaging.Campaign"),
    "inbox_message": _object(ObjectId, "messaging.InboxMessage"),
    "inventory": _object(ObjectId, "carbon.Inventory"),
    "inventory_line": _object(ObjectId, "carbon.InventoryLine"),
    "factor": _object(ObjectId, "carbon.EmissionFactor"),
    "factor_import": _object(ObjectId, "carbon.FactorImport"),
    "vsme_report": _object(ObjectId, "vsme.VsmeReport"),
    "statutory_objective": _object(ObjectId, "mission.StatutoryObjective"),
    "operational_objective": _object(ObjectId, "mission.OperationalObjective"),
    "indicator": _object(ObjectId, "mission.Indicator"),
    "indicator_measurement": _object(ObjectId, "mission.IndicatorMeasurement"),
    "measurement_evidence": _object(ObjectId, "mission.MeasurementEvidence"),
    "committee_member": _object(ObjectId, "mission.CommitteeMember"),
    "committee_meeting": _object(ObjectId, "mission.CommitteeMeeting"),
    "committee_report": _object(ObjectId, "mission.CommitteeReport"),
    "verification": _object(ObjectId, "mission.Verification"),
    "verification_document": _object(ObjectId, "mission.VerificationDocument"),
    # Impact finance: projects seeking funding, the network's funders.
    "funder": _object(ObjectId, "finance.Funder"),
    "funder_contact": _object(ObjectId, "finance.FunderContact"),
    "project": _object(ObjectId, "finance.Project"),
    "project_document": _object(ObjectId, "finance.ProjectDocument"),
    "pipeline_step": _object(ObjectId, "finance.PipelineStep"),
    "meeting_session": _object(ObjectId, "finance.MeetingSession"),
    "mentoring_pair": _object(ObjectId, "finance.MentoringPair"),
    "mentoring_note": _object(ObjectId, "finance.MentoringNote"),
    # API access: an organisation's and a network's own tokens and webhooks.
    "org_api_token": _object(ObjectId, "api.ApiToken"),
    "network_api_token": _object(ObjectId, "api.ApiToken"),
    "org_webhook": _object(ObjectId, "api.WebhookSubscription"),
    "network_webhook": _object(ObjectId, "api.WebhookSubscription"),
    # Secrets sent by email or to calendar apps.
    "invitation_token": _object(ObjectToken, "accounts.Invitation"),
    "guest_token": _object(ObjectToken, "events.Registration"),
    "feed_token": _object(ObjectToken, "events.CalendarFeed"),
    "survey_token": _object(ObjectToken, "carbon.CommutingSurvey"),
    # A person's signed id (levier.messaging.preferences), in unsubscribe links.
    "unsubscribe_token": _object(
        ObjectToken, "accounts.User", regex=r"[0-9]{1,18}\.[-a-zA-Z0-9_]{40,50}", field="pk"
    ),
    "training_survey_token": _object(ObjectToken, "trainings.SurveyInvitation"),
    # Codes of a framework pack, and export formats.
    "theme": type("Theme", (Code,), {"kind": "theme"}),
    "question": type("Question", (Code,), {"kind": "question"}),
    "ext": type("Extension", (Code,), {"regex": "csv|xlsx", "kind": "extension"}),
    "disclosure": type("Disclosure", (Code,), {"regex": "[BC][0-9]{1,2}", "kind": "disclosure"}),
}

for name, converter in CONVERTERS.items():
    register_converter(converter, name)
