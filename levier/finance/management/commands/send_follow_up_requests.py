from levier.finance.tasks import send_follow_up_requests
from levier.lib.task_command import TaskCommand


class Command(TaskCommand):
    help = (
        "Ask the people who had meetings at a 'projects meet funders' session, the day after "
        "it, for the follow-ups they have not given (run it daily from cron; `manage.py "
        "db_worker` sends them). --now sends them at once."
    )
    task = send_follow_up_requests
    what = "follow-up request"
