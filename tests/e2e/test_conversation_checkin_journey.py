"""Browser journeys: the member writes to the coach and the coach replies in the
admin; three weekly check-ins give a burn-up and a forecast. Each runs with
JavaScript on and off, with axe on every page of ours and no CSP refusal."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from coaching.models import Message
from plans.checkins import record_checkin
from plans.models import CheckIn
from tests.e2e.helpers import sign_in, sign_in_as, visit, watch_csp
from tests.factories import StaffFactory, UserFactory, make_plan, plan_template


@pytest.fixture
def coached(transactional_db) -> dict:
    coach = StaffFactory(group="Coaches", name="Casey Coach")
    member = UserFactory(coach=coach, name="Morgan Member")
    today = dt.date.today()
    plan = make_plan(member, plan_template(efforts=(10, 20, 30)),
                     title="Morgan's switch",
                     start_date=today - dt.timedelta(weeks=3),
                     target_date=today + dt.timedelta(days=60))  # fmt: skip
    return {"coach": coach, "member": member, "plan": plan}


@pytest.fixture(params=["js", "no_js"])
def member_page(request, browser):
    context = browser.new_context(java_script_enabled=request.param == "js")
    context.javascript_off = request.param == "no_js"
    page = context.new_page()
    yield page
    mirror = getattr(context, "axe_mirror", None)
    if mirror is not None:
        mirror.context.close()
    context.close()


def test_member_sends_a_message_and_the_coach_replies(
    live_server, member_page: Page, browser, coached
):
    page, base, plan = member_page, live_server.url, coached["plan"]
    csp = watch_csp(page)
    sign_in_as(page, base, coached["member"])
    visit(page, base + plan.get_absolute_url())
    # The form opens on demand: in place with JavaScript, else on the
    # conversation's own page.
    page.get_by_role("link", name="Write to your coach").click()
    page.wait_for_load_state()
    form = page.locator("#message-form")
    expect(form).to_be_visible()
    if member_page.context.javascript_off:
        assert page.url.endswith(f"/plans/{plan.pk}/messages/#message-form")
        visit(page, page.url)
    form.get_by_label("Your message").fill("Is the first step enough for now?")
    form.get_by_label("About a milestone (optional)").select_option(
        label=plan.milestones.first().title
    )
    form.get_by_role("button", name="Send to your coach").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Message sent to your coach.")).to_be_visible()
    expect(page.locator("#conversation")).to_contain_text("Is the first step enough")
    visit(page, page.url)

    # The coach, in a browser of their own, replies from the client's plan.
    coach_context = browser.new_context()
    coach_page = coach_context.new_page()
    coach_errors: list[str] = []
    coach_page.on("pageerror", lambda e: coach_errors.append(str(e)))
    sign_in(coach_page, base, coached["coach"].email)
    coach_page.goto(f"{base}/admin/accounts/client/")
    expect(coach_page.locator("td.field-unread_messages")).to_have_text("1")
    coach_page.goto(f"{base}/admin/plans/plan/{plan.pk}/change/")
    conversation = coach_page.locator("#messages-group")
    expect(conversation).to_contain_text("Is the first step enough")
    new = Message.objects.count()  # the blank form follows the sent ones
    coach_page.locator(f"#id_messages-{new}-body").fill("Yes: finish it first.")
    coach_page.get_by_role("button", name="Save and continue editing").click()
    coach_page.wait_for_load_state()
    expect(coach_page.locator("#messages-group")).to_contain_text("Yes: finish it")
    assert not coach_errors
    coach_context.close()

    page.goto(base + "/")
    expect(page.get_by_text("1 new")).to_be_visible()
    visit(page, base + plan.get_absolute_url())
    expect(page.locator("#conversation")).to_contain_text("Yes: finish it first.")
    page.locator("#conversation").get_by_role("button", name="Mark as read").click()
    page.wait_for_load_state()
    expect(page.locator("#conversation .badge")).to_have_count(0)
    assert not Message.objects.unread_by_member().exists()
    assert csp == []


def test_three_weeks_of_checkins_give_a_burn_up_and_a_forecast(
    live_server, member_page: Page, coached
):
    page, base, plan = member_page, live_server.url, coached["plan"]
    csp = watch_csp(page)
    today = dt.date.today()
    # The two weeks before this one were answered then.
    record_checkin(plan=plan, hours=2, confidence=3,
                   today=today - dt.timedelta(weeks=2))  # fmt: skip
    record_checkin(plan=plan, hours=3, confidence=3,
                   today=today - dt.timedelta(weeks=1))  # fmt: skip
    sign_in_as(page, base, coached["member"])
    visit(page, base + "/")
    card = page.locator("#checkin")
    # A bad answer first: a clear message, nothing saved.
    card.get_by_label("Hours spent on your plan this week").fill("4")
    card.get_by_role("button", name="Save check-in").click()
    page.wait_for_load_state()
    expect(page.locator("#checkin")).to_contain_text("Choose how confident")
    assert CheckIn.objects.count() == 2
    card = page.locator("#checkin")
    card.get_by_label("Hours spent on your plan this week").fill("4")
    card.get_by_label("One thing in your way (optional)").fill("Evenings are busy")
    card.get_by_label("2", exact=True).check()
    card.get_by_role("button", name="Save check-in").click()
    page.wait_for_load_state()
    if page.context.javascript_off:
        expect(page.get_by_text("Check-in saved. Thank you.")).to_be_visible()
    else:  # htmx swapped the card for its thanks: follow its link
        expect(page.locator("#checkin")).to_contain_text("4 hours this week")
        page.get_by_role("link", name="See your pace and forecast").click()
        page.wait_for_load_state()
    assert CheckIn.objects.count() == 3
    visit(page, page.url)
    pace = page.locator("#pace")
    # 60 hours open at a pace of 3 hours a week: 140 days, past the target.
    finish = today + dt.timedelta(days=140)
    expect(pace).to_contain_text("3 hours a week")
    expect(pace.locator(f'time[datetime="{finish:%Y-%m-%d}"]')).to_have_count(1)
    late = (finish - plan.target_date).days
    expect(pace).to_contain_text(f"{late} days late")
    expect(pace.locator("svg.burnup polyline.burnup__actual")).to_have_count(1)
    points = pace.locator("polyline.burnup__actual").get_attribute("points")
    assert len(points.split()) >= 4  # the origin and at least three weeks
    assert csp == []
