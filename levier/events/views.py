"""The agenda of members: events of their networks, registering, cancelling."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.accounts.models import Membership, Network, User
from levier.clubs.models import Club
from levier.events import ics, services
from levier.events.forms import AgendaFilterForm, RegisterForm
from levier.events.models import CalendarFeed, Event, Registration
from levier.tenancy.views import member_view

AGENDA_PAGE_SIZE = 30


def visible_events():
    """The events of the person's scope (see the "event" rule)."""
    return Event.objects.select_related("network", "club", "host_organisation", "contact_user")


def filtered_agenda(request, events, clubs):
    """The filter form and the events it keeps, upcoming or past."""
    themes = list(
        events.exclude(theme="").order_by("theme").values_list("theme", flat=True).distinct()
    )
    form = AgendaFilterForm(request.GET or None, themes=themes, clubs=clubs)
    now = timezone.now()
    data = form.cleaned_data if form.is_valid() else {}
    past = data.get("when") == "past"
    events = events.past(now).order_by("-start") if past else events.upcoming(now)
    if data.get("kind"):
        events = events.filter(kind=data["kind"])
    if data.get("theme"):
        events = events.filter(theme=data["theme"])
    if data.get("club"):
        events = events.filter(club_id=data["club"])
    return form, events, past


@member_view
def agenda(request):
    form, events, past = filtered_agenda(request, visible_events(), Club.objects.all())
    # A page of events, so that a federation's hundreds of events cost what a club's do.
    page = Paginator(events.with_counts(), AGENDA_PAGE_SIZE).get_page(request.GET.get("page"))
    mine = dict(
        Registration.objects.active()
        .filter(user=request.user, event__in=[event.pk for event in page])
        .values_list("event_id", "status")
    )
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    parameters = request.GET.copy()
    parameters.pop("page", None)
    return render(
        request,
        "events/agenda.html",
        {
            "form": form,
            "events": page,
            "page": page,
            "query_string": parameters.urlencode(),
            "past": past,
            "mine": mine,
            "feed": feed,
            "networks": Network.objects.order_by("name"),
            "animated": request.scope.staff_network_ids,
        },
    )


def _choices(user, event) -> list[tuple[str, str]]:
    """Oneself and one's colleagues, for each organisation of the event's network."""
    choices = []
    for membership in Membership.objects.of(user).in_network(event.network_id):
        organisation = membership.organisation
        choices.append(
            (
                f"{organisation.pk}:{user.pk}",
                _("Me (%(organisation)s)") % {"organisation": organisation.name},
            )
        )
        colleagues = (
            User.objects.filter(memberships__organisation=organisation, is_active=True)
            .exclude(pk=user.pk)
            .order_by("full_name", "email")
        )
        choices += [
            (
                f"{organisation.pk}:{colleague.pk}",
                f"{colleague.display_name} ({organisation.name})",
            )
            for colleague in colleagues
        ]
    return choices


def _my_registrations(user, event):
    """Registrations of this person, or that they made for colleagues."""
    return (
        event.registrations.active()
        .filter(Q(user=user) | Q(registered_by=user))
        .select_related("user", "organisation")
    )


@member_view
def event_detail(request, pk):
    event = get_object_or_404(visible_events(), pk=pk)
    memberships = list(Membership.objects.of(request.user).in_network(event.network_id))
    verdicts = [
        (m.organisation, services.eligibility(event, request.user, m.organisation))
        for m in memberships
    ]
    eligible = any(verdict for _organisation, verdict in verdicts)
    reasons = sorted({verdict.reason for _organisation, verdict in verdicts if not verdict})
    if not memberships:
        reasons = [services.registration_window(event).reason or _("Members register here.")]
    registrations = list(_my_registrations(request.user, event))
    for registration in registrations:
        registration.position = registration.waitlist_position
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "form": RegisterForm(choices=_choices(request.user, event)) if eligible else None,
            "reasons": [] if eligible else [r for r in reasons if r],
            "registrations": registrations,
            "registered_self": any(r.user_id == request.user.pk for r in registrations),
            "seats_left": services.seats_left(event),
            "waiting": event.registrations.waitlist().count(),
            "started": event.start <= timezone.now(),
            "animates": request.scope.animates(event.network_id),
            "show_online_link": request.scope.animates(event.network_id)
            or _holds_seat(request.user, event),
            "other_dates": list(
                visible_events()
                .filter(series=event.series, network_id=event.network_id)
                .exclude(pk=event.pk)
                .upcoming()
            )
            if event.series
            else [],
        },
    )


@member_view
@require_POST
def event_register(request, pk):
    event = get_object_or_404(visible_events(), pk=pk)
    form = RegisterForm(request.POST, choices=_choices(request.user, event))
    if not form.is_valid():
        raise Http404
    organisation_id, user_id = form.chosen()
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "user"),
        organisation_id=organisation_id,
        user_id=user_id,
    )
    try:
        registration = services.register(
            event, membership.user, membership.organisation, registered_by=request.user
        )
    except services.RegistrationRefused as refused:
        messages.error(request, str(refused))
        return redirect("event_detail", event.pk)
    name = membership.user.display_name
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(
            request,
            _(
                "Registration confirmed for %(name)s. A confirmation email with the "
                "calendar file is on its way."
            )
            % {"name": name},
        )
    else:
        messages.warning(
            request,
            _(
                "The event is full: %(name)s is on the waitlist, number %(position)s. "
                "We email as soon as a seat frees up."
            )
            % {"name": name, "position": registration.waitlist_position},
        )
    return redirect("event_detail", event.pk)


@member_view
@require_POST
def registration_cancel(request, pk, registration_pk):
    event = get_object_or_404(visible_events(), pk=pk)
    registration = get_object_or_404(_my_registrations(request.user, event), pk=registration_pk)
    services.cancel(registration)
    messages.success(
        request,
        _("The registration of %(name)s is cancelled.") % {"name": registration.display_name},
    )
    return redirect("event_detail", event.pk)


def _holds_seat(user, event) -> bool:
    return event.registrations.confirmed().filter(user=user).exists()


@member_view
def event_ics(request, pk):
    event = get_object_or_404(visible_events(), pk=pk)
    links_for = {event.pk} if _holds_seat(request.user, event) else set()
    response = HttpResponse(
        ics.calendar([event], links_for=links_for), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="levier-event-{event.pk}.ics"'
    return response


@member_view
@require_POST
def feed_reset(request):
    """A new secret address: the old one stops working at once."""
    CalendarFeed.objects.filter(user=request.user).delete()
    CalendarFeed.objects.create(user=request.user)
    messages.success(
        request, _("Your calendar addresses are new: subscribe again with the ones below.")
    )
    return redirect("agenda")
