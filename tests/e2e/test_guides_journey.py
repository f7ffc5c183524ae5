"""A visitor finds and reads a guide: list, search, table of contents, tags.

The journey runs with JavaScript on (htmx searches as you type) and off (the
search is a plain GET form), and runs axe on every page it reaches.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Level
from guides.models import Guide
from publishing.importer import import_content
from tests.e2e.guide_data import (
    GUIDE_TITLES,
    MAIN_GUIDE,
    MAIN_GUIDE_SLUG,
    MAIN_TITLE,
    result_titles,
    signed_in,
)
from tests.e2e.helpers import assert_accessible, visit, watch_csp
from tests.factories import UserFactory

# With the content files, "scientist" matches three guides, the main one among them.
QUERY = "scientist"
QUERY_MATCHES = 3


@pytest.fixture
def guides(transactional_db) -> None:
    import_content()
    assert Guide.objects.published().count() == len(GUIDE_TITLES)


def _results_heading(page: Page):
    return page.locator("#results-title")


def _check_guide_page(page: Page) -> None:
    """The main guide's sections, as a reader sees them."""
    expect(page.get_by_role("heading", name=MAIN_TITLE, level=1)).to_be_visible()
    expect(page.locator(".preview-banner")).to_have_count(0)

    # Comparison table: one row per dimension, with both roles as columns.
    comparison = page.get_by_role("table", name=re.compile("compared"))
    expect(comparison.get_by_role("columnheader")).to_have_text(
        ["Dimension", "Data Scientist", "Machine Learning Engineer"]
    )
    expect(comparison.get_by_role("rowheader")).to_have_text(
        [row["dimension"] for row in MAIN_GUIDE["comparison"]]
    )

    # Pay: an SVG chart exposed as one image, and the same figures as a table.
    chart = page.get_by_role("img", name="Total compensation ranges by level")
    expect(chart).to_be_visible()
    assert chart.evaluate("el => el.tagName.toLowerCase()") == "svg"
    assert chart.locator("rect.range-chart__bar").count() == len(MAIN_GUIDE["bands"])
    pay = page.get_by_role("table", name="Total compensation by level")
    expect(pay.get_by_role("rowheader")).to_have_text(
        [label for _, label in Level.choices]
    )
    expect(
        pay.get_by_role("row").filter(has_text="Entry").get_by_role("cell")
    ).to_have_text(["$120K–$180K", "$135K–$200K"])
    # Each role's scope note stays in its own cell.
    expect(
        pay.get_by_role("row").filter(has_text="Principal").get_by_role("cell")
    ).to_have_text([
        "$400K–$800K+At top AI/FAANG companies",
        "$500K–$1M+At top AI/FAANG companies, in rare high-impact roles",
    ])  # fmt: skip
    expect(pay).not_to_contain_text("Your level")

    # Interview topics, one list per role.
    topics = page.locator("section[aria-labelledby=interview-topics]")
    expect(topics.get_by_role("heading", name="Interview topics")).to_be_visible()
    expect(topics.get_by_role("heading", name="Data Scientist loop")).to_be_visible()
    expect(topics.get_by_role("listitem").filter(has_text="SQL")).to_have_count(1)
    expect(
        topics.get_by_role("listitem").filter(has_text="ML system design")
    ).to_have_count(1)

    # Related guides, each a link to its page.
    related = page.locator("section[aria-labelledby=related-guides]")
    expect(related.locator(".guide-card")).to_have_count(len(MAIN_GUIDE["related"]))
    expect(
        related.get_by_role(
            "link", name=next(t for t in GUIDE_TITLES if "Staff Engineer" in t)
        )
    ).to_have_attribute("href", "/guides/principal-engineer-vs-staff-engineer-2026/")


def _jump_with_table_of_contents(page: Page, base_url: str) -> None:
    toc = page.get_by_role("navigation", name="On this page")
    # At a glance, the body's 20 h2/h3 headings, pay figures, topics, related.
    expect(toc.get_by_role("link")).to_have_count(1 + 20 + 3)
    toc.get_by_role("link", name="How the interviews differ").click()
    expect(page).to_have_url(
        f"{base_url}/guides/{MAIN_GUIDE_SLUG}/#how-the-interviews-differ"
    )
    heading = page.locator("#how-the-interviews-differ")
    expect(heading).to_have_text("How the interviews differ")
    assert heading.evaluate("el => el.tagName") == "H2"
    expect(heading).to_be_in_viewport()

    # The page's own sections are in the contents too.
    toc.get_by_role("link", name="Pay by level: the figures").click()
    expect(page).to_have_url(re.compile(r"#pay-figures$"))
    expect(page.locator("#pay-figures")).to_be_in_viewport()


