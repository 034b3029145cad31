"""A person's scope: their memberships and roles, loaded once per request, and
the rules that say which rows of tenant data they reach.

This is the one place that decides who is what where. Views get it as
``request.scope`` (see ``middleware.py``) and through the decorators of
``views.py``; the back office through ``admin.py``; the models' managers
(``managers.py``) ask it for the filter of every query. Tasks and commands,
which act for nobody, run under ``system()``.

Rules, by the kind of data:

- ``work``: an organisation's own work (assessments, answers, evidence, score
  snapshots, action plans). Only its members. Network staff reach it only
  inside ``reading_shared()`` (the organisation shares its results), and
  aggregates of a whole network only inside ``aggregating()``.
- ``people``: an organisation's people, invitations and sharing settings. Its
  members and the staff of its network.
- ``network``: what a network holds (its organisations, clubs, programmes,
  adoptions). Its members and staff.
- ``event``: published events of one's networks, public events for everyone,
  every event of the networks one animates.
- ``practice``: published practices of one's networks and of the shared
  library, public ones for everyone, drafts to their authors and the
  network's staff.
- ``framework``: the shipped frameworks and those of one's networks.
- ``own``: rows that belong to the person (a calendar feed).
- ``attendance``: who attended a training's sessions: the network's staff,
  and each participant their own.
- ``audit``: the audit trail of the organisations one administers, of the
  networks one administers, and one's own entries.
- ``administered``: what only admins see (API tokens and their calls,
  webhooks): of the organisations and networks one administers.
- ``funder``: a network's funder profiles: its members and staff, and the
  funder's own contact people.
- ``project``: projects seeking funding: all of an organisation's projects to
  its members; shared ones to its network's staff and funder contacts;
  public ones to everybody.
- ``finance_session``: "projects meet funders" sessions and their
  registrations: the network's members, staff and funder contacts.
- ``finance_side``: a side's wishes and follow-ups: that side (the project's
  organisation, or the funder's contacts) and the network's staff.
- ``finance_meeting``: a scheduled meeting: the network's staff, and its two
  sides once the schedule is published.

A funder's contact person is no member of the network: the rules above are
the only ones that let them in (``funder_ids``), so nothing else of the
network reaches them.

API calls carry no session but a token (``levier.api``): ``Scope.of_token``
gives the token the scope of one member (or one animator) of the one
organisation (or network) it belongs to, so the same rules decide what it
reaches.
"""

from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property

import django_scopes
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast
from django.http import Http404

from levier.accounts.models import Membership, Network, NetworkRole, Organisation, OrgRole
from levier.finance.models import FunderContact
from levier.insights.models import Sharing
from levier.programmes.models import Application, ProgrammeCoach
from levier.tenancy.managers import DIMENSION, active_scope

ORG_RANK = {OrgRole.VIEWER: 1, OrgRole.CONTRIBUTOR: 2, OrgRole.ADMIN: 3}
STAFF_ROLES = (NetworkRole.Role.ANIMATOR, NetworkRole.Role.NETWORK_ADMIN)
PUBLIC = "public"  # events.models.Audience.PUBLIC, without importing events


def _at(path: str, name: str) -> str:
    return f"{path}__{name}" if path else name


def _roles_query(user):
    """(kind, key, value) rows: ("staff", network, role), ("funder", funder,
    network) for active funders, ("coach", programme, network)."""
    text = CharField()
    # No ordering: a compound statement refuses ORDER BY in its parts.
    staff = (
        NetworkRole._base_manager.filter(user=user)
        .order_by()
        .values_list(Value("staff", output_field=text), "network_id", Cast("role", text))
    )
    funders = (
        FunderContact._base_manager.filter(user=user, funder__is_active=True).order_by()
    ).values_list(
        Value("funder", output_field=text), "funder_id", Cast("funder__network_id", text)
    )
    coached = (
        ProgrammeCoach._base_manager.filter(user=user)
        .order_by()
        .values_list(
            Value("coach", output_field=text), "programme_id", Cast("programme__network_id", text)
        )
    )
    for kind, key, value in staff.union(funders, coached, all=True):
        yield kind, key, (value if kind == "staff" else int(value))


