"""Animators publish events, follow registrations and mark attendance."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from levier.clubs.models import Club
from levier.events import services
from levier.events.forms import AttendanceForm, EventCancelForm, EventForm, RepeatForm
from levier.events.models import Event, Registration
from levier.events.views import filtered_agenda
from levier.tenancy.views import network_view


@network_view("animate")
def network_events(request, access):
    events = Event.objects.filter(network=access.network).select_related("club")
    form, events, past = filtered_agenda(
        request, events, Club.objects.filter(network=access.network)
    )
    return render(
        request,
        "events/network_events.html",
        {"network": access.network, "form": form, "events": events.with_counts(), "past": past},
    )


DRAFT_FIELDS = ("kind", "title", "theme", "description")


@network_view("animate")
def event_new(request, access):
    # A draft can come prefilled, e.g. from the network's improvement report.
    draft = {k: request.GET[k][:500] for k in DRAFT_FIELDS if request.GET.get(k)}
    form = EventForm(request.POST or None, network=access.network, initial=draft)
    repeat = RepeatForm(request.POST or None, prefix="repeat")
    if request.method == "POST" and form.is_valid() and repeat.is_valid():
        event = form.save(commit=False)
        event.network = access.network
        event.created_by = request.user
        if repeat.cleaned_data["repeat"]:
            dates = services.create_series(
                event, repeat.cleaned_data["repeat"], repeat.cleaned_data["occurrences"]
            )
            messages.success(request, _("The %(count)s dates are saved.") % {"count": len(dates)})
        else:
            event.save()
            messages.success(request, _("The event is saved."))
        return redirect("event_registrations", access.network.slug, event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "repeat": repeat, "network": access.network},
    )


@network_view("animate")
def event_edit(request, access, pk):
    event = get_object_or_404(Event, pk=pk, network=access.network)
    capacity_before = event.capacity
    # Read before the form writes the posted values into the event.
    schedule_before = services.Schedule.of(event)
    form = EventForm(request.POST or None, instance=event, network=access.network)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        promoted = services.save_edited(event, capacity_before, schedule_before)
        messages.success(request, _("The event is saved."))
        if services.Schedule.of(event) != schedule_before and event.is_published:
            messages.info(
                request,
                _("Date, time or place changed: everyone registered or waiting is emailed."),
            )
        if promoted:
            messages.info(
                request,
                _("%(count)s people moved from the waitlist to a seat and were told by email.")
                % {"count": len(promoted)},
            )
        return redirect("event_registrations", access.network.slug, event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "network": access.network, "event": event},
    )


@network_view("animate")
def event_registrations(request, access, pk):
    event = get_object_or_404(Event, pk=pk, network=access.network)
    registrations = list(event.registrations.select_related("user", "organisation"))
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    # A training with sessions records attendance per session and half-day
    # (levier.trainings), from which ``attended`` follows: no overall tick here.
    per_session = event.training_sessions.exists()
    form = AttendanceForm(request.POST or None, registrations=confirmed)
    if request.method == "POST" and per_session:
        messages.error(request, _("Attendance is recorded per session: open the sessions."))
        return redirect("event_registrations", access.network.slug, event.pk)
    if request.method == "POST" and form.is_valid():
        came = services.mark_attendance(event, {int(pk) for pk in form.cleaned_data["attended"]})
        messages.success(
            request,
            _("Attendance saved: %(came)s of %(total)s present.")
            % {"came": came, "total": len(confirmed)},
        )
        return redirect("event_registrations", access.network.slug, event.pk)
    by_status = {status: [] for status in Registration.Status.values}
    for registration in registrations:
        by_status[registration.status].append(registration)
    return render(
        request,
        "events/event_registrations.html",
        {
            "network": access.network,
            "event": event,
            "form": form,
            "confirmed": confirmed,
            "waitlist": sorted(by_status["waitlisted"], key=lambda r: (r.created_at, r.pk)),
            "pending": by_status["pending"],
            "cancelled": by_status["cancelled"],
            "seats_left": services.seats_left(event),
            "started": event.start <= timezone.now(),
            "per_session": per_session,
        },
    )


@network_view("animate")
@require_POST
def registration_cancel_by_animator(request, access, pk, registration_pk):
    event = get_object_or_404(Event, pk=pk, network=access.network)
    registration = get_object_or_404(event.registrations.active(), pk=registration_pk)
    services.cancel(registration)
    messages.success(
        request,
        _("The registration of %(name)s is cancelled.") % {"name": registration.display_name},
    )
    return redirect("event_registrations", access.network.slug, event.pk)


@network_view("animate")
def event_cancel(request, access, pk):
    """Confirm, with a reason, then cancel the event for everyone registered."""
    event = get_object_or_404(Event, pk=pk, network=access.network)
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and not event.is_cancelled and form.is_valid():
        cancel = (
            services.cancel_following if form.cleaned_data["following"] else services.cancel_event
        )
        told = cancel(event, form.cleaned_data["reason"])
        messages.success(
            request,
            ngettext(
                "The event is cancelled; %(count)s person registered or waiting is told by email.",
                "The event is cancelled; %(count)s people registered or waiting "
                "are told by email.",
                len(told),
            )
            % {"count": len(told)},
        )
        return redirect("event_registrations", access.network.slug, event.pk)
    return render(
        request,
        "events/event_cancel.html",
        {
            "form": form,
            "network": access.network,
            "event": event,
            "to_tell": event.registrations.active().count(),
            "later_dates": Event.objects.filter(
                series=event.series, network=access.network, start__gt=event.start
            ).count()
            if event.series
            else 0,
        },
    )
