from django.urls import path

from levier.community import (
    animator_views,
    club_views,
    feeds,
    programme_views,
    public_views,
    views,
)

urlpatterns = [
    # Members: scoped by the networks of their memberships (see scope.py).
    path("events/", views.agenda, name="agenda"),
    path("events/calendar/reset/", views.feed_reset, name="feed_reset"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path(
        "events/<int:pk>/registrations/<int:registration_pk>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("clubs/", club_views.club_list, name="club_list"),
    path("clubs/<int:pk>/", club_views.club_detail, name="club_detail"),
    path("clubs/<int:pk>/join/", club_views.club_join, name="club_join"),
    path("clubs/<int:pk>/leave/", club_views.club_leave, name="club_leave"),
    path("clubs/<int:pk>/meetings/new/", club_views.club_meeting_new, name="club_meeting_new"),
    path(
        "clubs/<int:pk>/meetings/<int:event_pk>/",
        club_views.club_meeting_edit,
        name="club_meeting_edit",
    ),
    path("programmes/", programme_views.programme_list, name="programme_list"),
    path("programmes/<int:pk>/", programme_views.programme_detail, name="programme_detail"),
    # Calendar apps: the token stands for the person.
    path("calendar/<str:token>/mine.ics", feeds.my_feed, name="my_feed"),
    path("calendar/<str:token>/n/<slug:network>.ics", feeds.network_feed, name="network_feed"),
    # Everybody: public events and guests' registrations.
    path("public/events/", public_views.public_agenda, name="public_agenda"),
    path("public/events.ics", public_views.public_feed, name="public_feed"),
    path("public/events/<int:pk>/", public_views.public_event, name="public_event"),
    path(
        "public/registrations/<str:token>/",
        public_views.guest_registration,
        name="guest_registration",
    ),
    path(
        "public/registrations/<str:token>/confirm/",
        public_views.guest_confirm,
        name="guest_confirm",
    ),
    path(
        "public/registrations/<str:token>/cancel/", public_views.guest_cancel, name="guest_cancel"
    ),
    # Animators.
    path("n/<slug:network_slug>/events/", animator_views.network_events, name="network_events"),
    path("n/<slug:network_slug>/events/new/", animator_views.event_new, name="event_new"),
    path(
        "n/<slug:network_slug>/events/<int:pk>/edit/", animator_views.event_edit, name="event_edit"
    ),
    path(
        "n/<slug:network_slug>/events/<int:pk>/registrations/",
        animator_views.event_registrations,
        name="event_registrations",
    ),
    path(
        "n/<slug:network_slug>/events/<int:pk>/registrations/<int:registration_pk>/cancel/",
        animator_views.registration_cancel_by_animator,
        name="registration_cancel_by_animator",
    ),
    path("n/<slug:network_slug>/clubs/new/", club_views.club_new, name="club_new"),
    path("n/<slug:network_slug>/clubs/<int:pk>/edit/", club_views.club_edit, name="club_edit"),
    path(
        "n/<slug:network_slug>/clubs/<int:pk>/members/<int:member_pk>/",
        club_views.club_member_update,
        name="club_member_update",
    ),
    path(
        "n/<slug:network_slug>/programmes/",
        programme_views.network_programmes,
        name="network_programmes",
    ),
    path(
        "n/<slug:network_slug>/programmes/<int:pk>/",
        programme_views.programme_board,
        name="programme_board",
    ),
    path(
        "n/<slug:network_slug>/programmes/<int:pk>/appointments/<int:appointment_pk>/",
        programme_views.appointment_edit,
        name="appointment_edit",
    ),
    path(
        "n/<slug:network_slug>/programmes/<int:pk>/applications/<int:application_pk>/",
        programme_views.application_decide,
        name="application_decide",
    ),
]
