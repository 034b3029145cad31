"""Companies not yet members apply to a programme from its public page; the
animators accept one: it becomes a member and joins the cohort."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.accounts import naf
from levier.membership import services as membership
from levier.programmes import services as programmes
from levier.programmes.forms import ProspectForm
from levier.programmes.models import Application, Programme, ProgrammeProspect
from levier.tenancy.scope import system
from levier.tenancy.views import network_view, public_view


def _open_programme(pk: int) -> Programme:
    """A programme whose call is open to prospects; 404 for any other. A
    visitor has no scope: the page is read by its public address only."""
    with system():
        programme = get_object_or_404(
            Programme.objects.select_related("network"),
            pk=pk,
            open_to_prospects=True,
            applications_open=True,
        )
    if programme.application_deadline and programme.application_deadline < timezone.localdate():
        raise Http404
    return programme


@public_view
def programme_apply(request, pk):
    programme = _open_programme(pk)
    form = ProspectForm(request.POST or None, question=programme.application_question)
    form.instance.network = programme.network
    form.instance.language = translation.get_language() or form.instance.language
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            join_request = membership.receive(form.save(commit=False))
            ProgrammeProspect.objects.create(
                programme=programme, join_request=join_request, answer=form.cleaned_data["answer"]
            )
        return render(request, "programmes/programme_apply_sent.html", {"programme": programme})
    return render(
        request,
        "programmes/programme_apply.html",
        {
            "programme": programme,
            "network": programme.network,
            "form": form,
            "naf_codes": naf.all_codes(),
        },
        status=400 if form.errors else 200,
    )


@network_view("animate")
@require_POST
def prospect_accept(request, access, pk, join_request_pk):
    """The company becomes a member (its contact invited as first admin) and
    is selected in the cohort, or nothing happens (a full cohort, a SIREN
    already a member)."""
    prospect = get_object_or_404(
        ProgrammeProspect.objects.select_related("programme", "join_request"),
        programme__pk=pk,
        programme__network=access.network,
        join_request__pk=join_request_pk,
        join_request__network=access.network,
    )
    try:
        with transaction.atomic():
            organisation = membership.accept(
                prospect.join_request,
                request.user,
                request.build_absolute_uri("/").rstrip("/"),
                request,
            )
            application = Application.objects.create(
                programme=prospect.programme,
                organisation=organisation,
                answer=prospect.answer,
            )
            programmes.decide(application, Application.Status.SELECTED)
    except (membership.DecisionRefused, programmes.ApplicationRefused) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _(
                "%(name)s is now a member of the network and in the cohort. %(email)s is "
                "invited to be its first administrator."
            )
            % {"name": organisation.name, "email": prospect.join_request.contact_email},
        )
    return redirect("programme_board", access.network.slug, pk)
