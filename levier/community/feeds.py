"""Calendar feeds to subscribe to: a person's events and a network's agenda.

Calendar apps carry no session, so the secret token in the address stands
for the person; a wrong token, or a network the person no longer belongs
to, answers 404.
"""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from levier.accounts.models import Network
from levier.community import ics
from levier.community.models import CalendarFeed, Registration
from levier.community.scope import network_ids, visible_events

# Old events stay a while so that a calendar keeps last weeks' meetings.
KEEP_PAST = timedelta(days=90)


def _feed_user(token):
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    if not feed.user.is_active:
        raise Http404
    return feed.user


def _response(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def my_feed(request, token):
    user = _feed_user(token)
    since = timezone.now() - KEEP_PAST
    event_ids = Registration.objects.filter(
        user=user, status=Registration.Status.CONFIRMED, event__end__gte=since
    ).values("event_id")
    events = visible_events(user).filter(pk__in=event_ids, is_published=True)
    return _response(ics.calendar(events, _("Levier: my events")))


def network_feed(request, token, network):
    user = _feed_user(token)
    network = get_object_or_404(Network, slug=network, pk__in=network_ids(user))
    events = visible_events(user).filter(
        network=network, is_published=True, end__gte=timezone.now() - KEEP_PAST
    )
    return _response(ics.calendar(events, _("Levier: %(network)s") % {"network": network.name}))
