"""A club's meetings: events of the club, published by its animators or the
network's, for the club's members."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from levier.clubs import services as clubs
from levier.clubs.models import Club
from levier.events import services
from levier.events.forms import ClubMeetingForm
from levier.events.models import Audience, EventKind
from levier.tenancy.views import member_view


def _club_run_by(request, pk) -> Club:
    club = get_object_or_404(Club.objects.select_related("network"), pk=pk)
    if not clubs.runs_meetings(request.scope, request.user, club):
        raise Http404
    return club


@member_view
def club_meeting_new(request, pk):
    club = _club_run_by(request, pk)
    form = ClubMeetingForm(
        request.POST or None, network=club.network, initial={"kind": EventKind.CLUB_MEETING}
    )
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.network, event.club, event.audience = club.network, club, Audience.CLUB
        event.created_by = request.user
        event.save()
        messages.success(request, _("The meeting is published for the club's members."))
        return redirect("club_detail", club.pk)
    return render(
        request,
        "events/club_meeting_form.html",
        {"club": club, "form": form},
        status=400 if form.errors else 200,
    )


@member_view
def club_meeting_edit(request, pk, event_pk):
    club = _club_run_by(request, pk)
    event = get_object_or_404(club.events, pk=event_pk)
    capacity_before = event.capacity
    schedule_before = services.Schedule.of(event)  # before the form writes into the event
    form = ClubMeetingForm(request.POST or None, instance=event, network=club.network)
    if request.method == "POST" and form.is_valid():
        services.save_edited(form.save(commit=False), capacity_before, schedule_before)
        messages.success(request, _("The event is saved."))
        return redirect("club_detail", club.pk)
    return render(
        request,
        "events/club_meeting_form.html",
        {"club": club, "form": form, "event": event},
        status=400 if form.errors else 200,
    )
