from django.urls import path

from levier.membership import views

urlpatterns = [
    # Everybody: a prospect asks to join a network.
    path("join/<network:network_slug>/", views.join, name="join"),
    path("join/<network:network_slug>/sent/", views.join_sent, name="join_sent"),
    # The network's staff.
    path("n/<network:network_slug>/join-requests/", views.join_requests, name="join_requests"),
    path(
        "n/<network:network_slug>/join-requests/<join_request:pk>/",
        views.join_request,
        name="join_request",
    ),
    path(
        "n/<network:network_slug>/join-requests/<join_request:pk>/accept/",
        views.join_request_accept,
        name="join_request_accept",
    ),
    path(
        "n/<network:network_slug>/join-requests/<join_request:pk>/decline/",
        views.join_request_decline,
        name="join_request_decline",
    ),
    path(
        "n/<network:network_slug>/organisations/directory.<ext:extension>",
        views.directory_export,
        name="directory_export",
    ),
    # Members.
    path("o/<org:org_slug>/directory/me/", views.directory_entry, name="directory_entry"),
    path("directory/", views.members_directory, name="members_directory"),
]