def _filter_by_tag(page: Page, base_url: str) -> None:
    visit(page, base_url + "/guides/")
    tags = page.get_by_role("navigation", name="Filter by tag")
    expect(tags.get_by_role("link", name="All")).to_have_attribute(
        "aria-current", "true"
    )
    tags.get_by_role("link", name="leadership").click()
    expect(page).to_have_url(base_url + "/guides/?tag=leadership")
    expect(_results_heading(page)).to_have_text("2 guides found tagged leadership")
    assert sorted(result_titles(page)) == sorted(
        t for t in GUIDE_TITLES if "Staff Engineer" in t or "Data Analyst" in t
    )
    expect(tags.get_by_role("link", name="leadership")).to_have_attribute(
        "aria-current", "true"
    )
    expect(tags.get_by_role("link", name="All")).not_to_have_attribute(
        "aria-current", "true"
    )
    assert_accessible(page)


def test_visitor_searches_as_they_type_reads_a_guide_and_filters_by_tag(
    live_server, guides, page: Page, csp_violations
):
    base = live_server.url
    visit(page, base + "/guides/")
    expect(page.get_by_role("heading", name="Guides", level=1)).to_be_visible()
    expect(_results_heading(page)).to_have_text("All guides")
    assert sorted(result_titles(page)) == sorted(GUIDE_TITLES)

    # Search as you type: htmx swaps #results in place, the document stays.
    page.evaluate("() => { window.__sameDocument = true; }")
    requests: list[str] = []
    page.on(
        "request",
        lambda r: requests.append(r.url) if r.headers.get("hx-request") else None,
    )
    search = page.get_by_role("searchbox", name="Search guides")
    search.press_sequentially(QUERY, delay=20)
    expect(_results_heading(page)).to_have_text(
        f"{QUERY_MATCHES} guides found for “{QUERY}”"
    )
    expect(page).to_have_url(f"{base}/guides/?q={QUERY}")
    assert page.evaluate("() => window.__sameDocument") is True
    assert any(f"q={QUERY}" in url for url in requests)
    titles = result_titles(page)
    assert len(titles) == QUERY_MATCHES
    assert MAIN_TITLE in titles
    assert all("Data Scientist" in t for t in titles)
    expect(search).to_be_focused()
    assert_accessible(page)

    # Refining the query narrows the results again, still without a reload.
    search.press_sequentially(" analyst", delay=20)
    expect(_results_heading(page)).to_have_text(
        "2 guides found for “scientist analyst”"
    )
    # Ranked: the guide with both words in its title comes first.
    assert result_titles(page) == [
        next(t for t in GUIDE_TITLES if "Analyst" in t),
        MAIN_TITLE,
    ]
    # htmx pushes the request URL (spaces as %20, a form submit uses +).
    expect(page).to_have_url(f"{base}/guides/?q=scientist%20analyst")
    assert page.evaluate("() => window.__sameDocument") is True
    search.fill(QUERY)
    expect(_results_heading(page)).to_have_text(
        f"{QUERY_MATCHES} guides found for “{QUERY}”"
    )

    page.locator("#results").get_by_role("link", name=MAIN_TITLE).click()
    expect(page).to_have_url(f"{base}/guides/{MAIN_GUIDE_SLUG}/")
    _check_guide_page(page)
    assert_accessible(page)

    _jump_with_table_of_contents(page, base)
    assert_accessible(page)

    _filter_by_tag(page, base)

    assert csp_violations == []


