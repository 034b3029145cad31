from levier.lib.commands import SystemCommand
from levier.messaging import tasks
from levier.messaging.models import Campaign


class Command(SystemCommand):
    help = (
        "Queue the emails of every message to members still being sent (a worker that "
        "stopped mid-way left some): a safety net beside `manage.py db_worker`, for cron."
    )

    def handle(self, *args, **options):
        queued = 0
        for campaign_id in Campaign.objects.filter(status=Campaign.Status.SENDING).values_list(
            "pk", flat=True
        ):
            while True:
                done = tasks.queue_batch(campaign_id, schedule_next=False)
                queued += done
                if not Campaign.objects.filter(
                    pk=campaign_id, status=Campaign.Status.SENDING
                ).exists():
                    break
        self.stdout.write(f"{queued} email(s) queued.")
