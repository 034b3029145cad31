from django.urls import path

from levier.events import animator_views, club_views, feeds, public_views, views

urlpatterns = [
    # Members: scoped by the networks of their memberships (see scope.py).
    path("events/", views.agenda, name="agenda"),
    path("events/calendar/reset/", views.feed_reset, name="feed_reset"),
    path("events/<event:pk>/", views.event_detail, name="event_detail"),
    path("events/<event:pk>/register/", views.event_register, name="event_register"),
    path(
        "events/<event:pk>/registrations/<registration:registration_pk>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("events/<event:pk>/event.ics", views.event_ics, name="event_ics"),
    path("clubs/<club:pk>/meetings/new/", club_views.club_meeting_new, name="club_meeting_new"),
    path(
        "clubs/<club:pk>/meetings/<event:event_pk>/",
        club_views.club_meeting_edit,
        name="club_meeting_edit",
    ),
    # Calendar apps: the token stands for the person.
    path("calendar/<feed_token:token>/mine.ics", feeds.my_feed, name="my_feed"),
    path(
        "calendar/<feed_token:token>/n/<network:network>.ics",
        feeds.network_feed,
        name="network_feed",
    ),
    # Everybody: public events and guests' registrations.
    path("public/events/", public_views.public_agenda, name="public_agenda"),
    path("public/events.ics", public_views.public_feed, name="public_feed"),
    path("public/events/<event:pk>/", public_views.public_event, name="public_event"),
    path(
        "public/registrations/<guest_token:token>/",
        public_views.guest_registration,
        name="guest_registration",
    ),
    path(
        "public/registrations/<guest_token:token>/confirm/",
        public_views.guest_confirm,
        name="guest_confirm",
    ),
    path(
        "public/registrations/<guest_token:token>/cancel/",
        public_views.guest_cancel,
        name="guest_cancel",
    ),
    # Animators.
    path("n/<network:network_slug>/events/", animator_views.network_events, name="network_events"),
    path("n/<network:network_slug>/events/new/", animator_views.event_new, name="event_new"),
    path(
        "n/<network:network_slug>/events/<event:pk>/edit/",
        animator_views.event_edit,
        name="event_edit",
    ),
    path(
        "n/<network:network_slug>/events/<event:pk>/cancel/",
        animator_views.event_cancel,
        name="event_cancel",
    ),
    path(
        "n/<network:network_slug>/events/<event:pk>/registrations/",
        animator_views.event_registrations,
        name="event_registrations",
    ),
    path(
        "n/<network:network_slug>/events/<event:pk>/registrations/<registration:registration_pk>/cancel/",
        animator_views.registration_cancel_by_animator,
        name="registration_cancel_by_animator",
    ),
]
