"""Projects seeking funding, funders and matching."""

from django.urls import path

from levier.finance import funder_views, project_views, public_views

ORG = "o/<org:org_slug>/projects/"
P = ORG + "<project:pk>/"
N = "n/<network:network_slug>/"
F = N + "funders/<funder:pk>/"

urlpatterns = [
    # Members: their organisation's projects.
    path(ORG, project_views.project_list, name="project_list"),
    path(ORG + "new/", project_views.project_create, name="project_create"),
    path(P, project_views.project_detail, name="project_detail"),
    path(P + "edit/", project_views.project_edit, name="project_edit"),
    path(P + "delete/", project_views.project_delete, name="project_delete"),
    path(P + "funders/", project_views.project_matching, name="project_matching"),
    path(P + "documents/", project_views.project_document_upload, name="project_document_upload"),
    path(
        P + "documents/<project_document:document_pk>/",
        project_views.project_document,
        name="project_document",
    ),
    path(
        P + "documents/<project_document:document_pk>/delete/",
        project_views.project_document_delete,
        name="project_document_delete",
    ),
    path(P + "pipeline/new/", project_views.pipeline_step_create, name="pipeline_step_create"),
    path(
        P + "pipeline/<pipeline_step:step_pk>/",
        project_views.pipeline_step_edit,
        name="pipeline_step_edit",
    ),
    path(
        P + "pipeline/<pipeline_step:step_pk>/delete/",
        project_views.pipeline_step_delete,
        name="pipeline_step_delete",
    ),
    # The network's staff: funders and the projects shared with them.
    path(N + "funders/", funder_views.funder_list, name="funder_list"),
    path(N + "funders/new/", funder_views.funder_create, name="funder_create"),
    path(F, funder_views.funder_detail, name="funder_detail"),
    path(F + "edit/", funder_views.funder_edit, name="funder_edit"),
    path(F + "active/", funder_views.funder_toggle, name="funder_toggle"),
    path(F + "contacts/", funder_views.funder_contact_invite, name="funder_contact_invite"),
    path(
        F + "contacts/<funder_contact:contact_pk>/remove/",
        funder_views.funder_contact_remove,
        name="funder_contact_remove",
    ),
    path(N + "projects/", funder_views.network_projects, name="network_projects"),
    path(N + "projects/<project:pk>/", funder_views.network_project, name="network_project"),
    path(
        N + "projects/<project:pk>/documents/<project_document:document_pk>/",
        funder_views.network_project_document,
        name="network_project_document",
    ),
    # Everybody: the projects made public.
    path("public/projects/", public_views.public_projects, name="public_projects"),
    path("public/projects/<project:pk>/", public_views.public_project, name="public_project"),
    # A funder's contact person.
    path("f/<network:network_slug>/", funder_views.funder_home, name="funder_home"),
    path(
        "f/<network:network_slug>/projects/<project:pk>/",
        funder_views.funder_project,
        name="funder_project",
    ),
    path(
        "f/<network:network_slug>/projects/<project:pk>/documents/<project_document:document_pk>/",
        funder_views.funder_project_document,
        name="funder_project_document",
    ),
]
