"""The coaching journey in the browser: a coach leaves feedback, the member reads it.

A coach signs in with an authenticator code, finds their client in the admin's
client list (and nobody else's), opens the client's plan and leaves feedback on
a milestone. The member, in a browser of their own, sees it unread on the
dashboard and the plan, opens it, and marks it read. Staff without an
authenticator are sent to set one up before the admin opens. The admin pages
must not break the Content-Security-Policy; axe runs on every page of ours.
"""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import User
from coaching.models import CoachFeedback
from plans.models import Plan
from tests.e2e.helpers import assert_accessible, sign_in, totp_code, visit, watch_csp
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    StaffFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)

COACH_NAME = "Casey Coach"
CLIENT_NAME = "Morgan Member"
OTHER_CLIENT_NAME = "Riley Elsewhere"
PLAN_TITLE = "Morgan's switch"
FEEDBACK = (
    "Good start on Step 2. Pick one small project and write up what you "
    "learned, then share it with me before our next call."
)
TWO_FACTOR_MESSAGE = "Staff accounts need two-factor authentication"


@pytest.fixture
def coaching(transactional_db) -> dict:
    """Casey coaches Morgan (a plan and a result); another coach has Riley."""
    guide = guide_with_assessment()
    template = plan_template(guide)
    coach = StaffFactory(group="Coaches", name=COACH_NAME, email="casey@example.com")
    client = UserFactory(coach=coach, name=CLIENT_NAME, email="morgan@example.com")
    plan = make_plan(client, template, title=PLAN_TITLE)
    assessment = completed_assessment(client, guide, position=2)
    other_coach = StaffFactory(group="Coaches", name="Olive Othercoach")
    other_client = UserFactory(coach=other_coach, name=OTHER_CLIENT_NAME)
    make_plan(other_client, template, title="Riley's plan")
    completed_assessment(other_client, guide, position=-2)
    return {
        "coach": coach,
        "client": client,
        "plan": plan,
        "assessment": assessment,
        "other_client": other_client,
    }


def _dashboard_feedback(page: Page):
    """The dashboard's "New feedback from your coach" section."""
    return page.locator("section").filter(
        has=page.get_by_role("heading", name="New feedback from your coach")
    )


