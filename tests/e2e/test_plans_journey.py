"""The switching-plan journey in the browser, on the seeded DS → MLE path.

From a finished result a member sets up a plan, works through milestones,
keeps notes and evidence, adds and reorders milestones, records a review,
exports the due dates and reads their evidence. It runs with JavaScript on
(status changes and notes swap one row in place and, out of band, the progress)
and off (plain form posts that redirect). Every page reached goes through axe.
Another member cannot open, export or change someone else's plan.
"""

import datetime as dt
import math
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from assessments.models import Assessment
from guides.models import Guide, Role
from plans.models import Milestone, Plan, PlanTemplate, ReviewDecision
from publishing.importer import import_content
from tests.content_data import MAIN_GUIDE
from tests.content_data import MAIN_GUIDE_SLUG as GUIDE_SLUG
from tests.e2e.helpers import assert_accessible, visit
from tests.factories import PASSWORD, UserFactory, completed_assessment, make_plan

_DS_TO_MLE = next(
    p
    for p in MAIN_GUIDE["plans"]
    if (p["from_role"], p["to_role"]) == ("data-scientist", "machine-learning-engineer")
)
TEMPLATE_TITLE = _DS_TO_MLE["title"]
FIRST = _DS_TO_MLE["milestones"][0]["title"]
SECOND = _DS_TO_MLE["milestones"][1]["title"]
FIRST_HOURS = _DS_TO_MLE["milestones"][0]["effort_hours"]
BOTH_HOURS = FIRST_HOURS + _DS_TO_MLE["milestones"][1]["effort_hours"]
# Every DS → MLE milestone, as the content file gives them.
TOTAL_HOURS = sum(m["effort_hours"] for m in _DS_TO_MLE["milestones"])
CREATE_EVIDENCE = "https://github.com/example/python-engineering"
NOTES_EVIDENCE = "https://example.com/ml-project-write-up"
ADDED = "Read the feature-store docs"


def _percent(done: int, total: int = TOTAL_HOURS) -> str:
    return f"{round(100 * done / total)}%"


@pytest.fixture
def guide(transactional_db) -> Guide:
    import_content()
    guide = Guide.objects.get(slug=GUIDE_SLUG)
    template = PlanTemplate.objects.get(guide=guide, title=TEMPLATE_TITLE)
    assert template.milestones.count() == len(_DS_TO_MLE["milestones"])
    assert sum(m.effort_hours for m in template.milestones.all()) == TOTAL_HOURS
    return guide


@pytest.fixture
def data_scientist(guide) -> User:
    user = UserFactory()
    user.current_role = Role.objects.get(slug="data-scientist")
    user.save()
    return user


@pytest.fixture
def mle_result(data_scientist, guide) -> Assessment:
    """A finished result leaning Machine Learning Engineer, taken as a DS."""
    assessment = completed_assessment(data_scientist, guide, position=2)
    assert assessment.result["leaning_role"]["name"] == "Machine Learning Engineer"
    return assessment


