"""The public agenda: public events, open to people without an account."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.events import ics, services
from levier.events.feeds import KEEP_PAST
from levier.events.forms import GuestForm
from levier.events.models import Audience, Event, Registration
from levier.tenancy.views import public_view, token_view


def _public_events():
    return (
        Event.objects.published()
        .filter(audience=Audience.PUBLIC)
        .select_related("network", "host_organisation", "contact_user")
    )


@public_view
def public_agenda(request):
    events = _public_events().upcoming(timezone.now()).with_counts()
    return render(request, "events/public_agenda.html", {"events": events})


@public_view
def public_event(request, pk):
    event = get_object_or_404(_public_events(), pk=pk)
    form = GuestForm(request.POST or None)
    window = services.registration_window(event)
    if request.method == "POST" and window and form.is_valid():
        data = form.cleaned_data
        try:
            services.request_guest_registration(
                event, data["name"], data["email"], data["organisation"]
            )
        except services.RegistrationRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _(
                    "Almost done: we sent you an email. Open its link to confirm your "
                    "registration."
                ),
            )
            return redirect("public_event", event.pk)
    return render(
        request,
        "events/public_event.html",
        {
            "event": event,
            "form": form,
            "closed_reason": window.reason,
            "seats_left": services.seats_left(event),
        },
        status=400 if form.errors else 200,
    )


@token_view
def guest_registration(request, token):
    """The guest's own page, reached from their emails: confirm or cancel.

    Opening it changes nothing (mail scanners open links); the buttons do.
    """
    registration = get_object_or_404(
        Registration.objects.select_related("event"), token=token, user__isnull=True
    )
    return render(
        request,
        "events/guest_registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "position": registration.waitlist_position,
        },
    )


@token_view
@require_POST
def guest_confirm(request, token):
    registration = get_object_or_404(Registration, token=token, user__isnull=True)
    try:
        registration = services.confirm_guest(registration)
    except services.RegistrationRefused as refused:
        messages.error(request, str(refused))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Your registration is confirmed. See you there!"))
        elif registration.status == Registration.Status.WAITLISTED:
            messages.warning(
                request,
                _("The event is full: you are on the waitlist. We email you if a seat frees up."),
            )
    return redirect("guest_registration", token)


@token_view
@require_POST
def guest_cancel(request, token):
    registration = get_object_or_404(Registration, token=token, user__isnull=True)
    services.cancel(registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("guest_registration", token)


@public_view
def public_feed(request):
    events = _public_events().filter(end__gte=timezone.now() - KEEP_PAST)
    return HttpResponse(
        ics.calendar(events, _("Levier: public events"), public=True),
        content_type="text/calendar; charset=utf-8",
    )
