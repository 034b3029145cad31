"""Pages of a programme's coaches, and the doors to them: the animators
invite a coach, an organisation's admins open their plan to the coaches."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.accounts.models import Organisation, OrgRole
from levier.assessments.uploads import download
from levier.plans.models import Action
from levier.programmes import coaching
from levier.programmes.forms import CoachActionForm, CoachInviteForm
from levier.programmes.models import Application, DeliverableDocument, Programme
from levier.tenancy.views import member_view, network_view


@member_view
def coach_home(request):
    programmes = coaching.coached_programmes(request.scope)
    return render(request, "programmes/coach_home.html", {"programmes": programmes})


def _programme(request, pk) -> Programme:
    programme = coaching.coached_programme(request.scope, pk)
    if programme is None:
        raise Http404
    return programme


@member_view
def coach_programme(request, pk):
    programme = _programme(request, pk)
    return render(
        request,
        "programmes/coach_programme.html",
        {
            "programme": programme,
            "participants": coaching.participants(programme),
            "appointments": coaching.appointments(programme),
        },
    )


@member_view
def coach_plan(request, pk, org_slug):
    """The action plan of a cohort organisation that opened it to its coaches:
    read, add an action, change an action's status."""
    programme = _programme(request, pk)
    organisation = get_object_or_404(Organisation._base_manager, slug=org_slug)
    with request.scope.coaching_plan(programme.pk, organisation):
        actions = Action.objects.filter(organisation=organisation).order_by("pk")
        form = CoachActionForm(request.POST or None)
        if request.method == "POST":
            if request.POST.get("action"):
                status = request.POST.get("status")
                if not request.POST["action"].isdigit() or status not in Action.Status.values:
                    raise Http404
                action = get_object_or_404(actions, pk=int(request.POST["action"]))
                action.status = status
                action.save(update_fields=["status"])
                messages.success(request, _("The action is saved."))
                return redirect("coach_plan", programme.pk, organisation.slug)
            if form.is_valid():
                action = form.save(commit=False)
                action.organisation = organisation
                action.save()
                messages.success(request, _("The action is added to the plan."))
                return redirect("coach_plan", programme.pk, organisation.slug)
        return render(
            request,
            "programmes/coach_plan.html",
            {
                "programme": programme,
                "organisation": organisation,
                "actions": list(actions),
                "statuses": Action.Status.choices,
                "form": form,
            },
            status=400 if form.errors else 200,
        )


@network_view("animate")
def programme_coaches(request, access, pk):
    programme = get_object_or_404(Programme, pk=pk, network=access.network)
    form = CoachInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            coaching.invite(
                programme, form.cleaned_data["email"], form.cleaned_data["full_name"], request.user
            )
        except coaching.CoachRefused as refused:
            form.add_error("email", str(refused))
        else:
            messages.success(request, _("The coach is invited."))
            return redirect("programme_coaches", access.network.slug, programme.pk)
    return render(
        request,
        "programmes/programme_coaches.html",
        {
            "network": access.network,
            "programme": programme,
            "coaches": programme.coaches.select_related("user"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@member_view
@require_POST
def coach_consent(request, pk, application_pk):
    """An organisation's admin opens (or closes) its action plan to the
    programme's coaches."""
    application = get_object_or_404(Application, pk=application_pk, programme__pk=pk)
    if request.scope.roles.get(application.organisation_id) != OrgRole.ADMIN:
        raise Http404
    application.coach_may_open_plan = request.POST.get("open") == "1"
    application.save(update_fields=["coach_may_open_plan"])
    messages.success(
        request,
        _("Our coaches may open our action plan.")
        if application.coach_may_open_plan
        else _("Our action plan is closed to the coaches."),
    )
    return redirect("programme_detail", pk)


@member_view
def coach_document(request, pk, document_pk):
    """A document a cohort organisation handed in to the programme: its
    coaches read it, as the animators do."""
    programme = _programme(request, pk)
    document = get_object_or_404(
        DeliverableDocument.objects.filter(application__programme=programme), pk=document_pk
    )
    return download(document)
