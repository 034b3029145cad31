from levier.lib.task_command import TaskCommand
from levier.mission.reminders import send_mission_reminders


class Command(TaskCommand):
    help = (
        "Queue today's reminders of the sociétés à mission: the independent verifier's "
        "deadline and the committee's annual report to the organisations' admins, the "
        "indicators to measure to their responsible (run it each morning, e.g. from cron; "
        "`manage.py db_worker` sends them). --now sends them at once."
    )
    task = send_mission_reminders
    what = "reminder"
