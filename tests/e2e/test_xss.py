"""Stored XSS: hostile text in every field that is shown back never runs.

The payloads set ``window.__xss`` or open a dialog if they ever execute; the
pages that show them are opened in Chromium and checked for both.
"""

import pytest
from playwright.sync_api import Page

from guides.models import Guide
from plans.models import CoachFeedback, Milestone
from tests.e2e.helpers import sign_in
from tests.factories import (
    GuideFactory,
    StaffFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    "'><svg onload=window.__xss=1>",
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "javascript:window.__xss=1",
    "</textarea><script>window.__xss=1</script>",
    '<a href="javascript:window.__xss=1">click</a>',
    "{{ 7*7 }}<details open ontoggle=window.__xss=1>",
]
MARKDOWN = "\n\n".join(
    [
        f"## Heading {i}\n\n{p}\n\n[link](javascript:window.__xss=1)"
        for i, p in enumerate(PAYLOADS)
    ]
)


@pytest.fixture
def hostile_world(db):
    text = " ".join(PAYLOADS)
    coach = StaffFactory(group="Coaches", name=PAYLOADS[1][:150])
    member = UserFactory(
        name=PAYLOADS[2][:150], target_market=PAYLOADS[0][:120], coach=coach
    )
    guide = guide_with_assessment(
        body=MARKDOWN, summary=PAYLOADS[1], title="Hostile guide"
    )
    completed_assessment(member, guide, position=1)
    plan = make_plan(member, plan_template(guide), title=PAYLOADS[5][:200])
    Milestone.objects.filter(plan=plan).update(title=PAYLOADS[1][:200], notes=text,
                                               description=text)  # fmt: skip
    plan.reviews.create(decision="hybrid", note=text)
    feedback = CoachFeedback.objects.create(plan=plan, coach=coach, body=text)
    GuideFactory(title="Draft", status=Guide.Status.DRAFT)
    return member, plan, guide, feedback


def _watch(page: Page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def _assert_inert(page: Page, url: str, dialogs: list[str]) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # Open every <details> so toggle handlers, if any survived, would fire.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__xss") is None, url
    assert dialogs == [], url


def test_member_pages_show_hostile_text_inertly(live_server, page: Page, hostile_world):
    member, plan, guide, feedback = hostile_world
    dialogs = _watch(page)
    base = live_server.url
    sign_in(page, base, member.email)
    for url in [
        "/",
        "/accounts/profile/",
        plan.get_absolute_url(),
        f"/plans/{plan.pk}/evidence/",
        # The on-demand editors show the notes and titles back.
        *(
            f"/plans/{plan.pk}/milestones/{plan.milestones.first().pk}/{action}/"
            for action in ("details", "edit", "move", "delete")
        ),
        feedback.get_absolute_url(),
        guide.get_absolute_url(),
        "/guides/?q=" + "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
        member.assessments.first().get_absolute_url(),
        "/assessments/",
    ]:
        _assert_inert(page, base + url, dialogs)
    # The text itself is shown, escaped, not swallowed.
    page.goto(base + plan.get_absolute_url())
    assert "<script>window.__xss=1</script>" in page.locator("main").inner_text()


def test_coach_admin_shows_hostile_text_inertly(live_server, page: Page, hostile_world):
    member, plan, _, _ = hostile_world
    dialogs = _watch(page)
    base = live_server.url
    sign_in(page, base, member.coach.email)
    for url in [
        "/admin/accounts/client/",
        f"/admin/accounts/client/{member.pk}/change/",
        f"/admin/plans/plan/{plan.pk}/change/",
        "/admin/assessments/assessment/",
    ]:
        _assert_inert(page, base + url, dialogs)
