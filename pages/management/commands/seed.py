from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.seed import seed_assessments
from guides.seed import seed_guides
from market.services import load_all_signals
from pages.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_demo_accounts
from plans.seed import seed_demo_journey, seed_plans


class Command(BaseCommand):
    help = (
        "Load the demo content and accounts. Idempotent: creates only what is "
        "missing. Refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to seed demo accounts with DEBUG off: they have public "
                "passwords. Set DJANGO_DEBUG=1 for a local database."
            )
        with transaction.atomic():
            content = seed_guides() + seed_assessments() + seed_plans()
            content += load_all_signals()
            accounts = seed_demo_accounts()
            member = next(u for a, u, _ in accounts if a.kind == "member")
            content += seed_demo_journey(member)
        made = ", ".join(f"{n} {what}" for what, n in content.items() if n)
        self.stdout.write(f"Content created: {made or 'nothing new'}.")
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
