from levier.events.reminders import send_event_reminders
from levier.lib.task_command import TaskCommand


class Command(TaskCommand):
    help = (
        "Queue reminder emails for events starting within 48 hours (run it hourly or daily, "
        "e.g. from cron; `manage.py db_worker` sends them). --now sends them at once."
    )
    task = send_event_reminders
    what = "reminder"
