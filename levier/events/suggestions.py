"""Upcoming events on an organisation's weakest themes.

An event may name a theme of the network's framework (``theme_code``); an
organisation's weakest themes are the lowest-scoring ones of its latest
submitted assessment. Both read in the viewer's scope: the scores are the
organisation's own work, so only its people see them (never network staff
without consent, ADR 13), and the events are those the viewer may see.
"""

from collections import defaultdict

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from levier.assessments.models import ScoreLine, ScoreSnapshot
from levier.events.models import Event

# Two or three themes point somewhere; more would read as "everything".
WEAKEST_THEMES = 3
EVENTS_PER_ORGANISATION = 3


def weakest_themes(organisation_ids) -> dict[int, list[str]]:
    """Each organisation's lowest-scoring theme codes, lowest first, from its
    latest submitted assessment; one query for all of them."""
    latest = ScoreSnapshot.objects.filter(
        organisation=OuterRef("organisation"), is_current=True
    ).order_by("-created_at", "-pk")
    snapshots = ScoreSnapshot.objects.filter(
        organisation_id__in=organisation_ids, pk=Subquery(latest.values("pk")[:1])
    )
    lines = (
        ScoreLine.objects.filter(
            snapshot__in=snapshots, level=ScoreLine.Level.THEME, score__isnull=False
        )
        .order_by("score", "code")
        .values_list("snapshot__organisation_id", "code")
    )
    weakest = defaultdict(list)
    for organisation_id, code in lines:
        if len(weakest[organisation_id]) < WEAKEST_THEMES:
            weakest[organisation_id].append(code)
    return dict(weakest)


def upcoming_on_themes(events, wanted: dict[int, tuple[int, list[str]]], now=None):
    """``wanted``: organisation id → (its network id, theme codes). Returns
    organisation id → the next published, not cancelled events of its
    network on those themes; one query whatever the number of organisations."""
    codes = {code for _network, themes in wanted.values() for code in themes}
    networks = {network for network, _themes in wanted.values()}
    if not codes:
        return {}
    found = list(
        events.published()
        .upcoming(now or timezone.now())
        .filter(network_id__in=networks, theme_code__in=codes, cancelled_at__isnull=True)
        .order_by("start", "pk")
    )
    result = {}
    for organisation_id, (network_id, themes) in wanted.items():
        result[organisation_id] = [
            event
            for event in found
            if event.network_id == network_id and event.theme_code in themes
        ][:EVENTS_PER_ORGANISATION]
    return result


def for_organisations(organisations, events=None) -> dict[int, list[Event]]:
    """The events to suggest to each organisation, from its weakest themes."""
    events = Event.objects.all() if events is None else events
    weakest = weakest_themes([o.pk for o in organisations])
    wanted = {o.pk: (o.network_id, weakest[o.pk]) for o in organisations if o.pk in weakest}
    return upcoming_on_themes(events, wanted)
