"""The network's companies with a mission, for its animators: where each
stands on the verifier's calendar, the members flagged "société à mission"
that have not defined their mission in Levier yet, and the themes of the
statutory objectives across members, to gather companies around one theme.

Reads only what the rule ``people`` lets the network's staff read: the
missions, their statutory objectives and the verifications (public facts of
each company). Operational objectives, indicators, committee and reports
are the member's own work and are never read here.

A fixed number of queries, whatever the number of members.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from levier.accounts.models import Organisation
from levier.mission import services
from levier.mission.models import Mission, MissionTheme, StatutoryObjective, Verification

# Statuses in the order the rows are listed: what needs the animator first.
STATUS_ORDER = {"overdue": 0, "due_soon": 1, "on_track": 2, None: 3}


@dataclass(frozen=True)
class MissionRow:
    organisation: Organisation
    mission: Mission
    calendar: services.VerificationCalendar
    last_verification: Verification | None
    themes: list[str]  # labels of its statutory objectives' themes

    @property
    def sort_key(self):
        deadline = self.calendar.deadline
        return (
            STATUS_ORDER[self.calendar.status],
            deadline.due_on if deadline else date.max,
            self.organisation.name.lower(),
        )


@dataclass(frozen=True)
class ThemeRow:
    code: str
    label: str
    companies: list[str]  # names of the members with an objective on it
    event_query: str  # the event form's draft: a peer exchange on the theme

    @property
    def count(self) -> int:
        return len(self.companies)


@dataclass(frozen=True)
class NetworkMissions:
    rows: list[MissionRow]
    without_mission: list[Organisation]  # flagged, mission not defined in Levier
    themes: list[ThemeRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.calendar.status == "overdue")

    @property
    def due_soon(self) -> int:
        return sum(1 for row in self.rows if row.calendar.status == "due_soon")


def _exchange_query(label: str) -> str:
    return urlencode(
        {
            "kind": "exchange",
            "title": _("Companies with a mission, peer exchange: %(theme)s") % {"theme": label},
            "theme": label[:80],
            "description": _(
                "Companies with a mission of the network share how they pursue their "
                "statutory objectives on this theme: the operational objectives they set, "
                "the indicators they follow, what their committee and their verifier said."
            ),
        }
    )


def network_missions(network, on: date | None = None) -> NetworkMissions:
    missions = (
        Mission.objects.filter(organisation__network=network)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("verifications", queryset=Verification.objects.order_by("-done_on", "-pk")),
            Prefetch("objectives", queryset=StatutoryObjective.objects.order_by("position", "pk")),
        )
    )
    labels = dict(MissionTheme.choices)
    rows = []
    companies_by_theme: dict[str, list[str]] = {}
    for mission in missions:
        verifications = list(mission.verifications.all())
        themes = []
        for objective in mission.objectives.all():
            if objective.theme not in themes:
                themes.append(objective.theme)
        for theme in themes:
            companies_by_theme.setdefault(theme, []).append(mission.organisation.name)
        rows.append(
            MissionRow(
                organisation=mission.organisation,
                mission=mission,
                calendar=services.verification_calendar(mission, verifications, on=on),
                last_verification=verifications[0] if verifications else None,
                themes=[str(labels.get(theme, theme)) for theme in themes],
            )
        )
    rows.sort(key=lambda row: row.sort_key)
    order = list(labels)
    themes = sorted(
        (
            ThemeRow(
                code,
                str(labels.get(code, code)),
                sorted(names, key=str.lower),
                _exchange_query(str(labels.get(code, code))),
            )
            for code, names in companies_by_theme.items()
        ),
        key=lambda row: (-row.count, order.index(row.code) if row.code in order else len(order)),
    )
    without = list(
        Organisation.objects.filter(
            network=network, is_mission=True, mission__isnull=True
        ).order_by("name")
    )
    return NetworkMissions(rows, without, themes)
