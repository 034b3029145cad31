"""Measured practice gains follow what they are computed from, in a task run
once the changing transaction commits (docs/adr/0030-measured-practice-gains.md):
an organisation's refresh reads only its own assessments, then recounts its
network's figures from small rows, off the request that submitted or adopted."""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django_tasks import task

from levier.practices import gains
from levier.tenancy.scope import system

# The refresh waiting for the current transaction to commit, kept on its
# connection: one refresh per organisation however many of its rows it wrote.
WAITING = "_practice_gains_waiting"


@task()
def refresh_member_gains(organisation_id: int) -> None:
    with system():  # acts for nobody: anonymous figures of the whole network
        gains.refresh_organisation(organisation_id)


class _Refreshes:
    """The organisations one transaction changed, refreshed once it commits."""

    def __init__(self):
        self.organisations: set[int] = set()
        self.ran = False

    def __call__(self) -> None:
        self.ran = True
        for organisation_id in sorted(self.organisations):
            refresh_member_gains.enqueue(organisation_id)


def after_commit(organisation_id: int) -> None:
    """Queue the refresh of an organisation's gains once the transaction commits."""
    # The database connection of this thread (the mail server is never
    # reached from here: emails go through the outbox).
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        refresh_member_gains.enqueue(organisation_id)
        return
    waiting = getattr(connection, WAITING, None)
    registered = any(func is waiting for _sids, func, _robust in connection.run_on_commit)
    if waiting is None or waiting.ran or not registered:
        # None yet, already run, or dropped with a rolled-back block: a new one.
        waiting = _Refreshes()
        setattr(connection, WAITING, waiting)
        transaction.on_commit(waiting, robust=True)
    waiting.organisations.add(organisation_id)
