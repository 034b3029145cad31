"""The independent verification (OTI): the calendar of R210-21, the
verifier's opinions as the company records them, and the verification file
that gathers what the verifier needs."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levier.assessments.uploads import download, stored_fields
from levier.audit import services as audit
from levier.engine.mission import calendar
from levier.mission import dossier, services
from levier.mission.models import Governance, Verification, VerificationDocument
from levier.mission.verification_forms import VerificationForm
from levier.tenancy.views import org_view

STATUS_LABELS = {
    "overdue": gettext_lazy("Overdue"),
    "due_soon": gettext_lazy("Due within six months"),
    "on_track": gettext_lazy("On track"),
}


def _verifications(mission):
    return list(
        Verification.objects.filter(mission=mission).prefetch_related(
            Prefetch("documents", queryset=VerificationDocument.objects.order_by("uploaded_at"))
        )
    )


def _following(mission, deadline) -> calendar.Deadline | None:
    """The deadline after ``deadline``, were the verification done on it with
    the mission's current headcount: what the company plans for next."""
    return calendar.next_verification(
        mission.published_on,
        has_referent=mission.governance == Governance.REFERENT,
        verifications=[calendar.PastVerification(deadline.due_on, mission.permanent_employees)],
        wait_three_years=mission.wait_three_years,
    )


@org_view("view_work")
def verification(request, access):
    organisation = access.organisation
    mission = services.mission_of(organisation)
    context = {"access": access, "organisation": organisation, "mission": mission}
    if mission is None:
        return render(request, "mission/verification.html", context)
    verifications = _verifications(mission)
    today = services.today()
    planned = services.verification_calendar(mission, verifications, today)
    deadline = planned.deadline
    context.update(
        verifications=verifications,
        calendar=planned,
        today=today,
        status_label=STATUS_LABELS.get(planned.status, ""),
    )
    if deadline is not None:
        context.update(
            days_left=(deadline.due_on - today).days,
            days_late=(today - deadline.due_on).days,
            following=_following(mission, deadline),
        )
    return render(request, "mission/verification.html", context)


def _mission_or_404(access):
    mission = services.mission_of(access.organisation)
    if mission is None:
        raise Http404
    return mission


def _verification(access, pk) -> Verification:
    return get_object_or_404(Verification, pk=pk, mission__organisation=access.organisation)


def _attach(request, verification, form):
    upload = form.cleaned_data.get("document")
    if upload:
        VerificationDocument.objects.create(
            verification=verification, **stored_fields(upload, request.user)
        )


def _form_page(request, access, mission, form, verification=None):
    return render(
        request,
        "mission/verification_form.html",
        {
            "access": access,
            "organisation": access.organisation,
            "mission": mission,
            "form": form,
            "verification": verification,
        },
        status=400 if form.is_bound else 200,
    )


@org_view("contribute")
def verification_new(request, access):
    mission = services.mission_of(access.organisation)
    if mission is None:
        messages.info(request, _("Describe the mission first: its verification follows."))
        return redirect("mission", access.organisation.slug)
    if request.method != "POST":
        return _form_page(request, access, mission, VerificationForm(mission=mission))
    form = VerificationForm(request.POST, request.FILES, mission=mission)
    if not form.is_valid():
        return _form_page(request, access, mission, form)
    with transaction.atomic():
        verification = form.save(commit=False)
        verification.mission = mission
        verification.recorded_by = request.user
        verification.save()
        _attach(request, verification, form)
    messages.success(request, _("The verifier's opinion is recorded."))
    return redirect("mission_verification", access.organisation.slug)


@org_view("contribute")
def verification_edit(request, access, pk):
    verification = _verification(access, pk)
    mission = verification.mission
    if request.method != "POST":
        form = VerificationForm(instance=verification, mission=mission)
        return _form_page(request, access, mission, form, verification)
    form = VerificationForm(request.POST, request.FILES, instance=verification, mission=mission)
    if not form.is_valid():
        return _form_page(request, access, mission, form, verification)
    with transaction.atomic():
        form.save()
        _attach(request, verification, form)
    messages.success(request, _("The verifier's opinion is saved."))
    return redirect("mission_verification", access.organisation.slug)


@org_view("contribute")
def verification_delete(request, access, pk):
    verification = _verification(access, pk)
    if request.method != "POST":
        return render(
            request,
            "mission/verification_delete.html",
            {"access": access, "organisation": access.organisation, "verification": verification},
        )
    files = [document.file for document in verification.documents.all()]
    with transaction.atomic():
        verification.delete()
        # The files go once the rows are gone for good.
        for file in files:
            transaction.on_commit(lambda file=file: file.delete(save=False))
    messages.success(request, _("The verification is deleted."))
    return redirect("mission_verification", access.organisation.slug)


@org_view("view_work")
def document_download(request, access, pk):
    document = get_object_or_404(
        VerificationDocument, pk=pk, verification__mission__organisation=access.organisation
    )
    return download(document)


@org_view("view_work")
def verification_file(request, access):
    mission = _mission_or_404(access)
    today = services.today()
    name = dossier.filename(access.organisation, today)
    archive = dossier.build(mission, today, request)
    audit.record(
        audit.Action.MISSION_FILE_EXPORTED,
        subject=request.user,
        organisation=access.organisation,
        detail=name,
        request=request,
    )
    return FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")
