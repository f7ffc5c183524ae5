from django.core.management.base import BaseCommand

from coaching.notifications import queue_reminders


class Command(BaseCommand):
    help = (
        "Queue one reminder email per member with milestones due in the next "
        "seven days or overdue. Safe to run more than once a day; meant for a "
        "daily cron job."
    )

    def handle(self, *args, **options) -> None:
        count = queue_reminders()
        self.stdout.write(f"Queued {count} reminder email{'s' if count != 1 else ''}.")
