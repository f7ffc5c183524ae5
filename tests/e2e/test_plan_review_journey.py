"""The dashboard's prompt to review a plan the latest result leans away from,
with JavaScript on and off."""

import pytest
from playwright.sync_api import Page, expect

from guides.models import Guide, Role
from plans.models import PlanTemplate, ReviewDecision
from publishing.importer import import_content
from tests.content_data import MAIN_GUIDE_SLUG
from tests.e2e.helpers import assert_accessible, sign_in_as, visit
from tests.factories import UserFactory, completed_assessment, make_plan


@pytest.fixture
def contradicted(transactional_db):
    """A data scientist on the DS → MLE plan whose new result leans DS."""
    import_content()
    guide = Guide.objects.get(slug=MAIN_GUIDE_SLUG)
    member = UserFactory(current_role=Role.objects.get(slug="data-scientist"))
    template = PlanTemplate.objects.get(
        guide=guide,
        from_role__slug="data-scientist",
        to_role__slug="machine-learning-engineer",
    )
    plan = make_plan(member, template, target_date=None)
    completed_assessment(member, guide, position=-2)
    return member, plan


def _review_from_dashboard(page: Page, base_url: str, member, plan) -> None:
    sign_in_as(page, base_url, member)
    visit(page, base_url + "/")
    prompt = page.locator("#plan-review")
    expect(prompt.get_by_role("heading")).to_have_text(
        "Your latest result points away from your plan"
    )
    expect(prompt).to_contain_text("leads to Machine Learning Engineer")
    expect(prompt).to_contain_text("leans towards Data Scientist")
    prompt.get_by_label("Note (optional: what changed)").fill("An applied-AI team.")
    prompt.get_by_role("button", name="Go hybrid").click()
    expect(page).to_have_url(f"{base_url}{plan.get_absolute_url()}#reviews")
    expect(page.locator("#reviews")).to_contain_text("Go hybrid")
    assert_accessible(page)
    review = ReviewDecision.objects.get(plan=plan)
    assert (review.decision, review.note) == ("hybrid", "An applied-AI team.")
    visit(page, base_url + "/")
    expect(page.locator("#plan-review")).to_have_count(0)


def test_review_from_the_dashboard_with_javascript(
    page: Page, live_server, csp_violations, contradicted
) -> None:
    _review_from_dashboard(page, live_server.url, *contradicted)
    assert csp_violations == []


def test_review_from_the_dashboard_without_javascript(
    no_js_page: Page, live_server, contradicted
) -> None:
    _review_from_dashboard(no_js_page, live_server.url, *contradicted)
