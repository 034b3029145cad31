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