def test_coach_signs_in_with_totp_opens_client_and_leaves_feedback(
    live_server, page: Page, csp_violations: list[str], browser, coaching: dict
):
    coach: User = coaching["coach"]
    client: User = coaching["client"]
    plan: Plan = coaching["plan"]
    base = live_server.url

    # The coach's sign-in asks for the authenticator code.
    visit(page, f"{base}/accounts/login/")
    page.get_by_label("Email").fill(coach.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{base}/accounts/2fa/authenticate/")
    assert_accessible(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Incorrect code")).to_be_visible()
    page.get_by_label("Code").fill(totp_code(TOTP_SECRET))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name=f"Welcome, {COACH_NAME}")).to_be_visible()

    # The admin's client list shows Casey's client only.
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(f"{base}/admin/")
    page.get_by_role("link", name="Clients", exact=True).click()
    expect(page).to_have_url(f"{base}/admin/accounts/client/")
    table = page.locator("#result_list")
    expect(table.locator("thead th")).to_have_text(
        [
            "Client",
            "Active plan",
            "Overdue",
            "Forecast late",
            "Unread messages",
            "Last activity",
            "Latest leaning",
            "Open",
        ]
    )
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(1)
    row = rows.first
    expect(row).to_contain_text(f"{CLIENT_NAME} <{client.email}>")
    expect(row).to_contain_text("0% of 60 h")  # plan_template's 10 + 20 + 30 h
    leaning = coaching["assessment"].result["leaning_role"]["name"]
    expect(row).to_contain_text(f"Leans {leaning}")
    expect(page.get_by_text(OTHER_CLIENT_NAME)).to_have_count(0)
    expect(page.locator("#changelist")).to_contain_text("1 client")

    # Through "Plans" to the client's plan.
    row.get_by_role("link", name="Plans", exact=True).click()
    expect(page).to_have_url(f"{base}/admin/plans/plan/?member__id__exact={client.pk}")
    plan_rows = page.locator("#result_list tbody tr")
    expect(plan_rows).to_have_count(1)
    plan_rows.first.get_by_role("link", name=PLAN_TITLE).click()
    expect(page).to_have_url(re.compile(rf"/admin/plans/plan/{plan.pk}/change/"))

    # The plan and its milestones are read-only for a coach.
    expect(page.locator("#id_title")).to_have_count(0)
    expect(page.locator(".field-title .readonly")).to_have_text(PLAN_TITLE)
    milestones = page.locator("#milestones-group")
    expect(milestones).to_contain_text("Step 1")
    expect(milestones).to_contain_text("Step 3")
    expect(
        milestones.locator("input:not([type=hidden]), select, textarea")
    ).to_have_count(0)

    # Feedback on the second milestone.
    step_2 = plan.milestones.get(title="Step 2")
    feedback_group = page.locator("#feedback-group")
    expect(feedback_group.get_by_role("heading", level=2)).to_have_text(
        re.compile("feedback to the member", re.IGNORECASE)
    )
    new_feedback = feedback_group.locator("#feedback-0")
    new_feedback.get_by_label("Milestone").select_option(label="Step 2")
    new_feedback.get_by_label("Body").fill(FEEDBACK)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "was changed successfully"
    )

    feedback = CoachFeedback.objects.get(plan=plan)
    assert feedback.coach == coach
    assert feedback.milestone == step_2
    assert feedback.body == FEEDBACK
    assert feedback.read_at is None
    assert csp_violations == []

    # The member is told by email, with a link to the feedback.
    sent = [m for m in mail.outbox if client.email in m.to]
    assert len(sent) == 1
    assert sent[0].subject == f"[Crossroads] New feedback from {COACH_NAME}"
    assert FEEDBACK in sent[0].body
    assert f"{feedback.get_absolute_url()}\n" in sent[0].body

    # The member, in a browser of their own (no code step for members).
    context = browser.new_context()
    try:
        member = context.new_page()
        member_csp = watch_csp(member)
        sign_in(member, base, client.email)
        expect(member).to_have_url(f"{base}/")
        alert = _dashboard_feedback(member)
        expect(alert.get_by_role("heading", level=2)).to_have_text(
            re.compile(r"New feedback from your coach\s+1 unread")
        )
        expect(alert.get_by_text("New", exact=True)).to_be_visible()
        expect(alert).to_contain_text(COACH_NAME)
        assert_accessible(member)

        alert.get_by_role("link").click()
        expect(member).to_have_url(f"{base}{feedback.get_absolute_url()}")
        expect(
            member.get_by_role("heading", name=f"Feedback from {COACH_NAME}", level=1)
        ).to_be_visible()
        expect(member.locator("blockquote")).to_contain_text(FEEDBACK)
        expect(member.get_by_role("link", name="Step 2")).to_be_visible()
        assert_accessible(member)
        feedback.refresh_from_db()
        assert feedback.read_at is None  # opening it writes nothing
        member.get_by_role("button", name="Mark as read").click()
        expect(member).to_have_url(f"{base}{plan.get_absolute_url()}#feedback")
        expect(member.get_by_role("status")).to_contain_text("marked as read")
        feedback.refresh_from_db()
        assert feedback.read_at is not None

        visit(member, f"{base}/")
        expect(member.get_by_role("heading", name="Welcome back")).to_be_visible()
        expect(member.get_by_text("unread")).to_have_count(0)
        expect(_dashboard_feedback(member)).to_have_count(0)

        visit(member, f"{base}{plan.get_absolute_url()}")
        section = member.locator("#feedback")
        expect(section.get_by_role("heading", level=2)).to_have_text(
            "Feedback from your coach"
        )
        expect(section).not_to_contain_text("1 new")
        expect(section.locator(".badge")).to_have_count(0)
        expect(section).to_contain_text(FEEDBACK[:40])
        expect(section).to_contain_text("on “Step 2”")
        assert member_csp == []
    finally:
        context.close()


