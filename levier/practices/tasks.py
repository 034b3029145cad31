"""Measured practice gains follow what they are computed from, in a task run
once the changing transaction commits (docs/adr/0030-measured-practice-gains.md):
an organisation's refresh reads only its own assessments, then recounts its
network's figures from small rows, off the request that submitted or adopted."""

from django.db import transaction
from django_tasks import task

from levier.practices import gains
from levier.tenancy.scope import system

# The organisations a transaction changed, kept on its connection: one refresh
# each when it commits, however many of their rows it wrote.
PENDING = "_practice_gains_pending"


@task()
def refresh_member_gains(organisation_id: int) -> None:
    with system():  # acts for nobody: anonymous figures of the whole network
        gains.refresh_organisation(organisation_id)


def after_commit(organisation_id: int) -> None:
    """Queue the refresh of an organisation's gains once the transaction commits."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        refresh_member_gains.enqueue(organisation_id)
        return
    waiting = any(func is _flush for _sids, func, _robust in connection.run_on_commit)
    if not waiting:
        # A rolled-back transaction dropped its callback: start afresh.
        setattr(connection, PENDING, set())
        transaction.on_commit(_flush, robust=True)
    getattr(connection, PENDING).add(organisation_id)


def _flush() -> None:
    connection = transaction.get_connection()
    pending = sorted(getattr(connection, PENDING, ()))
    setattr(connection, PENDING, set())
    for organisation_id in pending:
        refresh_member_gains.enqueue(organisation_id)
