"""A content manager writes, schedules, publishes and reverts a guide in the admin.

Everything happens through the admin's own pages in Chromium: the role admin,
the guide form (prepopulated slug, select2 autocompletes, the htmx Markdown
preview, filter_horizontal, inlines), the changelist action and the history.
Visitors, in a separate browser context, only ever see what is live.

CSP: every page, the admin's included, must load without a refusal. axe: the
public pages must pass; on the guide change form the app's own Markdown editor
must pass, while violations in Django's own admin markup are reported as
warnings (they are Django's to fix, not ours), see ``_audit_change_form``.
"""

import datetime as dt
import re
import warnings

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from guides.models import ComparisonRow, Guide, Role, SalaryBand, Tag
from publishing.importer import import_content
from tests.e2e.guide_data import (
    GUIDE_TITLES,
    axe_violations,
    describe,
    result_titles,
    signed_in,
)
from tests.e2e.helpers import assert_accessible, visit, watch_csp
from tests.factories import StaffFactory

ROLE_A, ROLE_B = "Analytics Engineer", "Data Engineer"
TITLE = "Analytics Engineer vs Data Engineer (2026): models or pipelines"
SLUG = "analytics-engineer-vs-data-engineer-2026-models-or-pipelines"
NEW_TITLE = "Analytics Engineer or Data Engineer? Models, pipelines and pay"
SUMMARY = "Two data roles that share a warehouse but not a job description."
BODY = (
    "## Daily work\n\n"
    "Analytics engineers **model** data for analysts; data engineers move it.\n\n"
    "### Tools\n\n"
    "- dbt\n- Airflow\n"
)


@pytest.fixture
def content_manager(transactional_db):
    import_content()
    return StaffFactory(group="Content managers", name="Casey Content")


class Visitor:
    """An anonymous reader in a browser context of their own."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.csp_violations = watch_csp(self.page)
        self.base_url = base_url

    def status_of(self, path: str) -> int:
        response = self.page.goto(self.base_url + path)
        assert response is not None
        return response.status

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visitor(browser: Browser, live_server):
    visitor = Visitor(browser, live_server.url)
    yield visitor
    visitor.close()


def _messages(page: Page):
    return page.locator("ul.messagelist")


def _save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue editing").first.click()


def _choose_autocomplete(page: Page, field_id: str, typed: str, option: str) -> None:
    """Pick ``option`` in the admin's select2 autocomplete for ``field_id``."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.press_sequentially(typed, delay=20)
    page.locator(".select2-results__option", has_text=option).click()
    expect(page.locator(f"#select2-{field_id}-container")).to_have_text(option)


def _create_roles(page: Page, base: str) -> None:
    page.goto(base + "/admin/guides/role/add/")
    for name, button in [(ROLE_A, "Save and add another"), (ROLE_B, "Save")]:
        page.get_by_label("Name").press_sequentially(name, delay=10)
        # Prepopulated from the name by the admin's prepopulate.js.
        expect(page.get_by_label("Slug")).to_have_value(name.lower().replace(" ", "-"))
        page.get_by_label("Summary").fill(f"What an {name} does.")
        page.get_by_role("button", name=button, exact=True).click()
        expect(_messages(page)).to_contain_text(
            f"The role “{name}” was added successfully."
        )
    expect(page).to_have_url(base + "/admin/guides/role/")
    assert set(
        Role.objects.filter(name__in=[ROLE_A, ROLE_B]).values_list("slug", flat=True)
    ) == {"analytics-engineer", "data-engineer"}


def _audit_change_form(page: Page) -> None:
    """axe on the guide form: the app's editor must pass; Django's is reported."""
    editor = axe_violations(page, context=".md-editor")
    assert not editor, describe(editor)
    everywhere = axe_violations(page)
    if everywhere:
        warnings.warn(
            "axe on the admin guide form (Django's markup):\n" + describe(everywhere),
            stacklevel=2,
        )


