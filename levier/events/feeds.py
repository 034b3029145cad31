"""Calendar feeds to subscribe to: a person's events and a network's agenda.

Calendar apps carry no session, so the secret token in the address stands
for the person: the feed is built in that person's scope. A wrong token, or
a network the person no longer belongs to, answers 404.
"""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from levier.accounts.models import Network
from levier.events import ics
from levier.events.models import CalendarFeed, Event, Registration
from levier.tenancy.scope import acting_as, system
from levier.tenancy.views import token_view

# Old events stay a while so that a calendar keeps last weeks' meetings.
KEEP_PAST = timedelta(days=90)


def _feed_user(token):
    # The token is the only key: looked up for nobody, then everything else
    # is read as the person it stands for.
    with system():
        feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed.user


def _response(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def _seats(user, since) -> set[int]:
    return set(
        Registration.objects.filter(
            user=user, status=Registration.Status.CONFIRMED, event__end__gte=since
        ).values_list("event_id", flat=True)
    )


@token_view
def my_feed(request, token):
    user = _feed_user(token)
    since = timezone.now() - KEEP_PAST
    with acting_as(user):
        seats = _seats(user, since)
        events = Event.objects.filter(pk__in=seats, is_published=True)
        content = ics.calendar(events, _("Levier: my events"), links_for=seats)
    return _response(content)


@token_view
def network_feed(request, token, network):
    user = _feed_user(token)
    since = timezone.now() - KEEP_PAST
    with acting_as(user):
        network = get_object_or_404(Network, slug=network)
        events = Event.objects.filter(network=network, is_published=True, end__gte=since)
        content = ics.calendar(
            events,
            _("Levier: %(network)s") % {"network": network.name},
            links_for=_seats(user, since),
        )
    return _response(content)
