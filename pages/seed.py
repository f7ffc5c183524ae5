"""Demo accounts for local use (never on a production server)."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from accounts.models import User
from config.vocabulary import Level, StaffRole
from guides.models import Role

DEMO_PASSWORD = "crossroads-demo-2026"
# Staff sign in with a second factor; the demo staff share this authenticator
# secret so it can be added to any authenticator app (local use only).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPCROSSROADSDEMO22"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    kind: str
    staff: bool = False
    superuser: bool = False
    group: str = ""


DEMO_ACCOUNTS = [
    DemoAccount(
        "coach@crossroads.test", "Colin Coach", "coach", True, False, StaffRole.COACH
    ),
    DemoAccount(
        "editor@crossroads.test", "Erin Editor", "content manager", True, False,
        StaffRole.CONTENT_MANAGER,
    ),
    DemoAccount("admin@crossroads.test", "Ada Admin", "superuser", True, True),
    DemoAccount("member@crossroads.test", "Maya Member", "member"),
]  # fmt: skip


def seed_demo_accounts() -> list[tuple[DemoAccount, User, bool]]:
    """Create the demo accounts that are missing; existing ones are left alone."""
    results = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        created = user is None
        if created:
            user = User.objects.create_user(
                email=account.email,
                password=DEMO_PASSWORD,
                name=account.name,
                is_staff=account.staff,
                is_superuser=account.superuser,
            )
            if account.group:
                user.groups.add(Group.objects.get(name=account.group))
            if account.kind == "member":
                user.coach = User.objects.filter(email="coach@crossroads.test").first()
                user.current_role = Role.objects.filter(slug="data-scientist").first()
                user.level = Level.MID
                user.target_market = "US tech companies"
                user.save()
        if (
            account.staff
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
        EmailAddress.objects.get_or_create(
            user=user,
            email=account.email,
            defaults={"verified": True, "primary": True},
        )
        results.append((account, user, created))
    return results
