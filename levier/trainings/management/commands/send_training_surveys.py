from levier.lib.task_command import TaskCommand
from levier.trainings.tasks import send_training_surveys


class Command(TaskCommand):
    help = (
        "Queue the satisfaction questionnaire to the participants of trainings whose last "
        "session ended within two weeks (run it with send_event_reminders, e.g. hourly from "
        "cron; `manage.py db_worker` sends them). --now sends them at once."
    )
    task = send_training_surveys
    what = "questionnaire"
