from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guides.models import Guide
from pages.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_demo_accounts
from plans.seed import DEMO_GUIDE_SLUG, seed_demo_journey


class Command(BaseCommand):
    help = (
        "Add the demo accounts and the demo member's assessment and plan. "
        "Idempotent: creates only what is missing. Refuses to run when DEBUG is "
        "off. Guides come from import_content, which runs first."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to seed demo accounts with DEBUG off: they have public "
                "passwords. Set DJANGO_DEBUG=1 for a local database."
            )
        if not Guide.objects.filter(slug=DEMO_GUIDE_SLUG).exists():
            raise CommandError(
                "The guides are not loaded yet: run `manage.py import_content` "
                "first (`make run` does both)."
            )
        with transaction.atomic():
            accounts = seed_demo_accounts()
            member = next(u for a, u, _ in accounts if a.kind == "member")
            content = seed_demo_journey(member)
        made = ", ".join(f"{n} {what}" for what, n in content.items() if n)
        self.stdout.write(f"Demo data created: {made or 'nothing new'}.")
        self.stdout.write("Demo accounts (local use only):")
        for account, _user, created in accounts:
            state = "created" if created else "already there"
            self.stdout.write(
                f"  {account.kind:<16} {account.email:<26} password: {DEMO_PASSWORD}"
                f"  ({state})"
            )
        self.stdout.write(
            "Staff sign in with a second factor: add this secret to an "
            f"authenticator app (time-based, 6 digits): {DEMO_TOTP_SECRET}"
        )
