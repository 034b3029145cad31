"""Projects meet funders: sessions of bilateral meetings."""

from django.urls import path

from levier.finance import session_views as views

N = "n/<network:network_slug>/sessions/"
S = N + "<meeting_session:pk>/"
ORG = "o/<org:org_slug>/sessions/"
F = "f/<network:network_slug>/sessions/<meeting_session:pk>/"

urlpatterns = [
    path(N, views.session_list, name="session_list"),
    path(N + "new/", views.session_create, name="session_create"),
    path(S, views.session_detail, name="session_detail"),
    path(S + "edit/", views.session_edit, name="session_edit"),
    path(S + "funders/", views.session_funder_add, name="session_funder_add"),
    path(S + "funders/withdraw/", views.session_funder_withdraw, name="session_funder_withdraw"),
    path(S + "schedule/", views.session_schedule, name="session_schedule"),
    path(S + "publish/", views.session_publish, name="session_publish"),
    path(ORG, views.member_sessions, name="member_sessions"),
    path(ORG + "<meeting_session:pk>/", views.member_session, name="member_session"),
    path(
        ORG + "<meeting_session:pk>/register/",
        views.member_session_register,
        name="member_session_register",
    ),
    path(
        ORG + "<meeting_session:pk>/withdraw/",
        views.member_session_withdraw,
        name="member_session_withdraw",
    ),
    path("f/<network:network_slug>/sessions/", views.funder_sessions, name="funder_sessions"),
    path(F, views.funder_session, name="funder_session"),
]