@dataclass(frozen=True)
class Scope:
    """What one person reaches. Immutable: widening it (consent, aggregates)
    gives a new scope for a ``with`` block."""

    user_id: int | None
    roles: Mapping[int, str] = field(default_factory=dict)  # organisation id -> role
    org_networks: Mapping[int, int] = field(default_factory=dict)  # organisation -> network
    staff: Mapping[int, str] = field(default_factory=dict)  # network id -> network role
    funders: Mapping[int, int] = field(default_factory=dict)  # funder id -> network id
    coached: Mapping[int, int] = field(default_factory=dict)  # programme id -> network id
    consented: frozenset[int] = frozenset()  # organisations whose shared work is open
    aggregated: frozenset[int] = frozenset()  # networks whose work is being aggregated

    @classmethod
    def of(cls, user) -> "Scope":
        """The person's scope, in two queries. The only reads of memberships
        and roles that no scope filters: they are what scopes are made of."""
        if user is None or not user.is_authenticated or not user.is_active:
            return cls(user_id=None)
        roles, org_networks = {}, {}
        for organisation_id, role, network_id in Membership._base_manager.filter(
            user=user
        ).values_list("organisation_id", "role", "organisation__network_id"):
            roles[organisation_id] = role
            org_networks[organisation_id] = network_id
        # Network roles, funders spoken for and programmes coached: one query.
        staff, funders, coached = {}, {}, {}
        found = {"staff": staff, "funder": funders, "coach": coached}
        for kind, key, value in _roles_query(user):
            found[kind][key] = value
        return cls(
            user_id=user.pk,
            roles=roles,
            org_networks=org_networks,
            staff=staff,
            funders=funders,
            coached=coached,
        )

    @classmethod
    def of_token(cls, token) -> "Scope":
        """The scope of an API token (already checked valid): its
        organisation's, as a contributor when it may write anything and a
        viewer otherwise, or its network's, as an animator. Narrower than
        its creator's: one tenant, and never an admin's rights."""
        writes = any(scope.endswith(":write") for scope in token.scopes)
        if token.organisation_id is not None:
            network_id = (
                Organisation._base_manager.filter(pk=token.organisation_id)
                .values_list("network_id", flat=True)
                .first()
            )
            role = OrgRole.CONTRIBUTOR if writes else OrgRole.VIEWER
            return cls(
                user_id=token.created_by_id,
                roles={token.organisation_id: role},
                org_networks={token.organisation_id: network_id},
            )
        return cls(
            user_id=token.created_by_id, staff={token.network_id: NetworkRole.Role.ANIMATOR}
        )

    # Who is what where ---------------------------------------------------------

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @cached_property
    def member_org_ids(self) -> frozenset[int]:
        return frozenset(self.roles)

    def org_ids_at_least(self, role: str) -> frozenset[int]:
        """Organisations where the person holds ``role`` or a higher one."""
        return frozenset(o for o, r in self.roles.items() if ORG_RANK[r] >= ORG_RANK[role])

    @cached_property
    def member_network_ids(self) -> frozenset[int]:
        return frozenset(self.org_networks.values())

    @cached_property
    def staff_network_ids(self) -> frozenset[int]:
        return frozenset(self.staff)

    @cached_property
    def admin_network_ids(self) -> frozenset[int]:
        return frozenset(n for n, r in self.staff.items() if r == NetworkRole.Role.NETWORK_ADMIN)

    @cached_property
    def network_ids(self) -> frozenset[int]:
        return self.member_network_ids | self.staff_network_ids

    @cached_property
    def funder_ids(self) -> frozenset[int]:
        return frozenset(self.funders)

    @cached_property
    def funder_network_ids(self) -> frozenset[int]:
        return frozenset(self.funders.values())

    def animates(self, network_id) -> bool:
        return network_id in self.staff

    def organisation_ids_in(self, network_id, at_least: str = OrgRole.VIEWER) -> list[int]:
        """The person's organisations in a network, holding at least a role."""
        wanted = self.org_ids_at_least(at_least)
        return sorted(o for o, n in self.org_networks.items() if n == network_id and o in wanted)

    # Access to one organisation or network (404 otherwise) ---------------------

    def org_access(self, org_slug: str) -> "OrgAccess":
        organisation = Organisation.objects.select_related("network").filter(slug=org_slug).first()
        if organisation is None:
            raise Http404
        role = self.roles.get(organisation.pk)
        network_role = self.staff.get(organisation.network_id)
        if role is None and network_role is None:
            raise Http404
        return OrgAccess(organisation, role, network_role)

    def network_access(self, network_slug: str) -> "NetworkAccess":
        network = Network.objects.filter(slug=network_slug).first()
        if network is None or network.pk not in self.staff:
            raise Http404
        return NetworkAccess(network, self.staff[network.pk])

    def funder_access(self, network_slug: str) -> "FunderAccess":
        """The funders a contact person speaks for in a network; 404 for
        anyone who speaks for none there. The network is read without its
        rule: a funder contact is no member of it, and only its name and
        address are shown."""
        network = Network._base_manager.filter(slug=network_slug).first()
        if network is None:
            raise Http404
        funder_ids = frozenset(
            funder for funder, network_id in self.funders.items() if network_id == network.pk
        )
        if not funder_ids:
            raise Http404
        return FunderAccess(network, funder_ids)

    # Widened scopes, for a ``with`` block --------------------------------------

    @contextmanager
    def reading_shared(self, organisation):
        """Read an organisation's work because it shares its results with its
        network, which this person animates. 404 without that consent."""
        allowed = (
            organisation.network_id in self.staff
            and Sharing._base_manager.filter(organisation=organisation).exists()
        )
        if not allowed:
            raise Http404
        with activate(replace(self, consented=self.consented | {organisation.pk})):
            yield

    @contextmanager
    def coaching_plan(self, programme_id: int, organisation):
        """A programme's coach opens the action plan of a cohort organisation
        whose admins consented (``Application.coach_may_open_plan``). 404
        otherwise: not their programme, not in its cohort, no consent (or
        consent withdrawn)."""
        allowed = (
            programme_id in self.coached
            and Application._base_manager.filter(
                programme_id=programme_id,
                organisation=organisation,
                status=Application.Status.SELECTED,
                coach_may_open_plan=True,
            ).exists()
        )
        if not allowed:
            raise Http404
        with activate(replace(self, consented=self.consented | {organisation.pk})):
            yield

    @contextmanager
    def reading_all_shared(self, network):
        """Read the work of every organisation that shares its results with
        ``network``, which this person animates (targeting a message by
        results: ``levier.messaging.audiences``); nothing for anyone else.
        Yields the ids of those organisations."""
        if network.pk not in self.staff:
            shared = frozenset()
        else:
            shared = frozenset(
                Sharing._base_manager.filter(organisation__network=network).values_list(
                    "organisation_id", flat=True
                )
            )
        with activate(replace(self, consented=self.consented | shared)):
            yield shared

    @contextmanager
    def aggregating(self, network_ids: Iterable[int]):
        """Compute anonymised figures over the work of whole networks (peer
        groups, dashboards). Only networks the person belongs to or animates;
        what comes out of the block must pass the anonymity rule."""
        wanted = frozenset(network_ids) & self.network_ids
        with activate(replace(self, aggregated=self.aggregated | wanted)):
            yield

    # Rules: the filter of each kind of tenant data -----------------------------

    def rule(self, kind: str, path: str) -> Q:
        return getattr(self, f"_rule_{kind}")(path)

    def _rule_work(self, path: str) -> Q:
        condition = Q(**{_at(path, "pk__in"): self.member_org_ids | self.consented})
        if self.aggregated:
            condition |= Q(**{_at(path, "network_id__in"): self.aggregated})
        return condition

    def _rule_people(self, path: str) -> Q:
        return Q(**{_at(path, "pk__in"): self.member_org_ids}) | Q(
            **{_at(path, "network_id__in"): self.staff_network_ids}
        )

    def _rule_network(self, path: str) -> Q:
        return Q(**{_at(path, "pk__in"): self.network_ids})

    def _rule_staff(self, path: str) -> Q:
        """What only a network's staff read (applications to join it)."""
        return Q(**{_at(path, "pk__in"): self.staff_network_ids})

    def _rule_attendance(self, path: str) -> Q:
        """A participant's attendance at a training (``path`` leads to the
        registration): the network's staff, and the participant."""
        staff = Q(**{_at(path, "event__network_id__in"): self.staff_network_ids})
        if not self.is_authenticated:
            return staff
        return staff | Q(**{_at(path, "user_id"): self.user_id})

    def _rule_programme_document(self, path: str) -> Q:
        """A document an organisation handed in to a programme (``path`` leads
        to its application): the organisation's people, the programme's
        network staff and the programme's coaches."""
        if not self.is_authenticated:
            return Q(pk__in=[])
        return (
            Q(**{_at(path, "organisation_id__in"): self.member_org_ids})
            | Q(**{_at(path, "programme__network_id__in"): self.staff_network_ids})
            | Q(**{_at(path, "programme_id__in"): set(self.coached)})
        )

    def _rule_directory(self, path: str) -> Q:
        """Directory entries: one's own, and those listed in one's networks."""
        if not self.is_authenticated:
            return Q(pk__in=[])
        own = Q(**{_at(path, "user_id"): self.user_id})
        listed = Q(**{_at(path, "organisation__network_id__in"): self.network_ids})
        return own | listed & Q(listed=True)

    def _rule_event(self, path: str) -> Q:
        published = Q(**{_at(path, "is_published"): True})
        return Q(**{_at(path, "network_id__in"): self.staff_network_ids}) | published & (
            Q(**{_at(path, "network_id__in"): self.member_network_ids})
            | Q(**{_at(path, "audience"): PUBLIC})
        )

    def _rule_practice(self, path: str) -> Q:
        published = Q(**{_at(path, "status"): "published"})
        visible = published & Q(**{_at(path, "is_public"): True})
        if not self.is_authenticated:
            return visible
        return (
            visible
            | published
            & (
                Q(**{_at(path, "network__isnull"): True})
                | Q(**{_at(path, "network_id__in"): self.network_ids})
            )
            | Q(
                **{
                    _at(path, "author_organisation_id__in"): self.org_ids_at_least(
                        OrgRole.CONTRIBUTOR
                    )
                }
            )
            | Q(**{_at(path, "network_id__in"): self.staff_network_ids})
        )

    def _rule_framework(self, path: str) -> Q:
        return Q(**{_at(path, "network__isnull"): True}) | Q(
            **{_at(path, "network_id__in"): self.network_ids}
        )

    def _rule_own(self, path: str) -> Q:
        return Q(**{_at(path, "pk"): self.user_id}) if self.user_id else Q(pk__in=[])

    def _rule_audit(self, path: str) -> Q:
        if not self.is_authenticated:
            return Q(pk__in=[])
        return (
            Q(**{_at(path, "organisation_id__in"): self.org_ids_at_least(OrgRole.ADMIN)})
            | Q(**{_at(path, "network_id__in"): self.admin_network_ids})
            | Q(**{_at(path, "subject_id"): self.user_id})
        )

    def _rule_administered(self, path: str) -> Q:
        if not self.is_authenticated:
            return Q(pk__in=[])
        return Q(**{_at(path, "organisation_id__in"): self.org_ids_at_least(OrgRole.ADMIN)}) | Q(
            **{_at(path, "network_id__in"): self.admin_network_ids}
        )

    def _rule_funder(self, path: str) -> Q:
        return Q(**{_at(path, "network_id__in"): self.network_ids}) | Q(
            **{_at(path, "pk__in"): self.funder_ids}
        )

    def _rule_project(self, path: str) -> Q:
        public = Q(**{_at(path, "visibility"): "public"})
        if not self.is_authenticated:
            return public
        own = Q(**{_at(path, "organisation_id__in"): self.member_org_ids})
        shared = ~Q(**{_at(path, "visibility"): "draft"}) & Q(
            **{
                _at(path, "organisation__network_id__in"): self.staff_network_ids
                | self.funder_network_ids
            }
        )
        return own | shared | public

    def _rule_finance_session(self, path: str) -> Q:
        return Q(**{_at(path, "network_id__in"): self.network_ids | self.funder_network_ids})

    def _rule_finance_side(self, path: str) -> Q:
        """``path`` leads to the pairing (session, project, funder); the side
        is the row's own."""
        staff = Q(**{_at(path, "session__network_id__in"): self.staff_network_ids})
        project_side = Q(side="project") & Q(
            **{_at(path, "project__organisation_id__in"): self.member_org_ids}
        )
        funder_side = Q(side="funder") & Q(**{_at(path, "funder_id__in"): self.funder_ids})
        return staff | project_side | funder_side

    def _rule_finance_meeting(self, path: str) -> Q:
        staff = Q(**{_at(path, "session__network_id__in"): self.staff_network_ids})
        published = Q(**{_at(path, "session__schedule_published_at__isnull"): False})
        sides = Q(**{_at(path, "project__organisation_id__in"): self.member_org_ids}) | Q(
            **{_at(path, "funder_id__in"): self.funder_ids}
        )
        return staff | published & sides