def _watch_csp(page: Page) -> list[str]:
    """CSP refusals the browser reports on ``page`` (for the no-JS context)."""
    found: list[str] = []
    page.on(
        "console",
        lambda msg: (
            found.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    return found


def _sign_in(page: Page, base_url: str, email: str) -> None:
    visit(page, base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _open_plan_form_from_result(page: Page, base_url: str, result: Assessment):
    visit(page, f"{base_url}/assessments/{result.pk}/")
    page.get_by_role("link", name="Create a switching plan").click()
    expect(page).to_have_url(f"{base_url}/plans/new/?assessment={result.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your plan")
    assert_accessible(page)
    expect(page.get_by_label("Title:", exact=True)).to_have_value(TEMPLATE_TITLE)
    expect(page.get_by_label("Start date")).to_have_value(
        timezone.localdate().isoformat()
    )
    expect(page.get_by_label("Target date")).to_have_value("")
    expect(page.get_by_label("Review every (weeks)")).to_have_value("4")
    expect(page.get_by_label("I can already show evidence for this")).to_have_count(
        len(_DS_TO_MLE["milestones"])
    )


def _tick_first_milestone(page: Page) -> None:
    page.get_by_label(f"I can already show evidence for this: {FIRST}").check()
    page.get_by_label(f"Evidence link for {FIRST}").fill(CREATE_EVIDENCE)


def _the_plan(member: User) -> Plan:
    plan = Plan.objects.get(member=member)
    assert plan.template.title == TEMPLATE_TITLE
    return plan


def _milestones(plan: Plan) -> list[Milestone]:
    return list(plan.milestones.order_by("order", "id"))


def _row(page: Page, milestone: Milestone):
    return page.locator(f"#milestone-{milestone.pk}")


def _progress(page: Page):
    return page.locator("#plan-progress")


def _expect_progress(page: Page, done: int, total: int = TOTAL_HOURS) -> None:
    progress = _progress(page)
    expect(progress.locator(".progress-figure")).to_contain_text(
        f"{_percent(done, total)} of the effort done"
    )
    expect(progress.locator("progress")).to_have_attribute("value", str(done))
    expect(progress.locator("progress")).to_have_attribute("max", str(total))


def _row_titles(page: Page) -> list[str]:
    return page.locator("#milestone-list > li .milestone__title").all_inner_texts()


def _javascript_on(page: Page) -> bool:
    return not getattr(page.context, "javascript_off", False)


def _open_editor(page: Page, milestone: Milestone, link: str):
    """Open one of the row's editors: with JavaScript htmx fetches it into the
    row; without, the link leads to the milestone's own page with the form."""
    before = page.url
    _row(page, milestone).get_by_role("link", name=link).click()
    if _javascript_on(page):
        editor = page.locator(f"#editor-{milestone.pk}")
        expect(editor.locator("form")).to_have_count(1)
        # htmx has settled the swap (and so wired up the form) before anyone
        # submits it; a keypress faster than that would post the plain form.
        expect(editor).not_to_have_class(re.compile(r"\bhtmx-settling\b"))
        expect(editor.locator("form")).not_to_have_class(re.compile(r"\bhtmx-added\b"))
        assert page.url == before  # in place, no navigation
        return editor
    expect(page).to_have_url(re.compile(rf"/milestones/{milestone.pk}/\w+/$"))
    return page.locator("main")


def _add_milestone(page: Page, base_url: str, plan: Plan) -> Milestone:
    plan.refresh_from_db()
    target = plan.target_date
    page.get_by_role("link", name="Add a milestone", exact=True).click()
    form = page.locator("#milestone-add-form")
    expect(form).to_have_count(1)  # fetched under the list, or its own page
    assert_accessible(page)
    form.get_by_label("Title").fill(ADDED)
    form.get_by_label("Description").fill("Know what a feature store is for.")
    form.get_by_label("Kind").select_option(label="Skill")
    form.get_by_label("Effort hours").fill("5")
    form.get_by_role("button", name="Add milestone").click()
    added = plan.milestones.get(title=ADDED)
    expect(page).to_have_url(f"{base_url}/plans/{plan.pk}/#milestone-{added.pk}")
    # Without a due date it goes after the last open milestone, due when its
    # 5 hours are worked at the plan's pace. This plan's target was already
    # the earliest its hours allow, so it moves, and the member is told.
    plan.refresh_from_db()
    assert added.due_date == target + dt.timedelta(
        days=math.ceil(5 * 7 / plan.weekly_hours)
    )
    assert plan.target_date == added.due_date
    status = page.get_by_role("status")
    expect(status).to_contain_text(f"Added “{ADDED}”, due {added.due_date:%-d %B %Y}.")
    expect(status).to_contain_text(f"target date moves to {added.due_date:%-d %B %Y}")
    assert_accessible(page)
    assert _row_titles(page)[-1] == ADDED
    return added


def _move_added_up(page: Page, base_url: str, plan: Plan, added: Milestone) -> None:
    before = _row_titles(page)
    assert before[-1] == ADDED
    editor = _open_editor(page, added, f"Move {ADDED}")
    assert_accessible(page)
    # The last milestone can only go up.
    expect(editor.get_by_role("button", name=re.compile("^Move down"))).to_have_count(0)
    editor.get_by_role("button", name="Move up").click()
    said = "due dates now follow the new order"
    if _javascript_on(page):
        expect(page.locator("#milestone-notice")).to_contain_text(said)
        expect(page.locator(f"#milestone-{added.pk}-title")).to_be_focused()
    else:
        expect(page).to_have_url(f"{base_url}/plans/{plan.pk}/#milestone-{added.pk}")
        expect(page.get_by_role("status")).to_contain_text(said)
    after = [*before[:-2], ADDED, before[-2]]
    expect(page.locator("#milestone-list > li .milestone__title")).to_have_text(after)
    assert_accessible(page)
    assert [m.title for m in _milestones(plan)] == after
    # Rescheduled: the open milestones' due dates follow the new order.
    dates = [m.due_date for m in _milestones(plan) if m.status == "todo"]
    assert dates == sorted(dates)


def _record_review(page: Page, base_url: str, plan: Plan, decision: str, note: str):
    page.get_by_role("link", name="Record a review", exact=True).click()
    form = page.locator("#review-form")
    expect(form).to_have_count(1)  # fetched into the section, or its own page
    assert_accessible(page)
    form.get_by_label(decision, exact=True).check()
    form.get_by_label("Note").fill(note)
    form.get_by_role("button", name="Record review").click()
    expect(page).to_have_url(f"{base_url}/plans/{plan.pk}/#reviews")
    expect(page.get_by_role("status")).to_contain_text(f"Review recorded: {decision}.")
    assert_accessible(page)
    reviews = page.locator("#reviews")
    expect(reviews.get_by_role("heading", name="Decisions so far")).to_be_visible()
    decisions = reviews.locator("ul.reviews > li")
    expect(decisions).to_have_count(1)
    expect(decisions.first).to_contain_text(decision)
    expect(decisions.first).to_contain_text(note)


BAD_LINK = "javascript:alert(1)"
KEPT_NOTE = "A second thought worth keeping."
LINK_ERROR = "Enter a web address starting with http(s)://."


def _refuse_javascript_link(page: Page, milestone: Milestone):
    """Post a javascript: evidence link; the server refuses it, nothing is lost."""
    saved = (milestone.notes, milestone.evidence_url)
    row = _open_editor(page, milestone, "Notes and evidence")
    row.get_by_label("Notes").fill(KEPT_NOTE)
    row.get_by_label("Evidence link").fill(BAD_LINK)
    url = re.compile(rf"/milestones/{milestone.pk}/details/$")
    with page.expect_response(url) as response:
        row.get_by_role("button", name="Save notes and evidence").click()
    assert response.value.status == 400
    assert LINK_ERROR in response.value.text()
    if _javascript_on(page):
        row = page.locator(f"#editor-{milestone.pk}")
    expect(row.get_by_label("Notes")).to_have_value(KEPT_NOTE)
    expect(row.get_by_label("Evidence link")).to_have_value(BAD_LINK)
    milestone.refresh_from_db()
    assert (milestone.notes, milestone.evidence_url) == saved
    return row


def _open_evidence_page(page: Page, base_url: str, plan: Plan, links: dict) -> None:
    page.goto(f"{base_url}/plans/{plan.pk}/")
    page.get_by_role("link", name="Evidence for your résumé").click()
    expect(page).to_have_url(f"{base_url}/plans/{plan.pk}/evidence/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your evidence")
    assert_accessible(page)
    rows = page.get_by_role("table", name="Evidence by milestone").locator("tbody tr")
    expect(rows).to_have_count(len(links))
    for title, url in links.items():
        row = rows.filter(has=page.get_by_role("rowheader", name=title, exact=True))
        expect(row.get_by_role("link", name=url)).to_have_attribute("href", url)


def test_member_follows_a_plan_with_javascript(
    page: Page, live_server, csp_violations, data_scientist, mle_result
):
    base_url = live_server.url
    _sign_in(page, base_url, data_scientist.email)

    # Set up the plan from the result: the first step is already evidenced.
    _open_plan_form_from_result(page, base_url, mle_result)
    _tick_first_milestone(page)
    page.get_by_label("Weekly hours").fill("10")
    page.get_by_role("button", name="Create my plan").click()
    plan = _the_plan(data_scientist)
    expect(page).to_have_url(f"{base_url}/plans/{plan.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TEMPLATE_TITLE)
    expect(page.get_by_role("status")).to_contain_text("Your plan is ready.")
    assert_accessible(page)
    assert plan.weekly_hours == 10
    assert plan.source_assessment_id == mle_result.pk
    # An empty target becomes the earliest date the open hours allow at 10 a week.
    open_weeks = (TOTAL_HOURS - FIRST_HOURS) // 10
    assert plan.target_date >= plan.start_date + dt.timedelta(weeks=open_weeks)
    first, second, *rest = _milestones(plan)
    assert (first.title, first.status, first.evidence_url) == (
        FIRST,
        "done",
        CREATE_EVIDENCE,
    )
    assert all(m.status == "todo" and m.due_date for m in [second, *rest])
    expect(_row(page, first).get_by_label("Status")).to_have_value("done")
    _expect_progress(page, done=FIRST_HOURS)
    expect(_progress(page).locator(".next-up")).to_contain_text(SECOND)

    # Mark the next milestone done by changing its select: htmx swaps the row
    # and, out of band, the progress; the page itself is not reloaded.
    page.evaluate("window.__marker = 'still here'")
    row = _row(page, second)
    expect(row).not_to_have_class(re.compile(r"milestone--done"))
    with page.expect_response(re.compile(rf"/milestones/{second.pk}/status/$")) as r:
        row.get_by_label("Status").select_option(label="Done")
    assert r.value.status == 200
    assert r.value.request.headers.get("hx-request") == "true"
    expect(row).to_have_class(re.compile(r"\bmilestone--done\b"))
    expect(row.locator(".milestone__meta")).to_contain_text("done")
    expect(row.get_by_label("Status")).to_have_value("done")
    _expect_progress(page, done=BOTH_HOURS)
    expect(_progress(page).locator(".next-up")).to_contain_text(rest[0].title)
    assert page.evaluate("window.__marker") == "still here"
    assert page.url == f"{base_url}/plans/{plan.pk}/"
    second.refresh_from_db()
    assert second.status == "done" and second.completed_at is not None
    assert_accessible(page)

    # Notes and an evidence link, in an editor fetched into the row on demand
    # and saved in place.
    editor = _open_editor(page, second, "Notes and evidence")
    assert_accessible(page)
    editor.get_by_label("Notes").fill("Shipped a churn model behind an API.")
    editor.get_by_label("Evidence link").fill(NOTES_EVIDENCE)
    editor.get_by_role("button", name="Save notes and evidence").click()
    row = _row(page, second)
    expect(row.locator(".milestone__meta .badge--ok")).to_have_text("evidence")
    expect(page.locator(f"#editor-{second.pk} form")).to_have_count(0)
    assert page.evaluate("window.__marker") == "still here"
    second.refresh_from_db()
    assert second.notes == "Shipped a churn model behind an API."
    assert second.evidence_url == NOTES_EVIDENCE
    assert second.status == "done"

    # A javascript: link is refused and nothing typed or saved is lost. That
    # the refusal's message shows in place is test_refused_evidence_link_...
    _refuse_javascript_link(page, second)
    assert page.evaluate("window.__marker") == "still here"
    assert_accessible(page)

    # Add a milestone (5 h, so 100 of 245 hours) and move it up one place.
    page.goto(f"{base_url}/plans/{plan.pk}/")
    added = _add_milestone(page, base_url, plan)
    _expect_progress(page, done=BOTH_HOURS, total=TOTAL_HOURS + 5)
    _move_added_up(page, base_url, plan, added)

    _record_review(page, base_url, plan, "Go hybrid", "Keep one foot in analytics.")
    assert plan.reviews.get().decision == ReviewDecision.Decision.HYBRID

    # The calendar holds one event per open milestone with a due date.
    link = page.get_by_role("link", name="Add due dates to your calendar (.ics)")
    expect(link).to_have_attribute("href", f"/plans/{plan.pk}/calendar.ics")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"plan-{plan.pk}.ics"
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR")
    open_titles = [m.title for m in _milestones(plan) if m.status == "todo"]
    # The template's steps, less the two done, plus the one added.
    assert len(open_titles) == len(_DS_TO_MLE["milestones"]) - 2 + 1
    assert ics.count("BEGIN:VEVENT") == len(open_titles)
    # Undo the calendar format's line folding and its escaping of , and ;.
    unfolded = re.sub(r"\r?\n[ \t]", "", ics).replace("\\,", ",").replace("\\;", ";")
    for title in open_titles:
        assert f"SUMMARY:Due: {title}" in unfolded
    assert f"Due: {SECOND}" not in unfolded

    _open_evidence_page(
        page, base_url, plan, {FIRST: CREATE_EVIDENCE, SECOND: NOTES_EVIDENCE}
    )

    # The dashboard shows the plan, its progress and the next three milestones.
    visit(page, base_url + "/")
    card = page.locator("section", has=page.get_by_role("heading", name="Your plan"))
    expect(card.get_by_role("link", name=TEMPLATE_TITLE)).to_have_attribute(
        "href", f"/plans/{plan.pk}/"
    )
    expect(card).to_contain_text(
        f"{_percent(BOTH_HOURS, TOTAL_HOURS + 5)} of the effort"
    )
    expect(card.get_by_role("heading", name="Next up")).to_be_visible()
    next_up = card.locator("ol.dashboard-list > li")
    expect(next_up).to_have_count(3)
    expect(next_up).to_have_text([re.compile(re.escape(t)) for t in open_titles[:3]])
    next_up.first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan.pk}/#milestone-\d+$"))

    assert csp_violations == []


def test_member_follows_a_plan_without_javascript(
    no_js_page: Page, live_server, data_scientist, mle_result
):
    page, base_url = no_js_page, live_server.url
    csp = _watch_csp(page)
    _sign_in(page, base_url, data_scientist.email)

    # A target two weeks out cannot hold the open hours at 10 a week.
    _open_plan_form_from_result(page, base_url, mle_result)
    _tick_first_milestone(page)
    page.get_by_label("Weekly hours").fill("10")
    too_soon = timezone.localdate() + dt.timedelta(days=14)
    page.get_by_label("Target date").fill(too_soon.isoformat())
    with page.expect_response(re.compile(r"/plans/new/$")) as response:
        page.get_by_role("button", name="Create my plan").click()
    assert response.value.status == 400
    assert not Plan.objects.exists()
    warning = page.locator(".message--warning", has_text="The earliest date that fits")
    expect(warning).to_be_visible()
    earliest = dt.date.fromisoformat(
        warning.locator("time").get_attribute("datetime") or ""
    )
    assert earliest > too_soon
    expect(page.get_by_text(re.compile(r"At 10 hours a week"))).to_be_visible()
    assert_accessible(page)
    # Nothing typed is lost on the way back.
    expect(page.get_by_label("Weekly hours")).to_have_value("10")
    expect(page.get_by_label("Target date")).to_have_value(too_soon.isoformat())
    expect(
        page.get_by_label(f"I can already show evidence for this: {FIRST}")
    ).to_be_checked()
    expect(page.get_by_label(f"Evidence link for {FIRST}")).to_have_value(
        CREATE_EVIDENCE
    )

    page.get_by_role("button", name=f"Use {earliest:%-d %B %Y}").click()
    plan = _the_plan(data_scientist)
    expect(page).to_have_url(f"{base_url}/plans/{plan.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Your plan is ready.")
    assert_accessible(page)
    assert plan.target_date == earliest
    assert plan.weekly_hours == 10
    first, second, *rest = _milestones(plan)
    assert (first.status, first.evidence_url) == ("done", CREATE_EVIDENCE)
    assert all(m.due_date and m.due_date <= earliest for m in [second, *rest])
    _expect_progress(page, done=FIRST_HOURS)

    # Change a status with the Update button: a full post and a redirect.
    row = _row(page, second)
    row.get_by_label("Status").select_option(label="In progress")
    with page.expect_navigation():
        row.get_by_role("button", name=f"Update status of {SECOND}").click()
    expect(page).to_have_url(f"{base_url}/plans/{plan.pk}/#milestone-{second.pk}")
    expect(page.get_by_role("status")).to_contain_text(
        f"“{SECOND}” is now in progress."
    )
    expect(_row(page, second).get_by_label("Status")).to_have_value("doing")
    _expect_progress(page, done=FIRST_HOURS)
    assert_accessible(page)
    row = _row(page, second)
    row.get_by_label("Status").select_option(label="Done")
    row.get_by_role("button", name=f"Update status of {SECOND}").click()
    expect(page.get_by_role("status")).to_contain_text(f"“{SECOND}” is now done.")
    expect(_row(page, second)).to_have_class(re.compile(r"\bmilestone--done\b"))
    _expect_progress(page, done=BOTH_HOURS)
    second.refresh_from_db()
    assert second.status == "done"

    # Without JavaScript the editor is the milestone's own page, and a refusal
    # is that page again, keeping what was typed.
    row = _refuse_javascript_link(page, second)
    _expect_error_on_the_field(page, row, second)
    assert_accessible(page)
    page.goto(f"{base_url}/plans/{plan.pk}/")

    added = _add_milestone(page, base_url, plan)
    _expect_progress(page, done=BOTH_HOURS, total=TOTAL_HOURS + 5)
    _move_added_up(page, base_url, plan, added)
    _record_review(page, base_url, plan, "Continue as planned", "On track so far.")
    assert plan.reviews.get().decision == ReviewDecision.Decision.CONTINUE

    _open_evidence_page(page, base_url, plan, {FIRST: CREATE_EVIDENCE})
    assert csp == []


def _expect_error_on_the_field(page: Page, row, milestone: Milestone) -> None:
    """The error summary links to the field, which shows the error beside it
    and has the focus, so the member lands on what to correct."""
    field_id = f"m{milestone.pk}-evidence_url"
    summary = row.get_by_role("alert")
    expect(summary).to_have_text(LINK_ERROR, timeout=2000)
    expect(summary.get_by_role("link", name=LINK_ERROR)).to_have_attribute(
        "href", f"#{field_id}"
    )
    field = row.get_by_label("Evidence link")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", f"{field_id}_error")
    expect(page.locator(f"#{field_id}_error")).to_have_text(LINK_ERROR)
    expect(field).to_be_focused()


def _open_a_fresh_plan(page: Page, base_url: str, guide) -> Milestone:
    """A new member's plan, open in the browser; returns its first milestone."""
    member = UserFactory()
    template = PlanTemplate.objects.get(guide=guide, title=TEMPLATE_TITLE)
    plan = make_plan(member, template=template)
    _sign_in(page, base_url, member.email)
    visit(page, f"{base_url}/plans/{plan.pk}/")
    return _milestones(plan)[0]


def test_refused_evidence_link_shows_its_error_in_place(
    page: Page, live_server, csp_violations, guide
):
    milestone = _open_a_fresh_plan(page, live_server.url, guide)
    page.evaluate("window.__marker = 'still here'")

    row = _refuse_javascript_link(page, milestone)
    _expect_error_on_the_field(page, row, milestone)
    assert page.evaluate("window.__marker") == "still here"
    assert_accessible(page)
    assert csp_violations == []


def test_a_stale_status_change_shows_the_latest_state_and_says_so(
    page: Page, live_server, csp_violations, guide
):
    milestone = _open_a_fresh_plan(page, live_server.url, guide)
    # Another tab changes the milestone after this page was loaded.
    Milestone.objects.filter(pk=milestone.pk).update(
        status="doing", version=milestone.version + 1
    )
    row = _row(page, milestone)
    row.get_by_label(re.compile("^Status")).select_option("done")
    expect(row.get_by_role("alert")).to_contain_text("changed elsewhere")
    expect(row.get_by_label(re.compile("^Status"))).to_have_value("doing")
    milestone.refresh_from_db()
    assert milestone.status == "doing"
    assert_accessible(page)
    assert csp_violations == []


def test_other_member_gets_404_for_plan(page: Page, live_server, csp_violations, guide):
    base_url = live_server.url
    owner = UserFactory()
    template = PlanTemplate.objects.get(guide=guide, title=TEMPLATE_TITLE)
    plan = make_plan(owner, template=template, title="Owner's private plan")
    milestone = plan.milestones.order_by("order").first()
    stranger = UserFactory()
    _sign_in(page, base_url, stranger.email)

    response = page.goto(f"{base_url}/plans/{plan.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_text("Owner's private plan")).to_have_count(0)
    expect(page).to_have_title(re.compile("Page not found"))
    assert_accessible(page)

    for path in ("calendar.ics", "evidence/", f"milestones/{milestone.pk}/edit/"):
        other = page.request.get(f"{base_url}/plans/{plan.pk}/{path}")
        assert other.status == 404, path
        assert "Owner's private plan" not in other.text()

    # A forged status change with the stranger's own valid CSRF token.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    forged = page.request.post(
        f"{base_url}/plans/{plan.pk}/milestones/{milestone.pk}/status/",
        form={
            "csrfmiddlewaretoken": token or "",
            "version": str(milestone.version),
            "status": "done",
        },
        headers={"Referer": f"{base_url}/plans/{plan.pk}/"},
    )
    assert forged.status == 404
    milestone.refresh_from_db()
    assert milestone.status == "todo"

    assert csp_violations == []


def _edit_and_delete(page: Page, base_url: str, guide) -> None:
    """Edit a milestone and delete another through their on-demand editors."""
    first = _open_a_fresh_plan(page, base_url, guide)
    plan = first.plan
    second = _milestones(plan)[1]
    javascript = _javascript_on(page)
    if javascript:
        page.evaluate("window.__marker = 'still here'")
    editor = _open_editor(page, first, f"Edit {first.title}")
    assert_accessible(page)
    # A refused edit keeps the editor and what was typed; nothing is saved.
    editor.get_by_label("Title").fill("Python, properly")
    editor.get_by_label("Effort hours").fill("0")
    with page.expect_response(re.compile(rf"/{first.pk}/edit/$")) as response:
        editor.get_by_role("button", name="Save milestone").click()
    assert response.value.status == 400
    if _javascript_on(page):
        editor = page.locator(f"#editor-{first.pk}")
    expect(editor.get_by_label("Title")).to_have_value("Python, properly")
    expect(editor.get_by_label("Effort hours")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible(page)
    first.refresh_from_db()
    assert first.title == FIRST
    editor.get_by_label("Effort hours").fill("30")
    editor.get_by_role("button", name="Save milestone").click()
    if not _javascript_on(page):
        expect(page).to_have_url(f"{base_url}/plans/{plan.pk}/#milestone-{first.pk}")
        expect(page.get_by_role("status")).to_contain_text("Milestone saved.")
    expect(_row(page, first).locator(".milestone__title")).to_have_text(
        "Python, properly"
    )
    expect(_row(page, first).locator(".milestone__meta")).to_contain_text("30 h")
    first.refresh_from_db()
    assert (first.title, first.effort_hours) == ("Python, properly", 30)
    edited_total = TOTAL_HOURS - FIRST_HOURS + 30
    _expect_progress(page, done=0, total=edited_total)

    editor = _open_editor(page, second, f"Delete {second.title}")
    assert_accessible(page)
    editor.get_by_role("button", name="Delete milestone").click()
    expect(_row(page, second)).to_have_count(0)
    notice = page.locator("#milestone-notice")
    expect(notice).to_contain_text(f"Deleted “{SECOND}”.")
    undo = notice.get_by_role("button", name=re.compile("^Undo"))
    _expect_progress(page, done=0, total=edited_total - BOTH_HOURS + FIRST_HOURS)
    assert not Milestone.objects.filter(pk=second.pk).exists()
    assert_accessible(page)
    if javascript:  # every change was swapped in: the page never reloaded
        assert page.evaluate("window.__marker") == "still here"
        expect(undo).to_be_focused()
    # Undo puts it back as it was, in its place.
    undo.click()
    expect(page).to_have_url(f"{base_url}/plans/{plan.pk}/#milestone-{second.pk}")
    expect(page.get_by_role("status")).to_contain_text(f"Restored “{SECOND}”.")
    expect(_row(page, second)).to_have_count(1)
    assert _row_titles(page)[:2] == ["Python, properly", SECOND]
    _expect_progress(page, done=0, total=edited_total)
    assert Milestone.objects.filter(pk=second.pk).exists()
    expect(page.locator("#milestone-notice")).not_to_contain_text("Deleted")
    assert_accessible(page)


def test_on_demand_editors_with_javascript(
    page: Page, live_server, csp_violations, guide
):
    _edit_and_delete(page, live_server.url, guide)
    assert csp_violations == []


def test_on_demand_editors_without_javascript(no_js_page: Page, live_server, guide):
    csp = _watch_csp(no_js_page)
    _edit_and_delete(no_js_page, live_server.url, guide)
    assert csp == []


def _focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_focus_returns_after_each_in_place_update(
    page: Page, live_server, csp_violations, guide
):
    """WCAG 2.4.3: after htmx swaps a row, keyboard focus is on the control
    that was used or on the row's heading, never dropped to the page body."""
    first = _open_a_fresh_plan(page, live_server.url, guide)
    second = _milestones(first.plan)[1]
    row = _row(page, first)

    # Status by its select: focus stays on the (swapped) select.
    row.get_by_label(re.compile("^Status")).focus()
    with page.expect_response(re.compile(rf"/{first.pk}/status/$")):
        row.get_by_label(re.compile("^Status")).select_option("doing")
    expect(row).to_have_class(re.compile(r"\bmilestone--doing\b"))
    expect(row.get_by_label(re.compile("^Status"))).to_be_focused()
    assert _focused_id(page) == f"status-{first.pk}"

    # Status by its Update button, from the keyboard.
    row.get_by_role("button", name=re.compile("^Update")).focus()
    with page.expect_response(re.compile(rf"/{first.pk}/status/$")):
        page.keyboard.press("Enter")
    expect(row.get_by_role("button", name=re.compile("^Update"))).to_be_focused()
    assert _focused_id(page) == f"update-{first.pk}"
    assert_accessible(page)

    # Save notes and evidence: the editor is gone, so the row's heading.
    editor = _open_editor(page, first, "Notes and evidence")
    editor.get_by_label("Notes").fill("Focus test")
    editor.get_by_role("button", name="Save notes and evidence").focus()
    with page.expect_response(re.compile(rf"/{first.pk}/details/$")):
        page.keyboard.press("Enter")
    expect(page.locator(f"#milestone-{first.pk}-title")).to_be_focused()
    assert _focused_id(page) == f"milestone-{first.pk}-title"
    assert_accessible(page)

    # Move down then up: the moved row's heading, wherever it now is.
    for direction, moved in (("down", first), ("up", first)):
        editor = _open_editor(page, moved, f"Move {moved.title}")
        editor.get_by_role("button", name=f"Move {direction}").focus()
        with page.expect_response(re.compile(rf"/{moved.pk}/move/$")):
            page.keyboard.press("Enter")
        expect(page.locator(f"#milestone-{moved.pk}-title")).to_be_focused()
        assert _focused_id(page) == f"milestone-{moved.pk}-title"
        assert_accessible(page)

    # Delete: the row is gone, so the Undo button that can bring it back.
    editor = _open_editor(page, second, f"Delete {second.title}")
    editor.get_by_role("button", name=re.compile("^Delete milestone")).focus()
    with page.expect_response(re.compile(rf"/{second.pk}/delete/$")):
        page.keyboard.press("Enter")
    expect(page.locator("#milestone-notice button")).to_be_focused()
    assert_accessible(page)
    assert csp_violations == []
