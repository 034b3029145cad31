"""Engagement programmes: applications, selection, the cohort and its deliverables.

Deliverables are read from the organisations' own work (a submitted
assessment, the number of actions in their plan): nothing to declare twice.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from levier.accounts.models import Membership, OrgRole
from levier.assessments.models import Assessment
from levier.assessments.uploads import stored_fields
from levier.plans.models import Action
from levier.programmes import emails
from levier.programmes.models import Application, Appointment, DeliverableDocument, Programme


class ApplicationRefused(Exception):
    pass


def can_apply(user, organisation) -> bool:
    return Membership.objects.filter(
        user=user, organisation=organisation, role=OrgRole.ADMIN
    ).exists()


def apply(programme: Programme, organisation, user, answer: str) -> Application:
    if not programme.applications_open or (
        programme.application_deadline and programme.application_deadline < timezone.localdate()
    ):
        raise ApplicationRefused(_("The call for applications is closed."))
    if organisation.network_id != programme.network_id or not can_apply(user, organisation):
        raise ApplicationRefused(_("Only an administrator of a member organisation may apply."))
    application, created = Application.objects.get_or_create(
        programme=programme,
        organisation=organisation,
        defaults={"submitted_by": user, "answer": answer},
    )
    if not created:
        raise ApplicationRefused(
            _("%(organisation)s has already applied.") % {"organisation": organisation.name}
        )
    return application


def decide(application: Application, status: str, message: str = "") -> None:
    """Selects or declines. The applicants hear of a selection or a decline
    once: deciding the same again, or going back to review, sends nothing."""
    programme = application.programme
    if status == Application.Status.SELECTED and application.status != status:
        selected = programme.applications.filter(status=Application.Status.SELECTED).count()
        if selected >= programme.seats:
            raise ApplicationRefused(
                _("The cohort is full: %(seats)s organisations.") % {"seats": programme.seats}
            )
    application.status = status
    application.decided_at = timezone.now()
    fields = ["status", "decided_at"]
    told = {Application.Status.SELECTED, Application.Status.DECLINED}
    if (
        status in told
        and application.notified_status != status
        and emails.application_decided(application, message)
    ):
        application.notified_status = status
        fields.append("notified_status")
    application.save(update_fields=fields)


def cohort(programme: Programme):
    return (
        programme.applications.filter(status=Application.Status.SELECTED)
        .select_related("organisation")
        .order_by("organisation__name")
    )


@dataclass(frozen=True)
class Progress:
    organisation: object
    assessment_submitted: bool
    actions: int
    actions_needed: int
    appointments: int
    sessions_attended: int
    attendance_required: bool = False
    custom_label: str = ""
    custom_done: bool = False
    application_id: int | None = None
    document_label: str = ""
    documents: tuple = ()  # handed in, newest first

    @property
    def actions_done(self) -> bool:
        return self.actions >= self.actions_needed

    @property
    def attended(self) -> bool:
        return self.sessions_attended > 0 or not self.attendance_required

    @property
    def custom_delivered(self) -> bool:
        return self.custom_done or not self.custom_label

    @property
    def document_delivered(self) -> bool:
        return bool(self.documents) or not self.document_label

    @property
    def complete(self) -> bool:
        return (
            self.assessment_submitted
            and self.actions_done
            and self.attended
            and self.custom_delivered
            and self.document_delivered
        )


def progress_board(programme: Programme) -> list[Progress]:
    """One row per cohort organisation, in six queries whatever the cohort's size."""
    applications = list(cohort(programme))
    organisations = [application.organisation for application in applications]
    ids = [o.pk for o in organisations]
    since = Q()
    if programme.starts_on:
        since = Q(submitted_at__date__gte=programme.starts_on)
    submitted = set(
        Assessment.objects.filter(
            since, organisation_id__in=ids, status=Assessment.Status.SUBMITTED
        ).values_list("organisation_id", flat=True)
    )
    actions = dict(
        Action.objects.filter(organisation_id__in=ids)
        .exclude(status=Action.Status.DROPPED)
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
    )
    appointments = dict(
        Appointment.objects.filter(programme=programme, organisation_id__in=ids)
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
    )
    # Through the programme's sessions: programmes know nothing of the events app.
    attended = dict(
        programme.sessions.filter(
            registrations__organisation_id__in=ids, registrations__attended=True
        )
        .values_list("registrations__organisation_id")
        .annotate(n=Count("registrations"))
    )
    documents = handed_in([a.pk for a in applications])
    return [
        Progress(
            organisation=o,
            assessment_submitted=(o.pk in submitted) or not programme.requires_assessment,
            actions=actions.get(o.pk, 0),
            actions_needed=programme.min_actions,
            appointments=appointments.get(o.pk, 0),
            sessions_attended=attended.get(o.pk, 0),
            attendance_required=programme.requires_attendance,
            custom_label=programme.custom_deliverable,
            custom_done=application.custom_deliverable_done,
            application_id=application.pk,
            document_label=programme.document_deliverable,
            documents=tuple(documents.get(application.pk, ())),
        )
        for application, o in zip(applications, organisations, strict=True)
    ]


@dataclass(frozen=True)
class CoachingHours:
    """Booked coaching per cohort organisation, against the programme's budget."""

    by_organisation: list  # (organisation, hours) in the cohort's order
    total: float
    budget: int | None

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.total > self.budget

    @property
    def remaining(self) -> float | None:
        return None if self.budget is None else self.budget - self.total


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def coaching_hours(programme: Programme) -> CoachingHours:
    """Every appointment of the programme counts, past or booked ahead."""
    minutes = dict(
        Appointment.objects.filter(programme=programme)
        .values_list("organisation_id")
        .annotate(n=Sum("duration_minutes"))
    )
    rows = [(a.organisation, _hours(minutes.get(a.organisation_id, 0))) for a in cohort(programme)]
    return CoachingHours(
        by_organisation=rows,
        total=_hours(sum(minutes.values())),
        budget=programme.coaching_hours_budget,
    )


def can_hand_in(user, application: Application) -> bool:
    """An administrator or contributor of a selected organisation, while the
    programme asks for a document."""
    return (
        bool(application.programme.document_deliverable)
        and application.status == Application.Status.SELECTED
        and Membership.objects.filter(
            user=user,
            organisation_id=application.organisation_id,
            role__in=[OrgRole.ADMIN, OrgRole.CONTRIBUTOR],
        ).exists()
    )


def hand_in(application: Application, upload, user) -> DeliverableDocument:
    return DeliverableDocument.objects.create(
        application=application, **stored_fields(upload, user)
    )


def handed_in(application_ids) -> dict[int, list[DeliverableDocument]]:
    """Application id -> the documents it handed in that the reader may see
    (the scope decides), newest first; one query."""
    documents: dict[int, list] = {}
    for document in DeliverableDocument.objects.filter(
        application_id__in=list(application_ids)
    ).order_by("-uploaded_at", "-pk"):
        documents.setdefault(document.application_id, []).append(document)
    return documents