def _expect_activation_page(page: Page) -> str:
    """The activation page with its QR code; returns the secret it shows."""
    expect(
        page.get_by_role("heading", name="Activate Authenticator App")
    ).to_be_visible()
    secret = page.get_by_label("Authenticator secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    qr = page.get_by_role("img", name=secret)
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    return secret


def test_staff_without_authenticator_must_set_one_up(
    live_server, page: Page, csp_violations: list[str]
):
    staff = StaffFactory(group="Coaches", totp=False, name="Nova Newcoach")
    base = live_server.url

    sign_in(page, base, staff.email)
    assert "/accounts/2fa/authenticate/" not in page.url  # nothing to ask yet
    expect(page.get_by_role("heading", name="Welcome, Nova")).to_be_visible()

    # The admin sends them to set up an app; allauth first asks for the password.
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/\?next="))
    # The reason shows on the first page rendered after the redirect: this one.
    expect(page.locator(".messages")).to_contain_text(TWO_FACTOR_MESSAGE)
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    _expect_activation_page(page)
    # The page itself says why, even though the message was shown earlier.
    expect(page.locator("main")).to_contain_text(
        "set up an authenticator app here to continue to the admin"
    )
    assert_accessible(page)

    # Still no admin until the app is set up; the password is not asked again
    # so soon, and this time the reason shows on the activation page itself.
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(f"{base}/accounts/2fa/totp/activate/?next=/admin/")
    expect(page.locator(".messages")).to_contain_text(TWO_FACTOR_MESSAGE)
    # Each visit makes a new secret: use the one on the page now.
    secret = _expect_activation_page(page)
    assert_accessible(page)

    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert Authenticator.objects.filter(
        user=staff, type=Authenticator.Type.TOTP
    ).exists()

    page.goto(f"{base}/admin/")
    expect(page).to_have_url(f"{base}/admin/")
    expect(page.get_by_role("link", name="Clients", exact=True)).to_be_visible()
    assert csp_violations == []


def test_member_reads_feedback_without_javascript(
    live_server, no_js_page: Page, coaching: dict
):
    page = no_js_page
    csp = watch_csp(page)
    client: User = coaching["client"]
    plan: Plan = coaching["plan"]
    feedback = CoachFeedback.objects.create(
        plan=plan, coach=coaching["coach"], body=FEEDBACK,
        milestone=plan.milestones.get(title="Step 1"),
    )  # fmt: skip
    base = live_server.url

    sign_in(page, base, client.email)
    expect(page).to_have_url(f"{base}/")
    alert = _dashboard_feedback(page)
    expect(alert).to_contain_text("1 unread")
    expect(alert.get_by_text("New", exact=True)).to_be_visible()
    assert_accessible(page)

    visit(page, f"{base}{plan.get_absolute_url()}")
    expect(page.locator("#feedback h2")).to_contain_text("1 new")

    page.locator("#feedback").get_by_role("link").click()
    expect(page).to_have_url(f"{base}{feedback.get_absolute_url()}")
    expect(
        page.get_by_role("heading", name=f"Feedback from {COACH_NAME}")
    ).to_be_visible()
    expect(page.locator("blockquote")).to_contain_text(FEEDBACK)
    assert_accessible(page)
    feedback.refresh_from_db()
    assert feedback.read_at is None  # opening it writes nothing
    page.get_by_role("button", name="Mark as read").click()
    expect(page).to_have_url(f"{base}{plan.get_absolute_url()}#feedback")
    expect(page.get_by_role("status")).to_contain_text("marked as read")
    assert_accessible(page)
    feedback.refresh_from_db()
    assert feedback.read_at is not None
    expect(page.locator("#feedback h2")).to_have_text("Feedback from your coach")
    expect(page.locator("#feedback .badge")).to_have_count(0)

    visit(page, f"{base}/")
    expect(page.get_by_text("unread")).to_have_count(0)
    expect(_dashboard_feedback(page)).to_have_count(0)
    assert csp == []
