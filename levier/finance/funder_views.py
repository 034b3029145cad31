"""Funders: the profiles the network's staff keep, their contact people,
the projects shared with the network's funders; and the pages of a funder's
contact person (``f/<network>/``), who reads those projects and nothing else
of the network."""

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments.uploads import download
from levier.finance import contacts, matching
from levier.finance.forms import ContactInviteForm, FunderForm, ProjectFilterForm
from levier.finance.models import Funder, Project
from levier.tenancy.views import funder_view, network_view


def _shared_projects(network):
    """Projects of the network's members shared with its funders or public;
    the scope leaves out drafts (and, for a funder contact, everything else)."""
    return (
        Project.objects.filter(organisation__network=network)
        .exclude(visibility=Project.Visibility.DRAFT)
        .select_related("organisation", "programme")
        # Newest shared first on both databases (they put NULLs apart).
        .order_by(F("shared_at").desc(nulls_last=True), "-pk")
    )


# The network's staff --------------------------------------------------------


@network_view("animate")
def funder_list(request, access):
    funders = Funder.objects.filter(network=access.network).prefetch_related("contacts__user")
    return render(
        request,
        "finance/funder_list.html",
        {"network": access.network, "access": access, "funders": funders},
    )


@network_view("animate")
def funder_create(request, access):
    form = FunderForm(request.POST if request.method == "POST" else None, network=access.network)
    if request.method == "POST" and form.is_valid():
        funder = form.save()
        messages.success(request, _("The funder’s profile is saved."))
        return redirect("funder_detail", access.network.slug, funder.pk)
    return render(
        request,
        "finance/funder_form.html",
        {"network": access.network, "form": form},
        status=400 if form.errors else 200,
    )


def _funder(access, pk) -> Funder:
    return get_object_or_404(Funder.objects.filter(network=access.network), pk=pk)


@network_view("animate")
def funder_edit(request, access, pk):
    funder = _funder(access, pk)
    form = FunderForm(
        request.POST if request.method == "POST" else None, instance=funder, network=access.network
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The funder’s profile is saved."))
        return redirect("funder_detail", access.network.slug, funder.pk)
    return render(
        request,
        "finance/funder_form.html",
        {"network": access.network, "form": form, "funder": funder},
        status=400 if form.errors else 200,
    )


def _render_funder(request, access, funder, status=200, invite_form=None):
    fits = matching.projects_for([funder], _shared_projects(access.network))
    return render(
        request,
        "finance/funder_detail.html",
        {
            "network": access.network,
            "access": access,
            "funder": funder,
            "labels": matching.funder_labels(funder),
            "contacts": funder.contacts.select_related("user").order_by("user__email"),
            "invite_form": invite_form or ContactInviteForm(),
            "fitting": [(project, found[0]) for project, found in fits if found[0].fits],
            "others_count": sum(1 for _project, found in fits if not found[0].fits),
        },
        status=status,
    )


@network_view("animate")
def funder_detail(request, access, pk):
    return _render_funder(request, access, _funder(access, pk))


@network_view("animate")
@require_POST
def funder_toggle(request, access, pk):
    funder = _funder(access, pk)
    funder.is_active = not funder.is_active
    funder.save(update_fields=["is_active"])
    if funder.is_active:
        messages.success(request, _("%(funder)s is active again.") % {"funder": funder.name})
    else:
        messages.success(
            request,
            _(
                "%(funder)s is deactivated: it is no longer matched, and its contact people "
                "no longer read the projects."
            )
            % {"funder": funder.name},
        )
    return redirect("funder_detail", access.network.slug, funder.pk)


@network_view("animate")
@require_POST
def funder_contact_invite(request, access, pk):
    funder = _funder(access, pk)
    form = ContactInviteForm(request.POST)
    if form.is_valid():
        try:
            contact = contacts.invite(
                funder, form.cleaned_data["email"], form.cleaned_data["full_name"], request.user
            )
        except contacts.ContactRefused as refused:
            form.add_error("email", str(refused))
        else:
            messages.success(
                request,
                _("%(email)s is invited: an email tells them how to sign in.")
                % {"email": contact.user.email},
            )
            return redirect("funder_detail", access.network.slug, funder.pk)
    return _render_funder(request, access, funder, status=400, invite_form=form)


@network_view("animate")
@require_POST
def funder_contact_remove(request, access, pk, contact_pk):
    funder = _funder(access, pk)
    contact = get_object_or_404(funder.contacts.select_related("user"), pk=contact_pk)
    contacts.remove(contact)
    messages.success(
        request,
        _("%(email)s no longer reads the projects for %(funder)s.")
        % {"email": contact.user.email, "funder": funder.name},
    )
    return redirect("funder_detail", access.network.slug, funder.pk)


@network_view("animate")
def network_projects(request, access):
    """The projects the network's members share (never their drafts)."""
    return render(
        request,
        "finance/network_projects.html",
        {"network": access.network, "projects": _shared_projects(access.network)},
    )


def _shared_project(network, pk) -> Project:
    return get_object_or_404(_shared_projects(network), pk=pk)


@network_view("animate")
def network_project(request, access, pk):
    project = matching.labelled([_shared_project(access.network, pk)])[0]
    funders = Funder.objects.filter(network=access.network, is_active=True)
    fits = matching.funders_for(project, funders)
    return render(
        request,
        "finance/shared_project.html",
        {
            "network": access.network,
            "project": project,
            "documents": project.documents.all(),
            "fits": [fit for fit in fits if fit.fits],
            "document_url": "network_project_document",
            "back_url": "network_projects",
        },
    )


@network_view("animate")
def network_project_document(request, access, pk, document_pk):
    project = _shared_project(access.network, pk)
    return download(get_object_or_404(project.documents.all(), pk=document_pk))


# A funder's contact person ----------------------------------------------------


def _speaks_for(access):
    return list(Funder.objects.filter(pk__in=access.funder_ids, is_active=True))


@funder_view
def funder_home(request, access):
    funders = _speaks_for(access)
    form = ProjectFilterForm(request.GET or None)
    projects = form.narrow(list(_shared_projects(access.network)))
    found = matching.projects_for(funders, projects)
    return render(
        request,
        "finance/funder_home.html",
        {
            "network": access.network,
            "funders": funders,
            "form": form,
            "fitting": [(p, fits) for p, fits in found if fits and fits[0].fits],
            "others": [(p, fits) for p, fits in found if not (fits and fits[0].fits)],
        },
    )


@funder_view
def funder_project(request, access, pk):
    project = matching.labelled([_shared_project(access.network, pk)])[0]
    fits = matching.projects_for(_speaks_for(access), [project])[0][1]
    return render(
        request,
        "finance/shared_project.html",
        {
            "network": access.network,
            "project": project,
            "documents": project.documents.all(),
            "fits": fits,
            "for_funder": True,
            "document_url": "funder_project_document",
            "back_url": "funder_home",
        },
    )


@funder_view
def funder_project_document(request, access, pk, document_pk):
    project = _shared_project(access.network, pk)
    return download(get_object_or_404(project.documents.all(), pk=document_pk))
