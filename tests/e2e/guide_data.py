"""Shared data and steps for the guide journeys."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.content_data import GUIDES, MAIN_GUIDE, MAIN_GUIDE_SLUG
from tests.e2e import helpers

MAIN_TITLE = MAIN_GUIDE["title"]
GUIDE_TITLES = [g["title"] for g in GUIDES.values()]
__all__ = ["MAIN_GUIDE", "MAIN_GUIDE_SLUG"]

_axe = Axe()


def signed_in(page: Page, base_url: str, email: str) -> None:
    """``helpers.sign_in``, then check the session really exists."""
    helpers.sign_in(page, base_url, email)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def result_titles(page: Page) -> list[str]:
    """Titles of the guide cards inside #results, in order."""
    return page.locator("#results .guide-card__title").all_inner_texts()


def axe_violations(page: Page, context: str | None = None) -> list[dict]:
    """axe's violations on a page with JavaScript on, optionally within ``context``."""
    return _axe.run(page, context=context).response["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )
