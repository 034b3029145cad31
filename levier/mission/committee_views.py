"""The mission committee (or the mission referent): its page, its members,
its meetings, and its annual report to the meeting approving the accounts
(page and board-ready PDF).

Contributors write, viewers read; the network's staff never reach these
pages (``view_work`` excludes them).
"""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from levier.mission import annual_report, services
from levier.mission.committee_forms import (
    LAST_EMPLOYEE,
    MeetingForm,
    MemberForm,
    NewReportForm,
    ReportForm,
    removes_last_employee,
)
from levier.mission.models import (
    CommitteeMeeting,
    CommitteeMember,
    CommitteeReport,
    Governance,
)
from levier.reports.downloads import results_download
from levier.tenancy.views import org_view


def _committee_url(organisation) -> str:
    return reverse("mission_committee", args=[organisation.slug])


def _base(access, mission) -> dict:
    return {
        "access": access,
        "organisation": access.organisation,
        "mission": mission,
        "is_referent": mission is not None and mission.governance == Governance.REFERENT,
    }


def _mission_or_redirect(request, access):
    """The organisation's mission, or None after a message sending the
    person to define it first."""
    mission = services.mission_of(access.organisation)
    if mission is None:
        messages.info(request, _("Define the mission first: the committee follows it."))
    return mission


def _member(access, pk) -> CommitteeMember:
    return get_object_or_404(CommitteeMember, pk=pk, mission__organisation=access.organisation)


def _meeting(access, pk) -> CommitteeMeeting:
    return get_object_or_404(CommitteeMeeting, pk=pk, mission__organisation=access.organisation)


def _report(access, pk) -> CommitteeReport:
    return get_object_or_404(
        CommitteeReport.objects.select_related("mission__organisation"),
        pk=pk,
        mission__organisation=access.organisation,
    )


def _status(form) -> int:
    """400 for a form sent back with errors, as on every other page."""
    return 400 if form is not None and form.is_bound and form.errors else 200


# The committee's page ----------------------------------------------------------------


@org_view("view_work")
def committee(request, access):
    mission = services.mission_of(access.organisation)
    context = _base(access, mission)
    if mission is None:
        return render(request, "mission/committee.html", context)
    today = services.today()
    members = list(CommitteeMember.objects.filter(mission=mission))
    current = [m for m in members if m.is_current(today)]
    current.sort(key=lambda m: (not m.is_employee, m.name.lower()))
    context.update(
        {
            "current": current,
            "former": [m for m in members if not m.is_current(today)],
            "problems": services.committee_problems(mission, today),
            "meetings": list(
                CommitteeMeeting.objects.filter(mission=mission).annotate(
                    present=Count("attendees")
                )
            ),
            "reports": list(CommitteeReport.objects.filter(mission=mission)),
            "due": services.report_due(mission, today),
        }
    )
    return render(request, "mission/committee.html", context)


# Members -----------------------------------------------------------------------------


@org_view("contribute")
def member_new(request, access):
    mission = _mission_or_redirect(request, access)
    if mission is None:
        return redirect("mission", access.organisation.slug)
    form = MemberForm(
        request.POST or None,
        mission=mission,
        instance=CommitteeMember(mission=mission),
    )
    if request.method == "POST" and form.is_valid():
        member = form.save()
        messages.success(request, _("%(name)s is added.") % {"name": member.name})
        return redirect(_committee_url(access.organisation))
    return render(
        request,
        "mission/member_form.html",
        {**_base(access, mission), "form": form},
        status=_status(form),
    )


@org_view("contribute")
def member_edit(request, access, pk):
    member = _member(access, pk)
    mission = member.mission
    form = MemberForm(request.POST or None, mission=mission, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("%(name)s is saved.") % {"name": member.name})
        return redirect(_committee_url(access.organisation))
    if form.is_bound:
        member.refresh_from_db()  # the title shows what is stored, the form what was typed
    return render(
        request,
        "mission/member_form.html",
        {**_base(access, mission), "form": form, "member": member},
        status=_status(form),
    )


