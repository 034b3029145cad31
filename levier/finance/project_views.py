"""A member's projects seeking funding: list, form, page, documents, the
funders that fit and the funding pipeline (organisation area)."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments.uploads import download, stored_fields
from levier.finance import matching
from levier.finance.forms import DocumentForm, PipelineStepForm, ProjectForm
from levier.finance.models import Funder, Project, ProjectDocument
from levier.tenancy.views import org_view


def _projects(organisation):
    return Project.objects.filter(organisation=organisation).select_related(
        "organisation", "programme"
    )


def _project(access, pk) -> Project:
    return get_object_or_404(_projects(access.organisation), pk=pk)


@org_view("view_work")
def project_list(request, access):
    projects = _projects(access.organisation).annotate(
        steps=Count("pipeline", distinct=True), documents_count=Count("documents", distinct=True)
    )
    return render(
        request,
        "finance/project_list.html",
        {"access": access, "organisation": access.organisation, "projects": projects},
    )


def _save_project(form, user) -> Project:
    with transaction.atomic():
        project = form.save(commit=False)
        if project.created_by_id is None:
            project.created_by = user
        if project.is_shared and project.shared_at is None:
            project.shared_at = timezone.now()
        project.save()
        form.save_m2m()
    return project


@org_view("contribute")
def project_create(request, access):
    form = ProjectForm(
        request.POST if request.method == "POST" else None, organisation=access.organisation
    )
    if request.method == "POST" and form.is_valid():
        project = _save_project(form, request.user)
        messages.success(request, _("The project is saved."))
        return redirect("project_detail", access.organisation.slug, project.pk)
    return render(
        request,
        "finance/project_form.html",
        {"access": access, "organisation": access.organisation, "form": form},
        status=400 if form.errors else 200,
    )


@org_view("contribute")
def project_edit(request, access, pk):
    project = _project(access, pk)
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        instance=project,
        organisation=access.organisation,
    )
    if request.method == "POST" and form.is_valid():
        _save_project(form, request.user)
        messages.success(request, _("The project is saved."))
        return redirect("project_detail", access.organisation.slug, project.pk)
    return render(
        request,
        "finance/project_form.html",
        {"access": access, "organisation": access.organisation, "form": form, "project": project},
        status=400 if form.errors else 200,
    )


@org_view("contribute")
@require_POST
def project_delete(request, access, pk):
    project = _project(access, pk)
    project.delete()
    messages.success(request, _("The project “%(title)s” is deleted.") % {"title": project.title})
    return redirect("project_list", access.organisation.slug)


def _render_detail(request, access, project, status=200, **forms):
    matching.labelled([project])
    context = {
        "access": access,
        "organisation": access.organisation,
        "project": project,
        "actions": project.actions.order_by("title"),
        "documents": project.documents.all(),
        "pipeline": project.pipeline.select_related("funder"),
        "document_form": DocumentForm(),
    }
    context.update(forms)
    return render(request, "finance/project_detail.html", context, status=status)


@org_view("view_work")
def project_detail(request, access, pk):
    return _render_detail(request, access, _project(access, pk))


@org_view("view_work")
def project_matching(request, access, pk):
    project = _project(access, pk)
    funders = Funder.objects.filter(network_id=access.organisation.network_id, is_active=True)
    fits = matching.funders_for(project, funders)
    return render(
        request,
        "finance/project_matching.html",
        {
            "access": access,
            "organisation": access.organisation,
            "project": project,
            "fitting": [fit for fit in fits if fit.fits],
            "others": [fit for fit in fits if not fit.fits],
        },
    )


# Documents ------------------------------------------------------------------


@org_view("contribute")
@require_POST
def project_document_upload(request, access, pk):
    project = _project(access, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, access, project, status=400, document_form=form)
    upload = form.cleaned_data["file"]
    ProjectDocument.objects.create(
        project=project,
        title=form.cleaned_data["title"],
        **stored_fields(upload, request.user),
    )
    messages.success(request, _("%(name)s is attached.") % {"name": upload.name})
    return redirect("project_detail", access.organisation.slug, project.pk)


def _document(project, document_pk) -> ProjectDocument:
    return get_object_or_404(project.documents.all(), pk=document_pk)


@org_view("view_work")
def project_document(request, access, pk, document_pk):
    return download(_document(_project(access, pk), document_pk))


@org_view("contribute")
@require_POST
def project_document_delete(request, access, pk, document_pk):
    project = _project(access, pk)
    document = _document(project, document_pk)
    document.file.delete(save=False)
    document.delete()
    messages.success(request, _("%(name)s is deleted.") % {"name": document.original_name})
    return redirect("project_detail", access.organisation.slug, project.pk)


# Pipeline -------------------------------------------------------------------


def _step_form(request, access, project, step=None):
    form = PipelineStepForm(
        request.POST if request.method == "POST" else None, instance=step, project=project
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The funding pipeline is saved."))
        return redirect("project_detail", access.organisation.slug, project.pk)
    return render(
        request,
        "finance/pipeline_step_form.html",
        {
            "access": access,
            "organisation": access.organisation,
            "project": project,
            "step": step,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@org_view("contribute")
def pipeline_step_create(request, access, pk):
    return _step_form(request, access, _project(access, pk))


@org_view("contribute")
def pipeline_step_edit(request, access, pk, step_pk):
    project = _project(access, pk)
    step = get_object_or_404(project.pipeline.all(), pk=step_pk)
    return _step_form(request, access, project, step)


@org_view("contribute")
@require_POST
def pipeline_step_delete(request, access, pk, step_pk):
    project = _project(access, pk)
    get_object_or_404(project.pipeline.all(), pk=step_pk).delete()
    messages.success(request, _("The step is deleted."))
    return redirect("project_detail", access.organisation.slug, project.pk)
