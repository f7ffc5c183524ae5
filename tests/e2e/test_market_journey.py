"""The market check in the browser, with JavaScript on and off.

Paste postings, read the verdicts, save the check, carry it into an
assessment and see question 5 pre-selected with its note. axe runs on every
page reached, and no CSP violation may be reported.
"""

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Assessment
from guides.models import Guide
from market.models import MarketCheck
from publishing.importer import import_content
from tests.content_data import MAIN_GUIDE_SLUG as GUIDE_SLUG
from tests.e2e.helpers import assert_accessible, sign_in, visit, watch_csp
from tests.factories import UserFactory

POSTINGS = [
    "Data Scientist, Recommendations\nYou will own model serving, reduce inference "
    "latency, keep the training pipeline healthy and join the on-call rotation.",
    "Machine Learning Engineer, Search\nShip ranking models to production, watch "
    "monitoring dashboards for drift, and lead system design reviews.",
    "Product Analyst\nDesign A/B tests, choose product metrics and present "
    "insights to stakeholders. <b>Bold</b> claims need statistics.",
]


@pytest.fixture
def member(transactional_db):
    import_content()  # the guides, their questions and the market signals
    assert Guide.objects.get(slug=GUIDE_SLUG).market_signals.exists()
    return UserFactory()


def journey(page: Page, base_url: str, member) -> None:
    csp = watch_csp(page)
    sign_in(page, base_url, member.email)
    visit(page, base_url + "/")
    page.get_by_role("link", name="Market check: which role").click()
    expect(page.get_by_role("heading", name="Market check", level=1)).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("Paste up to 20 postings of up to 20,000")).to_be_visible()
    # Empty input: a clear message and nothing lost.
    page.get_by_role("button", name="Check these postings").click()
    expect(page.get_by_text("Paste at least one job posting to check.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Job postings").fill("\n---\n".join(POSTINGS))
    page.get_by_role("button", name="Check these postings").click()
    verdicts = page.locator("[data-verdict]")
    expect(verdicts).to_have_count(3)
    assert [verdicts.nth(i).get_attribute("data-verdict") for i in range(3)] == [
        "mle", "mle", "ds"
    ]  # fmt: skip
    expect(page.get_by_text("Titled Data Scientist; the work described is ML "
                            "engineering.")).to_be_visible()  # fmt: skip
    expect(page.locator("#market-summary-text")).to_contain_text("Of your 3 postings")
    expect(page.locator("#market-answer")).to_contain_text(
        "More ML engineering than data science"
    )
    page.locator("#posting-3 summary").click()
    expect(page.locator("#posting-3 .posting-text")).to_contain_text("<b>Bold</b>")
    expect(page.locator("#posting-3 mark.hl--ds").first).to_be_visible()
    # The pasted text is still in the box.
    expect(page.get_by_label("Job postings")).to_have_value("\n---\n".join(POSTINGS))
    assert_accessible(page)
    page.get_by_role("button", name="Save this check").click()
    expect(page.get_by_text("Market check saved.")).to_be_visible()
    assert_accessible(page)
    saved = MarketCheck.objects.get(member=member)
    assert saved.posting_count == 3
    page.get_by_role("button", name="Use this in my next assessment").click()
    expect(page.get_by_text("is pre-selected from this check")).to_be_visible()
    assessment = Assessment.objects.get(member=member)
    # Answer questions 1 to 4, then question 5 shows the suggestion.
    for number in range(1, 5):
        expect(page.locator("#progress-label")).to_contain_text(f"Question {number} ")
        page.locator("input[name=option]").first.check()
        page.get_by_role("button", name="Next").click()
    expect(page.locator("#progress-label")).to_contain_text("Question 5 of 5")
    expect(page.locator("#suggestion-note")).to_contain_text(
        "Pre-selected from your market check of 3 postings"
    )
    checked = page.locator("input[name=option]:checked")
    expect(checked).to_have_count(1)
    option = assessment.suggested_option
    assert checked.get_attribute("value") == str(option.pk)
    assert option.position == 1
    assert_accessible(page)
    assert not csp, csp


def test_market_journey_with_javascript(page: Page, live_server, member):
    journey(page, live_server.url, member)


def test_market_journey_without_javascript(no_js_page: Page, live_server, member):
    journey(no_js_page, live_server.url, member)
