"""Work retried with back-off through the task queue (the email outbox,
webhook deliveries): one task per row, deferred when the backend can defer,
and a sweep of the rows whose attempt is due for when it cannot."""

from collections.abc import Callable, Iterable


def enqueue(task, row_id: int, at=None) -> None:
    """Queue ``task`` for one row, at ``at`` when the task backend can defer
    tasks (the database backend can; the immediate one of the tests cannot:
    there the cron sweep does the retries)."""
    if at is None:
        task.enqueue(row_id)
    elif task.get_backend().supports_defer:
        task.using(run_after=at).enqueue(row_id)


def sweep(row_ids: Iterable[int], attempt: Callable, statuses: Iterable) -> dict[str, int]:
    """Attempt every due row now; how many ended in each status."""
    outcome = dict.fromkeys(statuses, 0)
    for row_id in row_ids:
        status = attempt(row_id)
        if status is not None:
            outcome[status] += 1
    return {str(status): count for status, count in outcome.items()}
