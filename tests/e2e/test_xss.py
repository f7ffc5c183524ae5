"""Stored XSS: hostile text in every field that is shown back never runs.

The payloads set ``window.__xss`` or open a dialog if they ever execute; the
pages that show them are opened in Chromium and checked for both. The CSP
would block most of them even if they were not escaped, so each page is also
checked for the elements and attributes the payloads would inject: none may
be in the DOM.
"""

import pytest
from playwright.sync_api import Page

from coaching.models import CoachFeedback
from guides.models import Guide
from plans.models import Milestone
from tests.e2e.helpers import sign_in_as
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


# What the payloads would add to the DOM if any of them were not escaped:
# event-handler attributes, script-bearing URLs, scripts and frames.
INJECTED = """() => {
  const found = new Set();
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const handler = /^on/i.test(attr.name);
      const url = /^(href|src|srcdoc|action|formaction|xlink:href)$/i.test(attr.name)
        && /javascript:|__xss/i.test(attr.value);
      if (handler || url) found.add(el);
    }
    if (["SCRIPT", "IFRAME"].includes(el.tagName) && /__xss/.test(el.outerHTML)) {
      found.add(el);
    }
  }
  return [...found].map((el) => el.outerHTML.slice(0, 120));
}"""


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
    assert page.evaluate(INJECTED) == [], url


def test_the_dom_check_finds_every_payload_left_unescaped(page: Page):
    page.set_content("".join(f"<div>{p}</div>" for p in PAYLOADS[:4] + PAYLOADS[5:]))
    found = page.evaluate(INJECTED)
    # script, img onerror, svg onload, iframe, second script, a href, ontoggle.
    assert len(found) == 7, found


def test_member_pages_show_hostile_text_inertly(live_server, page: Page, hostile_world):
    member, plan, guide, feedback = hostile_world
    dialogs = _watch(page)
    base = live_server.url
    sign_in_as(page, base, member)
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
    sign_in_as(page, base, member.coach)
    for url in [
        "/admin/accounts/client/",
        f"/admin/accounts/client/{member.pk}/change/",
        f"/admin/plans/plan/{plan.pk}/change/",
        "/admin/assessments/assessment/",
    ]:
        _assert_inert(page, base + url, dialogs)
