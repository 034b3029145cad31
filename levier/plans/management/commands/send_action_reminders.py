from levier.lib.task_command import TaskCommand
from levier.plans.reminders import send_action_digests


class Command(TaskCommand):
    help = (
        "Queue today's digest emails to action owners (run it each weekday morning, "
        "e.g. from cron; `manage.py db_worker` sends them). --now sends them at once."
    )
    task = send_action_digests
    what = "digest"
