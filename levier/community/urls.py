from django.urls import path

from levier.community import (
    animator_views,
    club_views,
    coach_views,
    feeds,
    programme_views,
    prospect_views,
    public_views,
    views,
)

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
    path("clubs/", club_views.club_list, name="club_list"),
    path("clubs/<club:pk>/", club_views.club_detail, name="club_detail"),
    path("clubs/<club:pk>/join/", club_views.club_join, name="club_join"),
    path("clubs/<club:pk>/leave/", club_views.club_leave, name="club_leave"),
    path("clubs/<club:pk>/meetings/new/", club_views.club_meeting_new, name="club_meeting_new"),
    path(
        "clubs/<club:pk>/meetings/<event:event_pk>/",
        club_views.club_meeting_edit,
        name="club_meeting_edit",
    ),
    path("programmes/", programme_views.programme_list, name="programme_list"),
    path("programmes/<programme:pk>/", programme_views.programme_detail, name="programme_detail"),
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
    path("n/<network:network_slug>/clubs/new/", club_views.club_new, name="club_new"),
    path("n/<network:network_slug>/clubs/<club:pk>/edit/", club_views.club_edit, name="club_edit"),
    path(
        "n/<network:network_slug>/clubs/<club:pk>/members/<club_member:member_pk>/",
        club_views.club_member_update,
        name="club_member_update",
    ),
    path(
        "n/<network:network_slug>/programmes/",
        programme_views.network_programmes,
        name="network_programmes",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/",
        programme_views.programme_board,
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
        programme_views.deliverable_tick,
        name="deliverable_tick",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/prospects/<join_request:join_request_pk>/accept/",
        prospect_views.prospect_accept,
        name="prospect_accept",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/edit/",
        programme_views.programme_edit,
        name="programme_edit",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/appointments/<appointment:appointment_pk>/",
        programme_views.appointment_edit,
        name="appointment_edit",
    ),
    path(
        "n/<network:network_slug>/programmes/<programme:pk>/applications/<application:application_pk>/",
        programme_views.application_decide,
        name="application_decide",
    ),
]
