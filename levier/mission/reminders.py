"""Reminders of a société à mission's deadlines, sent each morning:

- the independent verifier's next deadline (R210-21 II), to the
  organisation's admins, 180, 90 and 30 days before it and monthly once
  overdue (``calendar.reminder_due``, tracked by
  ``Mission.verification_reminded_on``);
- the committee's annual report for the last closed financial year, due by
  the meeting approving the accounts, to the admins, on the same marks,
  while the committee has not adopted it (``Mission.report_reminded_on``);
- indicators whose next measurement is due within 7 days or overdue, to
  each indicator's responsible (or the admins when nobody is), once per due
  date (``Indicator.reminded_on``).

Running twice the same day sends nothing more: each reminder records the day
it went out.
"""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django_tasks import task

from levier.accounts.models import Membership, OrgRole
from levier.engine.mission import calendar
from levier.mailing import services as mailing
from levier.mission import services
from levier.mission.models import (
    CommitteeReport,
    Indicator,
    IndicatorMeasurement,
    Mission,
    Verification,
)
from levier.tenancy.scope import system

MEASUREMENT_DAYS_AHEAD = 7


def _link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _admins_by_organisation(organisation_ids) -> dict[int, list]:
    memberships = Membership.objects.filter(
        organisation_id__in=organisation_ids,
        role=OrgRole.ADMIN,
        user__is_active=True,
        user__closed_at__isnull=True,
    ).select_related("user")
    admins = defaultdict(list)
    for membership in memberships.order_by("user__email"):
        admins[membership.organisation_id].append(membership.user)
    return admins


def _send(recipient, subject: str, template: str, context: dict, kind: str) -> None:
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, {**context, "recipient": recipient}),
        to=[recipient.email],
    )
    mailing.queue(message, kind=kind)


def _verification(mission, admins, today) -> int:
    deadline = services.next_verification(mission, mission.verifications.all())
    if deadline is None or not admins:
        return 0
    if not calendar.reminder_due(deadline.due_on, today, mission.verification_reminded_on):
        return 0
    organisation = mission.organisation
    context = {
        "organisation": organisation,
        "deadline": deadline,
        "rule": services.DEADLINE_RULES[deadline.rule],
        "overdue": deadline.due_on < today,
        "days": abs((deadline.due_on - today).days),
        "link": _link("mission_verification", organisation.slug),
        "file_link": _link("mission_verification_file", organisation.slug),
    }
    if deadline.due_on < today:
        subject = _("[Levier] %(organisation)s: the mission's verification is overdue")
    else:
        subject = _("[Levier] %(organisation)s: the mission's verification is due by %(date)s")
    subject = subject % {
        "organisation": organisation.name,
        "date": formats.date_format(deadline.due_on, "SHORT_DATE_FORMAT"),
    }
    for admin in admins:
        _send(admin, subject, "mission/email/verification.txt", context, "mission.verification")
    mission.verification_reminded_on = today
    mission.save(update_fields=["verification_reminded_on"])
    return len(admins)


def _report(mission, admins, today) -> int:
    due = services.report_due(mission, today, reports=mission.reports.all())
    if due is None or not admins or (due.report and due.report.adopted_on):
        return 0
    if not calendar.reminder_due(due.due_on, today, mission.report_reminded_on):
        return 0
    organisation = mission.organisation
    context = {
        "organisation": organisation,
        "due": due,
        "overdue": due.due_on < today,
        "link": _link("mission_committee", organisation.slug),
    }
    subject = _("[Levier] %(organisation)s: the mission committee's report for %(year)s") % {
        "organisation": organisation.name,
        "year": due.year,
    }
    for admin in admins:
        _send(admin, subject, "mission/email/report.txt", context, "mission.report")
    mission.report_reminded_on = today
    mission.save(update_fields=["report_reminded_on"])
    return len(admins)


def _measurements_due(today):
    """(indicator, due date) for each indicator whose next measurement is
    due within the week or overdue and not reminded for that date yet."""
    horizon = today + timedelta(days=MEASUREMENT_DAYS_AHEAD)
    indicators = (
        Indicator.objects.exclude(every_months=0)
        .select_related("responsible", "objective__organisation")
        .prefetch_related(
            Prefetch("measurements", queryset=IndicatorMeasurement.objects.only("indicator", "on"))
        )
        .order_by("objective__organisation", "position", "pk")
    )
    for indicator in indicators:
        due_on = services.next_measurement(indicator, indicator.measurements.all())
        if due_on is None or due_on > horizon:
            continue
        window = due_on - timedelta(days=MEASUREMENT_DAYS_AHEAD)
        if indicator.reminded_on is not None and indicator.reminded_on >= window:
            continue  # already reminded of this due date
        yield indicator, due_on


def _usable(user) -> bool:
    return user is not None and user.is_active and user.closed_at is None


def _measurements(admins_of, today) -> int:
    due = list(_measurements_due(today))
    if not due:
        return 0
    missing = {i.objective.organisation_id for i, _d in due if not _usable(i.responsible)}
    admins_of.update(_admins_by_organisation(missing - admins_of.keys()))
    # One email per person and organisation, listing their indicators.
    batches = defaultdict(list)
    for indicator, due_on in due:
        organisation = indicator.objective.organisation
        people = (
            [indicator.responsible]
            if _usable(indicator.responsible)
            else admins_of.get(organisation.pk, [])
        )
        for person in people:
            batches[(person, organisation)].append((indicator, due_on))
    sent = 0
    for (person, organisation), lines in batches.items():
        rows = [
            (indicator, due_on, _link("mission_indicator", organisation.slug, indicator.pk))
            for indicator, due_on in lines
        ]
        context = {
            "organisation": organisation,
            "overdue": [row for row in rows if row[1] < today],
            "soon": [row for row in rows if row[1] >= today],
        }
        subject = _("[Levier] %(organisation)s: mission indicators to measure") % {
            "organisation": organisation.name
        }
        _send(person, subject, "mission/email/measurements.txt", context, "mission.measurement")
        sent += 1
    Indicator.objects.filter(pk__in=[i.pk for i, _d in due]).update(reminded_on=today)
    return sent


@task()
def send_mission_reminders() -> int:
    """Queue today's reminders of every mission; returns how many emails."""
    with system(), translation.override(settings.LANGUAGE_CODE):
        today = services.today()
        verifications = Verification.objects.only("mission", "done_on", "permanent_employees")
        reports = CommitteeReport.objects.only("mission", "year", "adopted_on")
        missions = list(
            Mission.objects.filter(published_on__isnull=False)
            .select_related("organisation")
            .prefetch_related(
                Prefetch("verifications", queryset=verifications),
                Prefetch("reports", queryset=reports),
            )
        )
        admins_of = _admins_by_organisation([m.organisation_id for m in missions])
        sent = 0
        for mission in missions:
            admins = admins_of.get(mission.organisation_id, [])
            sent += _verification(mission, admins, today)
            sent += _report(mission, admins, today)
        sent += _measurements(admins_of, today)
        return sent