def test_visitor_searches_without_javascript(live_server, guides, no_js_page: Page):
    page = no_js_page
    csp_violations = watch_csp(page)
    base = live_server.url
    visit(page, base + "/guides/")
    expect(_results_heading(page)).to_have_text("All guides")
    assert sorted(result_titles(page)) == sorted(GUIDE_TITLES)

    # The search is an ordinary GET form: Enter submits it.
    search = page.get_by_role("searchbox", name="Search guides")
    search.fill(QUERY)
    search.press("Enter")
    expect(page).to_have_url(f"{base}/guides/?q={QUERY}")
    expect(page).to_have_title(f"“{QUERY}” · Guides · Crossroads")
    expect(_results_heading(page)).to_have_text(
        f"{QUERY_MATCHES} guides found for “{QUERY}”"
    )
    expect(search).to_have_value(QUERY)
    assert MAIN_TITLE in result_titles(page)
    assert_accessible(page)

    # A search that matches nothing says so and suggests guides to start from.
    search.fill("zzqx nothing here")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{base}/guides/?q=zzqx+nothing+here")
    expect(_results_heading(page)).to_have_text(
        "0 guides found for “zzqx nothing here”"
    )
    expect(page.locator("#results")).to_contain_text("No guide matches that search")
    suggestions = result_titles(page)
    assert len(suggestions) == 3
    assert set(suggestions) <= set(GUIDE_TITLES)
    assert_accessible(page)

    # A result is a plain link to the guide page.
    search.fill(QUERY)
    search.press("Enter")
    page.locator("#results").get_by_role("link", name=MAIN_TITLE).click()
    expect(page).to_have_url(f"{base}/guides/{MAIN_GUIDE_SLUG}/")
    _check_guide_page(page)
    assert_accessible(page)
    _jump_with_table_of_contents(page, base)

    # Tag links carry the current query.
    visit(page, base + f"/guides/?q={QUERY}")
    page.get_by_role("navigation", name="Filter by tag").get_by_role(
        "link", name="leadership"
    ).click()
    expect(page).to_have_url(f"{base}/guides/?tag=leadership&q={QUERY}")
    expect(_results_heading(page)).to_have_text(
        f"1 guide found for “{QUERY}” tagged leadership"
    )
    assert result_titles(page) == [next(t for t in GUIDE_TITLES if "Analyst" in t)]
    assert_accessible(page)
    # Searching from a tagged page keeps the tag.
    page.get_by_role("searchbox", name="Search guides").fill("growth")
    page.get_by_role("searchbox", name="Search guides").press("Enter")
    expect(page).to_have_url(f"{base}/guides/?q=growth&tag=leadership")
    expect(_results_heading(page)).to_have_text(
        "1 guide found for “growth” tagged leadership"
    )

    _filter_by_tag(page, base)
    assert csp_violations == []


def test_senior_member_sees_their_level_in_pay_table(
    live_server, guides, page: Page, csp_violations
):
    member = UserFactory(level=Level.SENIOR)
    signed_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/guides/{MAIN_GUIDE_SLUG}/")
    assert_accessible(page)

    pay = page.get_by_role("table", name="Total compensation by level")
    highlighted = pay.locator("tr.is-you")
    expect(highlighted).to_have_count(1)
    expect(highlighted.get_by_role("rowheader")).to_have_text("Senior Your level")
    expect(pay.get_by_text("Your level")).to_have_count(1)
    chart = page.get_by_role("img", name="Total compensation ranges by level")
    expect(chart.locator(".range-chart__row--you")).to_contain_text("Senior")
    expect(chart.locator(".range-chart__you")).to_have_text("Your level")
    # The "set your level" hint is for members who have not.
    expect(page.get_by_text("to see your row highlighted")).to_have_count(0)
    assert csp_violations == []


def test_member_without_level_is_asked_to_set_it(
    live_server, guides, page: Page, csp_violations
):
    member = UserFactory()
    signed_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/guides/{MAIN_GUIDE_SLUG}/")
    assert_accessible(page)
    pay = page.get_by_role("table", name="Total compensation by level")
    expect(pay.locator("tr.is-you")).to_have_count(0)
    hint = page.locator(".pay .hint")
    expect(hint).to_have_text("Set your level to see your row highlighted.")
    hint.get_by_role("link", name="Set your level").click()
    expect(page).to_have_url(live_server.url + "/accounts/profile/")
    assert csp_violations == []


def test_tag_links_keep_the_query_after_search_as_you_type(
    live_server, guides, page: Page
):
    """Without JavaScript a tag link carries the query; with htmx it should too."""
    visit(page, live_server.url + "/guides/")
    page.get_by_role("searchbox", name="Search guides").press_sequentially(
        QUERY, delay=20
    )
    expect(_results_heading(page)).to_contain_text(f"for “{QUERY}”")
    page.get_by_role("navigation", name="Filter by tag").get_by_role(
        "link", name="leadership"
    ).click()
    expect(_results_heading(page)).to_have_text(
        f"1 guide found for “{QUERY}” tagged leadership", timeout=2000
    )
