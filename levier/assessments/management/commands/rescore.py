"""Recompute the stored scores of submitted assessments from their answers, after a
framework pack was corrected or the scoring engine changed (docs/adr/0026)."""

import math

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction

from levier.assessments import services
from levier.assessments.models import Answer, Assessment, ScoreLine, ScoreSnapshot
from levier.tenancy.scope import system

SNAPSHOT_FIELDS = ("overall", "answered", "missing")
LINE_FIELDS = ("score", "status", "lost")
# Float columns round-trip exactly on both databases; this only absorbs the last bit.
TOLERANCE = 1e-9
# The network figures are derived from snapshots: the command that rebuilds them.
REBUILD_COMMAND = "rebuild_network_figures"


def _differ(stored, computed) -> bool:
    if stored is None or computed is None or isinstance(stored, str):
        return stored != computed
    return not math.isclose(stored, computed, rel_tol=0, abs_tol=TOLERANCE)


def _overall_difference(stored, computed) -> float:
    if stored is None and computed is None:
        return 0.0
    if stored is None or computed is None:
        return math.inf  # a score appears or disappears
    return abs(stored - computed)


class Command(BaseCommand):
    help = (
        "Recompute the stored scores (snapshot and score lines) of every submitted "
        "assessment from its answers, after a framework pack fix; --dry-run only reports."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, change nothing"
        )
        parser.add_argument("--framework", help="only this framework's code")
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, dry_run=False, framework=None, batch_size=200, verbosity=1, **opts):
        with system():
            snapshots = ScoreSnapshot.objects.filter(
                is_current=True, assessment__status=Assessment.Status.SUBMITTED
            )
            if framework:
                snapshots = snapshots.filter(framework_version__framework__code=framework)
            checked = changed = 0
            largest = 0.0
            last = 0
            while True:
                # Keyset batches: memory stays flat whatever the number of snapshots.
                batch = list(
                    snapshots.filter(pk__gt=last)
                    .select_related("assessment__framework_version__framework")
                    .order_by("pk")[:batch_size]
                )
                if not batch:
                    break
                last = batch[-1].pk
                with transaction.atomic():
                    for difference in self._rescore(batch, dry_run):
                        changed += 1
                        largest = max(largest, difference)
                checked += len(batch)
            if changed and not dry_run and REBUILD_COMMAND in get_commands():
                call_command(REBUILD_COMMAND, verbosity=0)
        if verbosity:
            verb = "would change" if dry_run else "changed"
            shown = "a score appeared or disappeared" if math.isinf(largest) else f"{largest:.2f}"
            self.stdout.write(
                f"{checked} submitted assessments checked; the stored scores of {changed} "
                f"{verb}; largest overall difference: {shown} points."
            )

    def _rescore(self, batch, dry_run):
        """The overall score difference of each snapshot of the batch that differs
        from its recomputation (stored again unless `dry_run`)."""
        answers: dict[int, dict] = {snapshot.assessment_id: {} for snapshot in batch}
        for answer in Answer.objects.filter(assessment_id__in=answers):
            answers[answer.assessment_id][answer.question_code] = answer.to_engine()
        stored: dict[int, dict] = {snapshot.pk: {} for snapshot in batch}
        for line in ScoreLine.objects.filter(snapshot__in=batch):
            stored[line.snapshot_id][(line.level, line.code)] = line
        for snapshot in batch:
            fields, lines = services.snapshot_figures(
                snapshot.assessment, answers[snapshot.assessment_id]
            )
            computed = {(line.level, line.code): line for line in lines}
            old = stored[snapshot.pk]
            changed_fields = [
                name for name in SNAPSHOT_FIELDS if _differ(getattr(snapshot, name), fields[name])
            ]
            updated = [
                line
                for key, line in old.items()
                if key in computed
                and any(_differ(getattr(line, f), getattr(computed[key], f)) for f in LINE_FIELDS)
            ]
            added = [line for key, line in computed.items() if key not in old]
            removed = [line.pk for key, line in old.items() if key not in computed]
            if not (changed_fields or updated or added or removed):
                continue
            difference = _overall_difference(snapshot.overall, fields["overall"])
            if not dry_run:
                self._store(snapshot, fields, changed_fields, computed, updated, added, removed)
            yield difference

    @staticmethod
    def _store(snapshot, fields, changed_fields, computed, updated, added, removed):
        for field in changed_fields:
            setattr(snapshot, field, fields[field])
        if changed_fields:
            snapshot.save(update_fields=changed_fields)
        for line in updated:
            for field in LINE_FIELDS:
                setattr(line, field, getattr(computed[(line.level, line.code)], field))
        ScoreLine.objects.bulk_update(updated, LINE_FIELDS)
        for line in added:
            line.snapshot = snapshot
        ScoreLine.objects.bulk_create(added)
        ScoreLine.objects.filter(pk__in=removed).delete()
