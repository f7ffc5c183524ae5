"""A content manager drafts a change to a live guide, previews, publishes it
with a note and reverts it; a member whose plan the change concerns sees the
notice and adds the new milestones. Both with JavaScript on and off."""

import warnings

import pytest
from playwright.sync_api import Page, expect

from guides.models import Guide, SalaryBand
from plans.models import MilestoneTemplate, PlanTemplate
from publishing import revisions
from publishing.importer import import_content
from tests.e2e.guide_data import MAIN_GUIDE_SLUG, axe_violations, describe, signed_in
from tests.e2e.helpers import assert_accessible, sign_in_as, watch_csp
from tests.factories import StaffFactory, UserFactory, make_plan

NEW_TITLE = "Data Scientist or ML Engineer? A revised comparison"
NOTE = "Senior pay was checked against new offers."
STEP = "Ship a model behind an API"


@pytest.fixture
def main_guide(transactional_db) -> Guide:
    import_content()
    return Guide.objects.get(slug=MAIN_GUIDE_SLUG)


def _page(request, js: bool) -> Page:
    return request.getfixturevalue("page" if js else "no_js_page")


def _audit_admin(page: Page) -> None:
    """axe on our admin pages: the content must pass; Django's own frame
    (header, breadcrumbs) is reported as a warning, as for the guide form."""
    ours = axe_violations(page, context="#content-main")
    assert not ours, describe(ours)
    everywhere = axe_violations(page)
    if everywhere:
        warnings.warn("axe on an admin page:\n" + describe(everywhere), stacklevel=2)


def _audit(page: Page, js: bool) -> None:
    if js:
        _audit_admin(page)


def _band_index(page: Page, band: SalaryBand) -> str:
    name = page.locator(f"input[name^='bands-'][name$='-id'][value='{band.pk}']")
    return name.get_attribute("name").split("-")[1]


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_content_manager_drafts_previews_publishes_and_reverts(
    request, live_server, main_guide, browser, js
):
    page = _page(request, js)
    csp = watch_csp(page)
    base = live_server.url
    editor = StaffFactory(group="Content managers", name="Casey Content")
    signed_in(page, base, editor.email)
    old_title = main_guide.title
    senior = SalaryBand.objects.get(
        guide=main_guide, role=main_guide.role_a, level="senior"
    )
    old_high = senior.high

    # The live guide's own form is read-only: changes start a draft.
    page.goto(f"{base}/admin/guides/guide/{main_guide.pk}/change/")
    expect(page.locator("#live-note")).to_contain_text("This guide is live.")
    page.get_by_role("button", name="Edit as a draft").click()
    draft = Guide.objects.get(draft_of=main_guide)
    expect(page).to_have_url(f"{base}/admin/guides/guide/{draft.pk}/change/")
    expect(page.locator("#draft-note")).to_contain_text("Draft of the live guide")
    page.get_by_label("Title").fill(NEW_TITLE)
    draft_band = SalaryBand.objects.get(guide=draft, role=draft.role_a, level="senior")
    index = _band_index(page, draft_band)
    page.locator(f"#id_bands-{index}-high").fill(str(old_high + 25_000))
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator("ul.messagelist")).to_contain_text("Draft saved")

    # Readers still see the live guide.
    reader = browser.new_context().new_page()
    reader.goto(f"{base}/guides/{MAIN_GUIDE_SLUG}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(old_title)

    # The preview is the real guide page, with the draft's figures.
    page.get_by_role("link", name="Preview draft").first.click()
    expect(page).to_have_url(f"{base}/guides/{MAIN_GUIDE_SLUG}/preview/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(page.get_by_role("note")).to_contain_text("draft of a live guide")
    expect(page.locator("#pay-figures")).to_be_visible()
    assert_accessible(page)
    assert reader.goto(f"{base}/guides/{MAIN_GUIDE_SLUG}/preview/").status == 404

    # Publish asks for a note; a missing one is refused with a message.
    page.get_by_role("link", name="Publish…").click()
    expect(page.locator(".diff-parts")).to_contain_text(
        f"DS · Senior · high: ${old_high // 1000}K → ${(old_high + 25_000) // 1000}K"
    )
    _audit(page, js)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".errornote")).to_be_visible()
    assert Guide.objects.filter(draft_of=main_guide).exists()
    page.get_by_label("Change note for members").fill(NOTE)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Published as revision")
    revisions_table = page.locator("#revisions")
    expect(revisions_table).to_contain_text(NOTE)
    expect(revisions_table).to_contain_text("Casey Content")
    _audit(page, js)
    reader.goto(f"{base}/guides/{MAIN_GUIDE_SLUG}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)

    # Compare, then revert to the import: title and pay band come back.
    page.get_by_role("button", name="Compare the chosen revisions").click()
    expect(page.locator(".diff-fields")).to_contain_text("Title:")
    _audit(page, js)
    page.get_by_role("link", name="Back to the revisions").click()
    page.get_by_role("link", name="Revert to revision 1").click()
    _audit(page, js)
    page.get_by_role("button", name="Revert to revision 1").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Reverted to revision 1")
    main_guide.refresh_from_db()
    assert main_guide.title == old_title
    # Bands are rewritten as a set (one per role and level).
    senior = SalaryBand.objects.get(
        guide=main_guide, role=main_guide.role_a, level="senior"
    )
    assert senior.high == old_high
    reader.goto(f"{base}/guides/{MAIN_GUIDE_SLUG}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(old_title)
    reader.context.close()
    assert csp == []


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_member_sees_the_notice_and_adds_the_new_milestones(
    request, live_server, main_guide, js
):
    page = _page(request, js)
    csp = watch_csp(page)
    base = live_server.url
    member = UserFactory(name="Morgan Member")
    template = PlanTemplate.objects.get(
        guide=main_guide, from_role=main_guide.role_a, to_role=main_guide.role_b
    )
    plan = make_plan(member, template)
    before = list(plan.milestones.values_list("pk", "title", "due_date"))
    editor = StaffFactory(group="Content managers")
    draft = revisions.start_draft(guide=main_guide, author=editor)
    MilestoneTemplate.objects.create(
        template=PlanTemplate.objects.get(
            guide=draft, from_role=draft.role_a, to_role=draft.role_b
        ),
        order=99, title=STEP, kind="project", effort_hours=12,
    )  # fmt: skip
    revisions.publish_draft(guide=main_guide, author=editor, note=NOTE)

    sign_in_as(page, base, member)
    page.goto(base + "/")
    notice = page.get_by_role("region", name="This guide changed since your plan")
    expect(notice).to_contain_text(NOTE)
    expect(notice).to_contain_text(f"new milestone '{STEP}'")
    assert_accessible(page)
    page.goto(base + plan.get_absolute_url())
    expect(notice).to_have_count(1)
    assert_accessible(page)
    notice.get_by_role("button", name="Add 1 new milestone to my plan").click()
    expect(page.locator(".messages")).to_contain_text("Added 1 new milestone")
    expect(
        page.locator("#milestone-list").get_by_role("heading", name=STEP)
    ).to_be_visible()
    expect(notice).to_have_count(0)
    assert_accessible(page)
    after = {m.pk: m for m in plan.milestones.all()}
    for pk, title, due in before:
        assert (after[pk].title, after[pk].due_date) == (title, due)
    assert [m.title for m in after.values() if m.pk not in dict.fromkeys(
        pk for pk, _, _ in before
    )] == [STEP]  # fmt: skip
    assert csp == []
