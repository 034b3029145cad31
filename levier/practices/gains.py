"""Measured practice gains, maintained (docs/adr/0030-measured-practice-gains.md).

The Django side of `levier.engine.practice_gains`: each member's gains are
computed from its own snapshots, adoptions and done actions into
`MemberPracticeGain` rows; a network's figures are then counted from those
small rows into `PracticeGainFigure`, which is all the pages read (one query for
a page of practices, whatever the number of members, practices or adopters).

Kept up to date by a task queued once the transaction that submitted an
assessment, recorded an adoption or changed an action drawn from a practice
commits (`levier.practices.tasks`); `manage.py rebuild_practice_gains` rebuilds
everything (after changing practice links, a bulk load, a restore, a rescore).

Like the network's other anonymous figures (docs/adr/0021), every member of the
network counts, whether or not it shares its own results with the animators:
sharing opens one member's results, and no figure here shows one member's.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from levier.accounts.models import Network, Organisation
from levier.assessments.models import ScoreLine, ScoreSnapshot
from levier.engine import practice_gains as engine
from levier.plans.models import Action
from levier.practices.models import (
    Adoption,
    MemberPracticeGain,
    Practice,
    PracticeGainFigure,
    PracticeLink,
)


def network_links(network_id) -> dict[int, dict[str, frozenset[str]]]:
    """Practice -> framework -> question codes, for the published practices the
    network's members see: the shared library and the network's own."""
    links: dict[int, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for practice_id, framework, question_code in PracticeLink.objects.filter(
        Q(practice__network__isnull=True) | Q(practice__network_id=network_id),
        practice__status=Practice.Status.PUBLISHED,
    ).values_list("practice_id", "framework", "question_code"):
        links[practice_id][framework].add(question_code)
    return {
        practice: {framework: frozenset(codes) for framework, codes in frameworks.items()}
        for practice, frameworks in links.items()
    }


def member_snapshots(organisation_ids: Iterable[int], questions: set[str]) -> dict:
    """Organisation -> its submitted assessments (each one's current snapshot),
    with the points lost on ``questions``."""
    snapshots = {
        pk: (organisation_id, framework, version_id, created_at)
        for pk, organisation_id, framework, version_id, created_at in ScoreSnapshot.objects.filter(
            organisation__in=list(organisation_ids), is_current=True
        ).values_list(
            "pk",
            "organisation_id",
            "framework_version__framework__code",
            "framework_version_id",
            "created_at",
        )
    }
    lost: dict[int, dict[str, float]] = defaultdict(dict)
    for snapshot_id, code, points in ScoreLine.objects.filter(
        snapshot__in=list(snapshots),
        level=ScoreLine.Level.QUESTION,
        code__in=sorted(questions),
    ).values_list("snapshot_id", "code", "lost"):
        lost[snapshot_id][code] = points
    found: dict[int, list[engine.Snapshot]] = defaultdict(list)
    for pk, (organisation_id, framework, version_id, created_at) in snapshots.items():
        found[organisation_id].append(
            engine.Snapshot(pk, framework, version_id, created_at, lost[pk])
        )
    return found


def adoption_dates(organisation_ids: Iterable[int]) -> dict[int, dict[int, object]]:
    """Organisation -> practice -> when it first adopted it: an adoption
    declared, or an action drawn from the practice marked done."""
    ids = list(organisation_ids)
    found: dict[int, dict[int, object]] = defaultdict(dict)

    def note(organisation_id, practice_id, at):
        known = found[organisation_id].get(practice_id)
        if at is not None and (known is None or at < known):
            found[organisation_id][practice_id] = at

    for organisation_id, practice_id, at in Adoption.objects.filter(
        organisation__in=ids
    ).values_list("organisation_id", "practice_id", "created_at"):
        note(organisation_id, practice_id, at)
    for organisation_id, practice_id, completed_at, updated_at in Action.objects.filter(
        organisation__in=ids, practice__isnull=False, status=Action.Status.DONE
    ).values_list("organisation_id", "practice_id", "completed_at", "updated_at"):
        note(organisation_id, practice_id, completed_at or updated_at)
    return found


def member_rows(organisations: list, links: dict) -> list[MemberPracticeGain]:
    """The MemberPracticeGain rows of these organisations (of one network)."""
    questions = {
        code for frameworks in links.values() for codes in frameworks.values() for code in codes
    }
    snapshots = member_snapshots([o.pk for o in organisations], questions)
    adopted = adoption_dates([o.pk for o in organisations])
    rows = []
    for organisation in organisations:
        own = snapshots.get(organisation.pk)
        if not own or len(own) < 2:
            continue  # no change to measure without two assessments
        for gain in engine.member_gains(own, adopted.get(organisation.pk, {}), links):
            rows.append(
                MemberPracticeGain(
                    organisation_id=organisation.pk,
                    network_id=organisation.network_id,
                    practice_id=gain.practice,
                    framework=gain.framework,
                    adopted=gain.adopted,
                    gain=gain.gain,
                )
            )
    return rows


def refresh_figures(network_id) -> None:
    """Count a network's figures again from its members' rows."""
    gains = (
        engine.MemberGain(practice, framework, adopted, gain)
        for practice, framework, adopted, gain in MemberPracticeGain.objects.filter(
            network_id=network_id
        ).values_list("practice_id", "framework", "adopted", "gain")
    )
    figures = engine.network_figures(gains)
    PracticeGainFigure.objects.filter(network_id=network_id).delete()
    PracticeGainFigure.objects.bulk_create(
        PracticeGainFigure(
            network_id=network_id,
            practice_id=figure.practice,
            framework=figure.framework,
            adopters=figure.adopters,
            adopters_average=figure.adopters_average,
            others=figure.others,
            others_average=figure.others_average,
        )
        for figure in figures
    )


@transaction.atomic
def refresh_organisation(organisation_id: int) -> None:
    """Rewrite one organisation's rows, then the figures of the networks it
    was counted in and is in now; the networks' rows locked so that two
    refreshes take turns."""
    before = set(
        MemberPracticeGain.objects.filter(organisation_id=organisation_id)
        .values_list("network_id", flat=True)
        .distinct()
    )
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    networks = sorted(before | ({organisation.network_id} if organisation else set()))
    list(Network.objects.select_for_update().filter(pk__in=networks).order_by("pk"))
    MemberPracticeGain.objects.filter(organisation_id=organisation_id).delete()
    if organisation is not None:
        rows = member_rows([organisation], network_links(organisation.network_id))
        MemberPracticeGain.objects.bulk_create(rows)
    for network_id in networks:
        refresh_figures(network_id)


@transaction.atomic
def rebuild(network_ids: Iterable[int] | None = None, chunk: int = 500) -> int:
    """Every member's rows and every figure, from the source tables; the
    number of figures kept."""
    networks = Network.objects.all()
    if network_ids is not None:
        networks = networks.filter(pk__in=list(network_ids))
    kept = 0
    for network in networks.order_by("pk"):
        Network.objects.select_for_update().filter(pk=network.pk).first()
        MemberPracticeGain.objects.filter(network=network).delete()
        links = network_links(network.pk)
        ids = list(
            Organisation.objects.filter(network=network)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(ids), chunk):
            organisations = list(Organisation.objects.filter(pk__in=ids[start : start + chunk]))
            MemberPracticeGain.objects.bulk_create(
                member_rows(organisations, links), batch_size=2000
            )
        refresh_figures(network.pk)
        kept += PracticeGainFigure.objects.filter(network=network).count()
    return kept


def figures_for(practice_ids: Iterable[int], network_ids: Iterable[int] | None = None) -> dict:
    """Practice id -> its figures (most adopters first) in the networks of the
    active scope (or these): one query."""
    rows = PracticeGainFigure.objects.filter(practice__in=list(practice_ids)).select_related(
        "network"
    )
    if network_ids is not None:
        rows = rows.filter(network__in=list(network_ids))
    found: dict[int, list[PracticeGainFigure]] = defaultdict(list)
    for row in rows.order_by("-adopters", "network_id", "framework"):
        found[row.practice_id].append(row)
    return found
