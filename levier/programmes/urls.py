from django.urls import path

from levier.programmes import coach_views, prospect_views, views

urlpatterns = [
    # Members: scoped by the networks of their memberships (see scope.py).
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<programme:pk>/", views.programme_detail, name="programme_detail"),
    # Animators.
    path(
        "n/<network:network_slug>/programmes/",
        views.network_programmes,
        name="network_programmes",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/",
        views.programme_board,
        name="programme_board",
    ),
    path("coach/", coach_views.coach_home, name="coach_home"),
    path(
        "public/programmes/<programme:pk>/apply/",
        prospect_views.programme_apply,
        name="programme_apply",
    ),
    path("coach/programmes/<programme:pk>/", coach_views.coach_programme, name="coach_programme"),
    path(
        "coach/programmes/<programme:pk>/plan/<org:org_slug>/",
        coach_views.coach_plan,
        name="coach_plan",
    ),
    path(
        "programmes/<programme:pk>/applications/<application:application_pk>/coaches/",
        coach_views.coach_consent,
        name="coach_consent",
    ),
    path(
        "o/<org:org_slug>/programmes/<programme:pk>/applications/<application:application_pk>/documents/",
        views.deliverable_upload,
        name="deliverable_upload",
    ),
    path(
        "o/<org:org_slug>/programmes/<programme:pk>/documents/<deliverable_document:document_pk>/",
        views.deliverable_document,
        name="deliverable_document",
    ),
    path(
        "o/<org:org_slug>/programmes/<programme:pk>/documents/<deliverable_document:document_pk>/delete/",
        views.deliverable_document_delete,
        name="deliverable_document_delete",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/documents/<deliverable_document:document_pk>/",
        views.cohort_document,
        name="cohort_document",
    ),
    path(
        "coach/programmes/<programme:pk>/documents/<deliverable_document:document_pk>/",
        coach_views.coach_document,
        name="coach_document",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/coaches/",
        coach_views.programme_coaches,
        name="programme_coaches",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/applications/<application:application_pk>/deliverable/",
        views.deliverable_tick,
        name="deliverable_tick",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/prospects/<join_request:join_request_pk>/accept/",
        prospect_views.prospect_accept,
        name="prospect_accept",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/edit/",
        views.programme_edit,
        name="programme_edit",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/appointments/<appointment:appointment_pk>/",
        views.appointment_edit,
        name="appointment_edit",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/applications/<application:application_pk>/",
        views.application_decide,
        name="application_decide",
    ),
]