@org_view("contribute")
def member_delete(request, access, pk):
    member = _member(access, pk)
    mission = member.mission
    refused = removes_last_employee(mission, member, employee=False, current=False)
    if request.method == "POST" and not refused:
        name = member.name
        member.delete()
        messages.success(request, _("%(name)s is removed from the committee.") % {"name": name})
        return redirect(_committee_url(access.organisation))
    return render(
        request,
        "mission/member_delete.html",
        {
            **_base(access, mission),
            "member": member,
            "refused": LAST_EMPLOYEE if refused else "",
            "tried": request.method == "POST",
        },
    )


# Meetings ----------------------------------------------------------------------------


@org_view("contribute")
def meeting_new(request, access):
    mission = _mission_or_redirect(request, access)
    if mission is None:
        return redirect("mission", access.organisation.slug)
    form = MeetingForm(
        request.POST or None,
        mission=mission,
        instance=CommitteeMeeting(mission=mission),
        initial={
            "held_on": services.today(),
            "attendees": services.current_members(mission),
        },
    )
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, _("The meeting is recorded."))
        return redirect("mission_meeting", access.organisation.slug, meeting.pk)
    return render(
        request,
        "mission/meeting_form.html",
        {**_base(access, mission), "form": form},
        status=_status(form),
    )


@org_view("view_work")
def meeting_detail(request, access, pk):
    meeting = _meeting(access, pk)
    mission = meeting.mission
    form = None
    if request.method == "POST":
        if not access.can_contribute:
            raise Http404
        form = MeetingForm(request.POST, mission=mission, instance=meeting)
        if form.is_valid():
            form.save()
            messages.success(request, _("The meeting is saved."))
            return redirect("mission_meeting", access.organisation.slug, meeting.pk)
        meeting.refresh_from_db()  # the page shows what is stored, the form what was typed
    elif access.can_contribute and "edit" in request.GET:
        form = MeetingForm(mission=mission, instance=meeting)
    return render(
        request,
        "mission/meeting_detail.html",
        {
            **_base(access, mission),
            "meeting": meeting,
            "attendees": list(meeting.attendees.all()),
            "form": form,
        },
        status=_status(form),
    )


@org_view("contribute")
def meeting_delete(request, access, pk):
    meeting = _meeting(access, pk)
    if request.method == "POST":
        meeting.delete()
        messages.success(request, _("The meeting is deleted."))
        return redirect(_committee_url(access.organisation))
    return render(
        request,
        "mission/meeting_delete.html",
        {**_base(access, meeting.mission), "meeting": meeting},
    )


# The annual report -------------------------------------------------------------------


@org_view("contribute")
def report_new(request, access):
    mission = _mission_or_redirect(request, access)
    if mission is None:
        return redirect("mission", access.organisation.slug)
    form = NewReportForm(
        request.POST or None,
        mission=mission,
        initial={"year": annual_report.default_year(mission)},
    )
    if request.method == "POST" and form.is_valid():
        report = CommitteeReport.objects.create(
            mission=mission, year=form.cleaned_data["year"], created_by=request.user
        )
        messages.success(
            request,
            _("The report of the financial year %(year)s is started.") % {"year": report.year},
        )
        return redirect("mission_report", access.organisation.slug, report.pk)
    return render(
        request,
        "mission/report_new.html",
        {**_base(access, mission), "form": form, "existing": form.existing},
        status=_status(form),
    )


@org_view("view_work")
def report_edit(request, access, pk):
    report = _report(access, pk)
    mission = report.mission
    form = None
    if request.method == "POST":
        if not access.can_contribute:
            raise Http404
        form = ReportForm(request.POST, instance=report)
        if form.is_valid():
            form.save()
            messages.success(request, _("The report is saved."))
            return redirect("mission_report", access.organisation.slug, report.pk)
        report.refresh_from_db()
    elif access.can_contribute:
        form = ReportForm(instance=report)
    return render(
        request,
        "mission/report_edit.html",
        {
            **_base(access, mission),
            "report": report,
            "form": form,
            "data": annual_report.build(report),
        },
        status=_status(form),
    )


@org_view("view_work")
def report_pdf(request, access, pk):
    report = _report(access, pk)
    content = annual_report.pdf_bytes(report, request)
    return results_download(request, access.organisation, content, annual_report.filename(report))
