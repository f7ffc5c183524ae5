"""Coach pages in the admin raise no browser error and pass axe.

Every console error or uncaught exception on a page a coach opens fails the
test (a broken script in the admin shows itself nowhere else).
"""

import pytest
from playwright.sync_api import Page

from coaching import services
from plans.checkins import record_checkin
from tests.e2e.helpers import sign_in
from tests.factories import (
    StaffFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)


@pytest.fixture
def coached(transactional_db) -> dict:
    guide = guide_with_assessment()
    coach = StaffFactory(group="Coaches", name="Casey Coach")
    client = UserFactory(coach=coach, name="Morgan Member")
    plan = make_plan(client, plan_template(guide), title="Morgan's switch")
    assessment = completed_assessment(client, guide, position=2)
    assessment.fit_statements.add(*guide.fit_statements.all()[:1])
    record_checkin(plan=plan, hours=4, confidence=3, blocker="Little time")
    services.send_message(author=client, plan=plan, body="Is step 2 enough?")
    services.add_note(coach=coach, client=client, body="Prefers mornings")
    return {"coach": coach, "client": client, "plan": plan, "assessment": assessment}


def watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_coach_admin_pages_raise_no_console_error(live_server, page: Page, coached):
    errors = watch_errors(page)
    base = live_server.url
    sign_in(page, base, coached["coach"].email)
    plan, assessment = coached["plan"], coached["assessment"]
    for path in [
        "/admin/",
        "/admin/accounts/client/",
        "/admin/accounts/client/?o=-3",
        f"/admin/accounts/client/{coached['client'].pk}/change/",
        "/admin/plans/plan/",
        f"/admin/plans/plan/{plan.pk}/change/",
        "/admin/assessments/assessment/",
        f"/admin/assessments/assessment/{assessment.pk}/change/",
        "/admin/coaching/coachnote/",
        "/admin/coaching/coachnote/add/",
    ]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(base + path.split("?")[0]), page.url
        assert not errors, (path, errors)
