"""Measured practice gains follow what they are computed from, in a task run
once the changing transaction commits (docs/adr/0030-measured-practice-gains.md):
an organisation's refresh reads only its own assessments, then recounts its
network's figures from small rows, off the request that submitted or adopted."""

from functools import partial

from django.db import transaction
from django_tasks import task

from levier.practices import gains
from levier.tenancy.scope import system


@task()
def refresh_member_gains(organisation_id: int) -> None:
    with system():  # acts for nobody: anonymous figures of the whole network
        gains.refresh_organisation(organisation_id)


def after_commit(organisation_id: int) -> None:
    """Queue the refresh of an organisation's gains once the transaction commits."""
    transaction.on_commit(partial(refresh_member_gains.enqueue, organisation_id), robust=True)
