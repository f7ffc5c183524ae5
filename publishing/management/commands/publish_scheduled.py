from django.core.management.base import BaseCommand

from publishing.revisions import publish_due


class Command(BaseCommand):
    help = (
        "Publish the guide drafts whose scheduled time has come. Safe to repeat; "
        "run it every few minutes, e.g. cron: */5 * * * *"
    )

    def handle(self, *args, **options) -> None:
        published = publish_due()
        for revision in published:
            self.stdout.write(
                f"guide {revision.guide.slug}: published as revision {revision.number}"
            )
        self.stdout.write(f"Done: {len(published)} published.")
