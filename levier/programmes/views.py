"""Engagement programmes: members apply and follow; animators select and coach."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.accounts.models import Membership, OrgRole, User
from levier.assessments.uploads import download
from levier.programmes import emails
from levier.programmes import services as programmes
from levier.programmes.forms import (
    ApplicationForm,
    AppointmentForm,
    DecisionForm,
    DeliverableDocumentForm,
    ProgrammeForm,
)
from levier.programmes.models import Application, Appointment, DeliverableDocument, Programme
from levier.tenancy.views import member_view, network_view, org_view


def _programmes():
    return Programme.objects.select_related("network")


@member_view
def programme_list(request):
    return render(request, "programmes/programme_list.html", {"programmes": _programmes()})


def _memberships(user, programme):
    return Membership.objects.of(user).in_network(programme.network_id)


@member_view
def programme_detail(request, pk):
    programme = get_object_or_404(_programmes(), pk=pk)
    memberships = list(_memberships(request.user, programme))
    my_organisations = [m.organisation for m in memberships]
    applications = list(
        programme.applications.filter(organisation__in=my_organisations).select_related(
            "organisation"
        )
    )
    applied = {a.organisation_id for a in applications}
    can_apply = [
        m.organisation
        for m in memberships
        if m.role == OrgRole.ADMIN and m.organisation_id not in applied
    ]
    form = None
    if programme.applications_open and can_apply:
        form = ApplicationForm(
            request.POST or None,
            organisations=can_apply,
            question=programme.application_question,
        )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            chosen = form.cleaned_data["organisation"]
            organisation = next(o for o in can_apply if o.pk == chosen)
            try:
                programmes.apply(
                    programme, organisation, request.user, form.cleaned_data["answer"]
                )
            except programmes.ApplicationRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(
                    request, _("Your application is sent. The animators will let you know.")
                )
            return redirect("programme_detail", programme.pk)
    selected = [a.organisation for a in applications if a.status == Application.Status.SELECTED]
    board = [p for p in programmes.progress_board(programme) if p.organisation in selected]
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "form": form,
            "applications": applications,
            "board": board,
            "sessions": programme.sessions.filter(is_published=True) if selected else [],
            "appointments": programme.appointments.filter(
                organisation__in=selected
            ).select_related("organisation", "coach"),
            "animates": request.scope.animates(programme.network_id),
            "admin_org_ids": {m.organisation_id for m in memberships if m.role == OrgRole.ADMIN},
            "hand_in": _handed_in(programme, applications, memberships),
            "document_form": DeliverableDocumentForm(),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _handed_in(programme, applications, memberships) -> dict[int, list]:
    """Application id -> documents handed in, for the selected applications
    whose documents this person may hand in (admins and contributors)."""
    if not programme.document_deliverable:
        return {}
    writers = {
        m.organisation_id for m in memberships if m.role in (OrgRole.ADMIN, OrgRole.CONTRIBUTOR)
    }
    mine = [
        a.pk
        for a in applications
        if a.status == Application.Status.SELECTED and a.organisation_id in writers
    ]
    documents = programmes.handed_in(mine)
    return {pk: documents.get(pk, []) for pk in mine}


@network_view("animate")
def network_programmes(request, access):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = form.save(commit=False)
        programme.network = access.network
        programme.save()
        messages.success(request, _("The programme is saved."))
        return redirect("programme_board", access.network.slug, programme.pk)
    return render(
        request,
        "programmes/network_programmes.html",
        {
            "network": access.network,
            "programmes": Programme.objects.filter(network=access.network),
            "form": form,
        },
    )


@network_view("animate")
def programme_edit(request, access, pk):
    """Title, dates, seats, deadline, the call open or closed, the coaching budget."""
    programme = get_object_or_404(Programme, pk=pk, network=access.network)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The programme is saved."))
        return redirect("programme_board", access.network.slug, programme.pk)
    return render(
        request,
        "programmes/programme_edit.html",
        {"network": access.network, "programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


def _appointment_form(request, access, programme, instance=None) -> AppointmentForm:
    """Appointments are for the cohort's organisations, with the network's staff."""
    cohort = programmes.cohort(programme)
    return AppointmentForm(
        request.POST or None,
        instance=instance,
        organisations=access.network.organisations.filter(pk__in=cohort.values("organisation_id")),
        coaches=User.objects.filter(
            Q(network_roles__network=access.network) | Q(coached_programmes__programme=programme),
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "email"),
    )


@network_view("animate")
def programme_board(request, access, pk):
    programme = get_object_or_404(Programme, pk=pk, network=access.network)
    appointment_form = _appointment_form(request, access, programme)
    if request.method == "POST" and appointment_form.is_valid():
        appointment = appointment_form.save(commit=False)
        appointment.programme = programme
        with transaction.atomic():
            appointment.save()
            emails.appointment(appointment, "booked")
        messages.success(request, _("The appointment is saved."))
        return redirect("programme_board", access.network.slug, programme.pk)
    return render(
        request,
        "programmes/programme_board.html",
        {
            "network": access.network,
            "programme": programme,
            "applications": programme.applications.select_related("organisation", "submitted_by"),
            "board": programmes.progress_board(programme),
            "sessions": programme.sessions.all(),
            "appointments": Appointment.objects.filter(programme=programme).select_related(
                "organisation", "coach"
            ),
            "coaching": programmes.coaching_hours(programme),
            "tick_deliverables": True,
            "prospects": programme.prospects.filter(join_request__status="pending").select_related(
                "join_request"
            ),
            "appointment_form": appointment_form,
        },
        status=400 if appointment_form.errors else 200,
    )


@network_view("animate")
def appointment_edit(request, access, pk, appointment_pk):
    """Notes after the session, a new date, or removal of an appointment."""
    programme = get_object_or_404(Programme, pk=pk, network=access.network)
    appointment = get_object_or_404(programme.appointments, pk=appointment_pk)
    if request.method == "POST" and request.POST.get("delete"):
        with transaction.atomic():
            if appointment.at > timezone.now():
                appointment.sequence += 1
                emails.appointment(appointment, "cancelled")
            appointment.delete()
        messages.success(request, _("The appointment is removed."))
        return redirect("programme_board", access.network.slug, programme.pk)
    form = _appointment_form(request, access, programme, appointment)
    if request.method == "POST" and form.is_valid():
        moved = any(name in form.changed_data for name in AppointmentForm.CALENDAR_FIELDS)
        with transaction.atomic():
            appointment = form.save(commit=False)
            if moved:
                appointment.sequence += 1
            appointment.save()
            if moved:
                emails.appointment(appointment, "changed")
        messages.success(request, _("The appointment is saved."))
        return redirect("programme_board", access.network.slug, programme.pk)
    return render(
        request,
        "programmes/appointment_form.html",
        {"network": access.network, "programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


@network_view("animate")
@require_POST
def application_decide(request, access, pk, application_pk):
    application = get_object_or_404(
        Application, pk=application_pk, programme__pk=pk, programme__network=access.network
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        if "status" in form.errors:
            raise Http404
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("programme_board", access.network.slug, pk)
    try:
        with transaction.atomic():
            programmes.decide(
                application, form.cleaned_data["status"], form.cleaned_data["message"]
            )
    except programmes.ApplicationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("%(organisation)s: %(status)s.")
            % {
                "organisation": application.organisation.name,
                "status": application.get_status_display(),
            },
        )
    return redirect("programme_board", access.network.slug, pk)


@network_view("animate")
@require_POST
def deliverable_tick(request, access, pk, application_pk):
    """The animators tick (or untick) the programme's own deliverable."""
    application = get_object_or_404(
        Application,
        pk=application_pk,
        programme__pk=pk,
        programme__network=access.network,
        status=Application.Status.SELECTED,
    )
    application.custom_deliverable_done = request.POST.get("done") == "1"
    application.save(update_fields=["custom_deliverable_done"])
    messages.success(request, _("The deliverable is saved."))
    return redirect("programme_board", access.network.slug, pk)


