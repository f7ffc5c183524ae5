from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from publishing.content import ContentError
from publishing.importer import import_content


class Command(BaseCommand):
    help = (
        "Create or update roles and guides (with their questions, fit statements, "
        "plan templates and learning resources) from the files in content/. "
        "Safe to repeat and to run in production. A guide edited in the admin "
        "since its last import is reported and left alone unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            help="Guide files (.md) or folders; all of content/guides/ by default.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would change and write nothing.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite fields edited in the admin since the last import.",
        )

    def handle(self, *args, paths, dry_run, force, **options) -> None:
        try:
            report = import_content(paths=paths, dry_run=dry_run, force=force)
        except ContentError as error:
            raise CommandError(
                "Nothing was imported; fix these problems first:\n"
                + "\n".join(f"  {problem}" for problem in error.problems)
            ) from None
        would = "would be " if dry_run else ""
        for slug in report.roles:
            self.stdout.write(f"role {slug}: {would}created")
        for outcome in report.guides:
            if outcome.action == "conflict":
                self.stderr.write(
                    f"guide {outcome.slug}: conflict, left as it is. Edited in the "
                    f"admin since the last import: {', '.join(outcome.conflicts)}. "
                    "Bring the file up to date, or rerun with --force to overwrite."
                )
            elif outcome.action == "unchanged":
                self.stdout.write(f"guide {outcome.slug}: unchanged")
            else:
                self.stdout.write(f"guide {outcome.slug}: {would}{outcome.action}")
                if outcome.conflicts:
                    self.stdout.write(
                        f"  overwriting edits made in the admin: "
                        f"{', '.join(outcome.conflicts)}"
                    )
            for detail in outcome.details:
                self.stdout.write(f"  {detail}")
        if report.signals:
            made = ", ".join(f"{n} {what}" for what, n in report.signals.items())
            self.stdout.write(f"market signals: {made}")
        counts = {}
        for outcome in report.guides:
            counts[outcome.action] = counts.get(outcome.action, 0) + 1
        summary = ", ".join(f"{n} {action}" for action, n in counts.items())
        self.stdout.write(
            f"{'Dry run, nothing written' if dry_run else 'Done'}: "
            f"{summary or 'no guides'}."
        )
