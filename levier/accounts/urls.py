from django.urls import path

from levier.accounts import views

urlpatterns = [
    path("o/<org:org_slug>/", views.organisation_detail, name="organisation_detail"),
    path("o/<org:org_slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("o/<org:org_slug>/people/invite/", views.invite, name="invite"),
    path(
        "o/<org:org_slug>/people/<membership:pk>/",
        views.membership_edit,
        name="membership_edit",
    ),
    path(
        "o/<org:org_slug>/people/<membership:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "o/<org:org_slug>/invitations/<invitation:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "n/<network:network_slug>/organisations/",
        views.network_organisations,
        name="network_organisations",
    ),
    path(
        "n/<network:network_slug>/organisations/new/",
        views.organisation_create,
        name="organisation_create",
    ),
    path(
        "invitations/<invitation_token:token>/", views.accept_invitation, name="accept_invitation"
    ),
    path("me/", views.my_data, name="my_data"),
    path("me/download/", views.my_data_download, name="my_data_download"),
    path("me/close/", views.close_account, name="close_account"),
]
