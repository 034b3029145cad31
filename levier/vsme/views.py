"""The VSME report's pages: the list of reports, a new report, the overview
(progress by disclosure, checks, downloads), one disclosure's form, the
confirmation of pre-filled values, completion, and the downloads.

Contributors edit, viewers read. The network's readiness page is in
``network_views``.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from levier.reports.downloads import results_download
from levier.reports.pdf import render_pdf
from levier.tenancy.views import org_view
from levier.vsme import exports, services
from levier.vsme.forms import DisclosureForm, IdentificationForm, NewReportForm, default_period
from levier.vsme.models import Datapoint, DatapointChange, VsmeReport
from levier.vsme.problems import describe, label_of

# The latest changes the history page lists.
HISTORY_SHOWN = 300


def _report(access, pk) -> VsmeReport:
    return get_object_or_404(VsmeReport, pk=pk, organisation=access.organisation)


def _report_url(report) -> str:
    return reverse("vsme_report", args=[report.organisation.slug, report.pk])


def _disclosure(report, code):
    for disclosure in services.disclosures(report):
        if disclosure.code == code:
            return disclosure
    raise Http404


@org_view("view_work")
def report_list(request, access):
    reports = list(VsmeReport.objects.filter(organisation=access.organisation))
    return render(
        request,
        "vsme/list.html",
        {"access": access, "organisation": access.organisation, "reports": reports},
    )


@org_view("contribute")
def report_new(request, access):
    organisation = access.organisation
    previous = list(VsmeReport.objects.filter(organisation=organisation))
    start, end = default_period(timezone.localdate())
    if previous:
        latest = previous[0]
        start = latest.period_start.replace(year=latest.period_start.year + 1)
        end = latest.period_end.replace(year=latest.period_end.year + 1)
    form = NewReportForm(
        request.POST or None,
        organisation=organisation,
        previous=previous,
        initial={
            "period_start": start,
            "period_end": end,
            "start_from": previous[0].pk if previous else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        report = services.create_report(
            organisation,
            request.user,
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            module=form.cleaned_data["module"],
            start_from=form.cleaned_data["start_from"],
        )
        messages.success(request, _("Your VSME report is started."))
        return redirect(_report_url(report))
    return render(
        request,
        "vsme/new.html",
        {"access": access, "organisation": organisation, "form": form},
    )


@org_view("view_work")
def report_detail(request, access, pk):
    report = _report(access, pk)
    points = services.datapoints(report)
    problems = services.problems_of(report, points)
    return render(
        request,
        "vsme/report.html",
        {
            "access": access,
            "organisation": access.organisation,
            "report": report,
            "progress": services.progress(report, points, problems),
            # Missing datapoints are counted by disclosure in the table; the
            # other checks are listed one by one.
            "problems": [describe(p) for p in problems if p.kind != "missing"],
            "identification": IdentificationForm(instance=report),
            "to_confirm": sum(
                1 for point in points.values() if point.state != Datapoint.State.CONFIRMED
            ),
        },
    )


@org_view("view_work")
def disclosure_page(request, access, pk, code):
    report = _report(access, pk)
    disclosure = _disclosure(report, code)
    points = services.datapoints(report)
    editable = access.can_contribute
    if request.method == "POST":
        if not editable:
            raise Http404
        form = DisclosureForm(disclosure, points, request.POST)
        if form.is_valid():
            changed = 0
            for item_code, value in form.values.items():
                point = points.get(item_code)
                na = item_code in form.not_applicable
                if point is None and value is None and not na:
                    continue
                if (
                    point is not None
                    and point.value == value
                    and point.not_applicable == na
                    and point.state == Datapoint.State.CONFIRMED
                ):
                    continue
                services.save_value(report, item_code, value, request.user, not_applicable=na)
                changed += 1
            if changed:
                messages.success(
                    request,
                    ngettext("%(count)s datapoint saved.", "%(count)s datapoints saved.", changed)
                    % {"count": changed},
                )
            else:
                messages.info(request, _("Nothing changed on this page."))
            return redirect(_next_url(report, disclosure))
        messages.error(request, _("Some values could not be saved: see the messages below."))
    else:
        form = DisclosureForm(disclosure, points)
    chosen = services.disclosures(report)
    index = [d.code for d in chosen].index(disclosure.code)
    problems = [
        describe(problem)
        for problem in services.problems_of(report, points)
        if problem.disclosure == disclosure.code
    ]
    return render(
        request,
        "vsme/disclosure.html",
        {
            "access": access,
            "organisation": access.organisation,
            "report": report,
            "disclosure": disclosure,
            "form": form,
            "editable": editable and disclosure.code not in report.omitted,
            "previous": chosen[index - 1] if index else None,
            "next": chosen[index + 1] if index + 1 < len(chosen) else None,
            "missing": [p for p in problems if p.problem.kind == "missing"],
            "checks": [p for p in problems if p.problem.kind != "missing"],
        },
    )


def _next_url(report, disclosure) -> str:
    chosen = services.disclosures(report)
    codes = [d.code for d in chosen]
    index = codes.index(disclosure.code)
    if index + 1 < len(codes):
        return reverse(
            "vsme_disclosure", args=[report.organisation.slug, report.pk, codes[index + 1]]
        )
    return _report_url(report)


@org_view("contribute")
@require_POST
def datapoint_confirm(request, access, pk):
    report = _report(access, pk)
    point = get_object_or_404(Datapoint, report=report, code=request.POST.get("code", ""))
    services.confirm(point, request.user, take_source=request.POST.get("take") == "source")
    back = request.POST.get("disclosure", "")
    if back:
        return redirect(
            reverse("vsme_disclosure", args=[report.organisation.slug, report.pk, back])
            + f"#dp-{point.code}"
        )
    return redirect(_report_url(report))


@org_view("contribute")
@require_POST
def confirm_all(request, access, pk, code):
    """Confirm every pre-filled value of one disclosure as it stands."""
    report = _report(access, pk)
    disclosure = _disclosure(report, code)
    codes = {item.code for section in disclosure.sections for item in section.items}
    waiting = Datapoint.objects.filter(report=report, code__in=codes).exclude(
        state=Datapoint.State.CONFIRMED
    )
    count = 0
    for point in waiting:
        services.confirm(point, request.user)
        count += 1
    messages.success(
        request,
        ngettext("%(count)s value confirmed.", "%(count)s values confirmed.", count)
        % {"count": count},
    )
    return redirect(reverse("vsme_disclosure", args=[report.organisation.slug, report.pk, code]))


@org_view("contribute")
@require_POST
def report_refresh(request, access, pk):
    report = _report(access, pk)
    changed = services.refresh_prefill(report, request.user)
    messages.info(
        request,
        ngettext(
            "%(count)s value read again from Levier.",
            "%(count)s values read again from Levier.",
            changed,
        )
        % {"count": changed}
        if changed
        else _("Nothing changed in Levier's data since the last reading."),
    )
    return redirect(_report_url(report))


@org_view("contribute")
@require_POST
def report_identification(request, access, pk):
    report = _report(access, pk)
    form = IdentificationForm(request.POST, instance=report)
    if form.is_valid():
        form.save()
        messages.success(request, _("The identification is saved."))
    else:
        messages.error(request, " ".join(form.non_field_errors()) or _("Check the identifier."))
    return redirect(_report_url(report) + "#identification")


@org_view("contribute")
@require_POST
def report_omitted(request, access, pk):
    report = _report(access, pk)
    allowed = {d.code for d in services.disclosures(report)}
    report.omitted = sorted(code for code in request.POST.getlist("omitted") if code in allowed)
    report.save(update_fields=["omitted", "updated_at"])
    messages.success(request, _("The list of omitted disclosures is saved."))
    return redirect(_report_url(report) + "#omitted")


@org_view("contribute")
@require_POST
def report_complete(request, access, pk):
    report = _report(access, pk)
    problems = services.complete(report, request.user)
    if problems:
        messages.error(
            request,
            ngettext(
                "The report cannot be marked complete: %(count)s point is left.",
                "The report cannot be marked complete: %(count)s points are left.",
                len(problems),
            )
            % {"count": len(problems)},
        )
    else:
        messages.success(request, _("Your VSME report is complete."))
    return redirect(_report_url(report))


@org_view("view_work")
def report_history(request, access, pk):
    """Who changed what, from which source: the report's trail, latest first."""
    report = _report(access, pk)
    changes = list(
        DatapointChange.objects.filter(datapoint__report=report)
        .select_related("datapoint", "author")
        .order_by("-at", "-pk")[:HISTORY_SHOWN]
    )
    for change in changes:
        change.label = label_of(change.datapoint.code)
    return render(
        request,
        "vsme/history.html",
        {
            "access": access,
            "organisation": access.organisation,
            "report": report,
            "changes": changes,
            "shown": HISTORY_SHOWN,
        },
    )


# Downloads -------------------------------------------------------------------------


def _name(report, extension: str) -> str:
    name = slugify(f"{report.organisation.name}-vsme-{report.period_end:%Y}")
    return f"levier-{name}.{extension}"


@org_view("view_work")
def report_template(request, access, pk):
    report = _report(access, pk)
    return results_download(
        request,
        access.organisation,
        exports.filled_template(report, services.datapoints(report)),
        _name(report, "xlsx"),
    )


def _readable(request, access, report) -> dict:
    points = services.datapoints(report)
    problems = services.problems_of(report, points)
    return {
        "access": access,
        "organisation": access.organisation,
        "report": report,
        "sections": exports.readable(report, points),
        "problems": [describe(problem) for problem in problems],
        "progress": services.progress(report, points, problems),
    }


@org_view("view_work")
def report_read(request, access, pk):
    report = _report(access, pk)
    return render(request, "vsme/readable.html", _readable(request, access, report))


@org_view("view_work")
def report_pdf(request, access, pk):
    report = _report(access, pk)
    pdf = render_pdf("vsme/report_pdf.html", _readable(request, access, report), request)
    return results_download(request, access.organisation, pdf, _name(report, "pdf"))
