"""Background work of impact finance."""

from django_tasks import task

from levier.finance import session_emails


@task()
def send_follow_up_requests() -> int:
    """Ask the people of each session that ended yesterday for the follow-ups
    they have not given; returns how many emails were queued. Safe to run as
    often as one likes: each session is asked once."""
    return sum(
        session_emails.request_follow_ups(session)
        for session in session_emails.sessions_awaiting_follow_ups()
    )
