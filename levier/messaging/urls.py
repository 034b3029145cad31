from django.urls import path

from levier.messaging import views

urlpatterns = [
    # The network's staff.
    path("n/<network:network_slug>/messages/", views.campaign_list, name="campaign_list"),
    path("n/<network:network_slug>/messages/new/", views.campaign_new, name="campaign_new"),
    path(
        "n/<network:network_slug>/messages/preview/",
        views.campaign_preview,
        name="campaign_preview",
    ),
    path(
        "n/<network:network_slug>/messages/<campaign:pk>/",
        views.campaign_detail,
        name="campaign_detail",
    ),
    path(
        "n/<network:network_slug>/messages/<campaign:pk>/edit/",
        views.campaign_edit,
        name="campaign_edit",
    ),
    path(
        "n/<network:network_slug>/messages/<campaign:pk>/test/",
        views.campaign_test,
        name="campaign_test",
    ),
    path(
        "n/<network:network_slug>/messages/<campaign:pk>/send/",
        views.campaign_send,
        name="campaign_send",
    ),
    path(
        "n/<network:network_slug>/messages/<campaign:pk>/delete/",
        views.campaign_delete,
        name="campaign_delete",
    ),
    # Each person.
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<inbox_message:pk>/", views.inbox_message, name="inbox_message"),
    path("me/emails/", views.email_preferences, name="email_preferences"),
    path("unsubscribe/<unsubscribe_token:token>/", views.unsubscribe, name="unsubscribe"),
]