# The document a cohort organisation hands in ---------------------------------
# Its people hand it in and read it on the organisation's pages; the
# programme's staff read it on the network's pages, its coaches on theirs.


def _own_application(access, pk, application_pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("programme"),
        pk=application_pk,
        programme_id=pk,
        organisation=access.organisation,
        status=Application.Status.SELECTED,
    )
    if not application.programme.document_deliverable:
        raise Http404
    return application


@org_view("contribute")
@require_POST
def deliverable_upload(request, access, pk, application_pk):
    application = _own_application(access, pk, application_pk)
    form = DeliverableDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        programmes.hand_in(application, upload, request.user)
        messages.success(
            request,
            _("%(name)s is handed in: the programme's animators and coaches can read it.")
            % {"name": upload.name},
        )
    else:
        for error in form.errors["file"]:
            messages.error(request, error)
    return redirect("programme_detail", pk)


def _own_document(access, pk, document_pk) -> DeliverableDocument:
    return get_object_or_404(
        DeliverableDocument.objects.filter(
            application__programme_id=pk, application__organisation=access.organisation
        ),
        pk=document_pk,
    )


@org_view("view_work")
def deliverable_document(request, access, pk, document_pk):
    return download(_own_document(access, pk, document_pk))


@org_view("contribute")
@require_POST
def deliverable_document_delete(request, access, pk, document_pk):
    document = _own_document(access, pk, document_pk)
    document.file.delete(save=False)
    document.delete()
    messages.success(request, _("%(name)s is deleted.") % {"name": document.original_name})
    return redirect("programme_detail", pk)


@network_view("animate")
def cohort_document(request, access, pk, document_pk):
    """A document a cohort organisation handed in, for the programme's staff."""
    document = get_object_or_404(
        DeliverableDocument.objects.filter(
            application__programme_id=pk, application__programme__network=access.network
        ),
        pk=document_pk,
    )
    return download(document)
