"""Run things at the same moment, each in its own thread and database
connection, as concurrent requests or workers would (PostgreSQL only:
SQLite serialises every writer, so it cannot show a race)."""

import threading

import pytest
from django.db import connection, connections

from levier.tenancy.scope import system

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
)


def at_once(calls, *, timeout=30) -> list:
    """Start every ``call`` (a function of no argument) together; their
    results, in order. A thread has no scope of its own: each runs as the
    system, like a worker; a test client's requests set their own."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            with system():
                results[index] = call()
        except Exception as error:  # reported by the caller's assertion
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not errors, errors
    return results