@dataclass(frozen=True)
class OrgAccess:
    """What one person may do in one organisation."""

    organisation: Organisation
    role: str | None  # membership role, None for network staff who are not members
    network_role: str | None  # animator or network_admin of the organisation's network

    @property
    def rank(self) -> int:
        return ORG_RANK.get(self.role, 0)

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def is_network_staff(self) -> bool:
        return self.network_role is not None

    @cached_property
    def has_admin(self) -> bool:
        return Membership.objects.filter(
            organisation=self.organisation, role=OrgRole.ADMIN
        ).exists()

    # Capabilities. Network staff see the profile and the people; never the
    # organisation's own work (assessments, plans), nor may they give anyone
    # a role in it: they only invite the first administrator of an
    # organisation that has none.
    @property
    def can_view_profile(self) -> bool:
        return self.is_member or self.is_network_staff

    @property
    def can_view_work(self) -> bool:
        return self.is_member

    @property
    def can_contribute(self) -> bool:
        return self.rank >= ORG_RANK[OrgRole.CONTRIBUTOR]

    @property
    def can_administer(self) -> bool:
        return self.role == OrgRole.ADMIN

    @property
    def can_manage_people(self) -> bool:
        return self.can_administer

    @property
    def can_onboard(self) -> bool:
        """Network staff invite the first administrator, while there is none."""
        return self.is_network_staff and not self.can_administer and not self.has_admin

    @property
    def can_invite(self) -> bool:
        return self.can_manage_people or self.can_onboard

    @property
    def can_edit_profile(self) -> bool:
        return self.can_administer or self.is_network_staff


@dataclass(frozen=True)
class NetworkAccess:
    network: Network
    role: str

    @property
    def can_animate(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def can_administer(self) -> bool:
        return self.role == NetworkRole.Role.NETWORK_ADMIN


@dataclass(frozen=True)
class FunderAccess:
    """A funder contact's access to one network: the funders they speak for."""

    network: Network
    funder_ids: frozenset[int]


@contextmanager
def activate(scope: Scope):
    """Run a block with ``scope`` as the active scope."""
    with django_scopes.scope(**{DIMENSION: scope}):
        yield


def acting_as(user):
    """Run a block with a person's scope: for requests that carry no session
    but a secret standing for the person (calendar feeds)."""
    return activate(Scope.of(user))


def system():
    """Run a block for nobody in particular: tasks, commands, migrations of
    data. Every row is reachable, so code under it must not serve a person."""
    return django_scopes.scopes_disabled()


def current() -> Scope | None:
    """The active scope; None under ``system()`` or outside any scope."""
    return active_scope()
