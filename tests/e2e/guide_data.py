"""Shared steps for the guide journeys: seeded content, signing in, CSP watch."""

import re

from playwright.sync_api import Page, expect

from guides.seed_data import GUIDES, MAIN_GUIDE_SLUG
from tests.e2e.helpers import visit
from tests.factories import PASSWORD

MAIN_GUIDE = next(g for g in GUIDES if g["slug"] == MAIN_GUIDE_SLUG)
MAIN_TITLE = MAIN_GUIDE["title"]
GUIDE_TITLES = [g["title"] for g in GUIDES]


def watch_csp(page: Page) -> list[str]:
    """Console messages in which the browser reports a CSP refusal."""
    found: list[str] = []
    page.on(
        "console",
        lambda msg: (
            found.append(msg.text)
            if "Content Security Policy" in msg.text
            or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    return found


def sign_in(page: Page, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through allauth's form and wait until the session exists."""
    visit(page, base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile(r"^sign in$", re.I)).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def result_titles(page: Page) -> list[str]:
    """Titles of the guide cards inside #results, in order."""
    return page.locator("#results .guide-card__title").all_inner_texts()