def _fill_new_guide(page: Page) -> None:
    page.get_by_label("Title").press_sequentially(TITLE, delay=5)
    expect(page.get_by_label("Slug")).to_have_value(SLUG)
    page.get_by_label("Summary").fill(SUMMARY)
    _choose_autocomplete(page, "id_role_a", "Analyt", ROLE_A)
    _choose_autocomplete(page, "id_role_b", "Data Eng", ROLE_B)
    expect(page.get_by_label("Status")).to_have_value(Guide.Status.DRAFT)

    # The live preview: typing in the body posts it (htmx) and shows the HTML.
    preview = page.locator("#id_body_preview")
    expect(preview).to_be_empty()
    with page.expect_response(
        lambda r: (
            r.url.endswith("/admin/guides/guide/preview/")
            and r.request.method == "POST"
            and r.request.headers.get("hx-request") == "true"
        )
    ) as preview_response:
        page.locator("#id_body").press_sequentially(BODY, delay=5)
    assert preview_response.value.ok
    expect(preview.get_by_role("heading", name="Daily work", level=2)).to_have_id(
        "daily-work"
    )
    expect(preview.get_by_role("heading", name="Tools", level=3)).to_be_visible()
    expect(preview.locator("strong")).to_have_text("model")
    expect(preview.get_by_role("listitem")).to_have_text(["dbt", "Airflow"])
    # Editing again replaces the preview rather than appending to it.
    page.locator("#id_body").press("End")
    page.locator("#id_body").press_sequentially("\n## Pay\n\nRoughly level.", delay=5)
    expect(preview.get_by_role("heading", level=2)).to_have_text(["Daily work", "Pay"])

    # filter_horizontal: move the "data" tag to the chosen box.
    page.locator("#id_tags_from").select_option(label="data")
    page.get_by_role("button", name="Choose selected tags").click()
    expect(page.locator("#id_tags_to option")).to_have_text(["data"])

    # Inlines: one comparison row, one salary band.
    page.get_by_role("button", name="Add another Comparison row").click()
    page.locator("#id_rows-0-order").fill("1")
    page.locator("#id_rows-0-dimension").fill("Core output")
    page.locator("#id_rows-0-text_a").fill("Tested, documented data models")
    page.locator("#id_rows-0-text_b").fill("Reliable pipelines and platforms")
    page.get_by_role("button", name="Add another Salary band").click()
    page.locator("#id_bands-0-role").select_option(label=ROLE_A)
    page.locator("#id_bands-0-level").select_option(label="Senior")
    page.locator("#id_bands-0-low").fill("140000")
    page.locator("#id_bands-0-high").fill("190000")


def _check_live_guide(page: Page, title: str) -> None:
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.locator(".preview-banner")).to_have_count(0)
    comparison = page.get_by_role("table", name=re.compile("compared"))
    expect(comparison.get_by_role("columnheader")).to_have_text(
        ["Dimension", ROLE_A, ROLE_B]
    )
    expect(
        comparison.get_by_role("row").filter(has_text="Core output")
    ).to_contain_text("Tested, documented data models")
    pay = page.get_by_role("table", name="Total compensation by level")
    expect(pay.get_by_role("row").filter(has_text="Senior")).to_contain_text(
        "$140K–$190K"
    )
    expect(
        page.get_by_role("img", name="Total compensation ranges by level")
    ).to_be_visible()
    toc = page.get_by_role("navigation", name="On this page")
    expect(toc.get_by_role("link")).to_have_text(
        ["At a glance", "Daily work", "Tools", "Pay", "Pay by level: the figures"]
    )


