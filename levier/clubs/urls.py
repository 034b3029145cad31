from django.urls import path

from levier.clubs import views

urlpatterns = [
    # Members: scoped by the networks of their memberships (see scope.py).
    path("clubs/", views.club_list, name="club_list"),
    path("clubs/<club:pk>/", views.club_detail, name="club_detail"),
    path("clubs/<club:pk>/join/", views.club_join, name="club_join"),
    path("clubs/<club:pk>/leave/", views.club_leave, name="club_leave"),
    # Animators.
    path("n/<network:network_slug>/clubs/new/", views.club_new, name="club_new"),
    path("n/<network:network_slug>/clubs/<club:pk>/edit/", views.club_edit, name="club_edit"),
    path(
        "n/<network:network_slug>/clubs/<club:pk>/members/<club_member:member_pk>/",
        views.club_member_update,
        name="club_member_update",
    ),
]
