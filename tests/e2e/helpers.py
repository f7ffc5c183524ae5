"""Shared steps for browser journeys."""

import re

from axe_playwright_python.sync_playwright import Axe
from django.core import mail

_axe = Axe()


def assert_accessible(page) -> None:
    """axe-core finds no violation on the current page."""
    results = _axe.run(page)
    violations = results.response["violations"]
    assert not violations, "\n".join(
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


def visit(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def confirmation_link(email_address: str) -> str:
    """The confirmation link from the last email sent to ``email_address``."""
    for message in reversed(mail.outbox):
        if email_address in message.to:
            match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
            if match:
                return match.group(0)
    raise AssertionError(f"No confirmation email for {email_address}")