def test_content_manager_creates_schedules_publishes_and_reverts_a_guide(
    live_server, content_manager, page: Page, csp_violations, visitor: Visitor
):
    base = live_server.url
    signed_in(page, base, content_manager.email)

    # The admin index offers guides, not members.
    page.goto(base + "/admin/")
    expect(
        page.get_by_role("heading", name="Guides, members and coaching")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Guides", exact=True).first).to_be_visible()
    expect(page.get_by_role("link", name="Roles", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Users", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Groups", exact=True)).to_have_count(0)
    expect(page.locator("#content-main")).not_to_contain_text("Accounts")

    _create_roles(page, base)

    # The guide, written entirely in the admin form.
    page.goto(base + "/admin/guides/guide/add/")
    expect(page.get_by_role("heading", name="Add guide")).to_be_visible()
    _fill_new_guide(page)
    _audit_change_form(page)
    _save_and_continue(page)
    expect(_messages(page)).to_contain_text(
        f"The guide “{TITLE}” was added successfully"
    )
    guide = Guide.objects.get(slug=SLUG)
    assert (guide.title, guide.summary, guide.status) == (
        TITLE,
        SUMMARY,
        Guide.Status.DRAFT,
    )
    assert (guide.role_a.name, guide.role_b.name) == (ROLE_A, ROLE_B)
    assert guide.body.replace("\r\n", "\n").startswith(BODY)
    assert list(guide.tags.values_list("slug", flat=True)) == ["data"]
    assert list(
        ComparisonRow.objects.filter(guide=guide).values_list("dimension", flat=True)
    ) == ["Core output"]
    band = SalaryBand.objects.get(guide=guide)
    assert (band.role.name, band.level, band.low, band.high) == (
        ROLE_A,
        "senior",
        140_000,
        190_000,
    )
    expect(page).to_have_url(f"{base}/admin/guides/guide/{guide.pk}/change/")
    # The saved body is rendered into the preview on load, without a request.
    expect(page.locator("#id_body_preview h2")).to_have_text(["Daily work", "Pay"])
    # Role admin, guide form with select2, htmx, filter_horizontal and inlines.
    assert csp_violations == []

    # The editor previews the draft on the site; visitors get a 404.
    page.get_by_role("link", name="View on site").first.click()
    expect(page).to_have_url(f"{base}/guides/{SLUG}/")
    banner = page.get_by_role("note")
    expect(banner).to_contain_text("Preview.")
    expect(banner).to_contain_text("This guide is a draft: only editors can see it.")
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    assert_accessible(page)
    assert visitor.status_of(f"/guides/{SLUG}/") == 404
    assert_accessible(visitor.page)
    visit(visitor.page, base + "/guides/")
    assert TITLE not in result_titles(visitor.page)

    # Scheduled: Published, but for a time still to come.
    banner.get_by_role("link", name="Edit in the admin").click()
    expect(page).to_have_url(f"{base}/admin/guides/guide/{guide.pk}/change/")
    when = timezone.localtime() + dt.timedelta(days=3)
    page.get_by_label("Status").select_option(label="Published")
    page.locator("#id_publish_at_0").fill(when.strftime("%Y-%m-%d"))
    page.locator("#id_publish_at_1").fill("09:30:00")
    _save_and_continue(page)
    expect(_messages(page)).to_contain_text("was changed successfully")
    guide.refresh_from_db()
    assert guide.is_scheduled
    page.goto(f"{base}/guides/{SLUG}/")
    expect(page.get_by_role("note")).to_contain_text(
        f"This guide is scheduled for {when.day} {when:%B %Y}, 09:30"
    )
    assert_accessible(page)
    assert visitor.status_of(f"/guides/{SLUG}/") == 404
    visitor.page.goto(f"{base}/guides/?q=Analytics")
    expect(visitor.page.locator("#results-title")).to_contain_text("found for")
    assert TITLE not in result_titles(visitor.page)
    assert_accessible(visitor.page)

    # "Publish the selected guides now" from the changelist.
    page.goto(base + "/admin/guides/guide/")
    row = page.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Publish the selected guides now")
    page.get_by_role("button", name="Run").click()
    expect(_messages(page)).to_contain_text(
        "Published 1 guide(s); readers can see them now."
    )
    expect(
        page.get_by_role("row").filter(has_text=TITLE).locator("td.field-is_live img")
    ).to_have_attribute("alt", "True")
    guide.refresh_from_db()
    assert guide.is_live

    visit(visitor.page, base + "/guides/")
    assert sorted(result_titles(visitor.page)) == sorted([*GUIDE_TITLES, TITLE])
    visitor.page.locator("#results").get_by_role("link", name=TITLE).click()
    expect(visitor.page).to_have_url(f"{base}/guides/{SLUG}/")
    _check_live_guide(visitor.page, TITLE)
    assert_accessible(visitor.page)

    # A live guide changes through a draft: a new title, published with a
    # note, then back to the old one from the revisions.
    page.goto(f"{base}/admin/guides/guide/{guide.pk}/change/")
    page.get_by_role("button", name="Edit as a draft").click()
    draft = Guide.objects.get(draft_of=guide)
    expect(page).to_have_url(f"{base}/admin/guides/guide/{draft.pk}/change/")
    page.get_by_label("Title").fill(NEW_TITLE)
    _save_and_continue(page)
    expect(_messages(page)).to_contain_text("was changed successfully")
    visitor.page.goto(f"{base}/guides/{SLUG}/")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("link", name="Publish…").first.click()
    page.get_by_label("Change note for members").fill("A clearer title.")
    page.get_by_role("button", name="Publish").click()
    expect(_messages(page)).to_contain_text("Published as revision")
    visitor.page.goto(f"{base}/guides/{SLUG}/")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)

    history = page.locator("#revisions tbody tr")
    expect(history.first).to_contain_text("A clearer title.")
    expect(history.first).to_contain_text(content_manager.display_name)
    page.get_by_role("button", name="Compare the chosen revisions").click()
    expect(page.locator(".diff-fields")).to_contain_text(
        f"Title: '{TITLE}' → '{NEW_TITLE}'"
    )
    page.get_by_role("link", name="Back to the revisions").click()
    previous = history.nth(2).locator("th").inner_text()
    page.get_by_role("link", name=f"Revert to revision {previous}").click()
    page.get_by_role("button", name=f"Revert to revision {previous}").click()
    expect(_messages(page)).to_contain_text(f"Reverted to revision {previous}")
    guide.refresh_from_db()
    assert guide.title == TITLE
    assert guide.is_live
    assert list(guide.tags.all()) == [Tag.objects.get(slug="data")]

    visitor.page.goto(f"{base}/guides/{SLUG}/")
    _check_live_guide(visitor.page, TITLE)
    assert_accessible(visitor.page)
    visit(visitor.page, base + "/guides/?tag=data")
    assert TITLE in result_titles(visitor.page)

    assert csp_violations == []
    assert visitor.csp_violations == []
