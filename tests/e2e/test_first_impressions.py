"""What a new member meets first, in the browser with the development settings.

With debug on (as ``make run`` serves the site) an htmx form's validation
errors must still show in place, inside the page's own layout, and the tab
title must follow the assessment step that htmx swapped in.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Assessment
from plans.seed import DEMO_GUIDE_SLUG as GUIDE_SLUG
from publishing.importer import import_content
from tests.content_data import QUESTIONS
from tests.e2e.helpers import assert_accessible, sign_in, watch_csp
from tests.factories import UserFactory

TOTAL = len(QUESTIONS)
START_PATH = f"/guides/{GUIDE_SLUG}/assessment/"


@pytest.fixture
def debug_on(settings):
    """The development settings' debug mode, read at each request."""
    settings.DEBUG = True
    return settings


@pytest.fixture
def seeded(transactional_db) -> None:
    import_content()


def _assert_site_layout(page: Page) -> None:
    """The page kept its header, navigation, footer and stylesheet."""
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.locator("footer.site-footer")).to_be_visible()
    assert page.evaluate("document.styleSheets.length") >= 1
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_assessment_step_error_stays_in_place_with_debug_on(
    page: Page, live_server, debug_on, seeded
) -> None:
    problems = watch_csp(page)
    member = UserFactory()
    sign_in(page, live_server.url, member.email)
    page.goto(live_server.url + START_PATH)
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator("#progress-label")).to_have_text(f"Question 1 of {TOTAL}")
    page.evaluate("window.__marker = 'same-document'")
    statuses: list[int] = []
    page.on(
        "response",
        lambda r: statuses.append(r.status) if r.request.method == "POST" else None,
    )

    page.get_by_role("button", name="Next question").click()
    expect(page.locator("#option-errors")).to_have_text(
        "Choose one answer to continue."
    )
    assert statuses == [400]
    assert page.evaluate("window.__marker") == "same-document"
    _assert_site_layout(page)
    expect(page.locator("#assessment-step")).to_have_count(1)
    assert_accessible(page)
    assert problems == []


def test_tab_title_follows_the_assessment_step(page: Page, live_server, seeded) -> None:
    problems = watch_csp(page)
    member = UserFactory()
    sign_in(page, live_server.url, member.email)
    page.goto(live_server.url + START_PATH)
    page.get_by_role("button", name="Start the assessment").click()
    expect(page).to_have_title(re.compile(rf"^Question 1 of {TOTAL} · "))
    for number in range(1, TOTAL + 1):
        step = page.locator("#assessment-step")
        expect(step.locator("#progress-label")).to_have_text(
            f"Question {number} of {TOTAL}"
        )
        step.get_by_role("radio").first.check()
        button = "Next: what you enjoy" if number == TOTAL else "Next question"
        step.get_by_role("button", name=button).click()
        if number < TOTAL:
            expect(page).to_have_title(
                re.compile(rf"^Question {number + 1} of {TOTAL} · ")
            )
    expect(page).to_have_title(re.compile(r"^What you enjoy · "))
    # Back goes through htmx too, and the title follows it.
    page.locator("#assessment-step").get_by_role("link", name="Back").click()
    expect(page).to_have_title(re.compile(rf"^Question {TOTAL} of {TOTAL} · "))
    # Exactly one <title>, in the head.
    assert page.evaluate("document.querySelectorAll('title').length") == 1
    assert problems == []


def test_htmx_error_answer_with_debug_on_keeps_the_page_and_its_csp(
    page: Page, live_server, debug_on, seeded
) -> None:
    """An htmx request that meets Django's debug 404 page must not swap that
    page (and its inline styles, refused by our CSP) into the document."""
    problems = watch_csp(page)
    member = UserFactory()
    sign_in(page, live_server.url, member.email)
    page.goto(live_server.url + START_PATH)
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator("#progress-label")).to_have_text(f"Question 1 of {TOTAL}")
    Assessment.objects.filter(member=member).delete()
    statuses: list[int] = []
    page.on(
        "response",
        lambda r: statuses.append(r.status) if r.request.method == "POST" else None,
    )
    page.locator("#assessment-step").get_by_role("radio").first.check()
    page.get_by_role("button", name="Next question").click()
    page.wait_for_timeout(500)
    assert statuses == [404]
    expect(page).to_have_title(re.compile(rf"^Question 1 of {TOTAL} · "))
    _assert_site_layout(page)
    assert [p for p in problems if "Content Security Policy" in p] == []
