"""The result page in the browser: labelled bars, the agreement and hybrid
explanation, at desktop and phone widths, with JavaScript on and off."""

import pytest
from playwright.sync_api import Page, expect

from assessments import services
from assessments.models import FitStatement
from guides.models import Guide, Role
from publishing.importer import import_content
from tests.content_data import MAIN_GUIDE_SLUG, QUESTIONS
from tests.e2e.helpers import assert_accessible, sign_in_as, visit
from tests.factories import UserFactory

SHORTS = [q["short"] for q in QUESTIONS]
WIDTHS = [(1280, 900), (390, 844)]


@pytest.fixture
def hybrid_result(transactional_db):
    """Strong answers both ways, the hybrid market answer and a dislike."""
    import_content()
    guide = Guide.objects.get(slug=MAIN_GUIDE_SLUG)
    member = UserFactory(current_role=Role.objects.get(slug="data-scientist"))
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    positions = [2, -2, 1, 1, 0]
    for question, position in zip(guide.questions.all(), positions, strict=True):
        option = question.options.filter(position=position).order_by("-hybrid")[0]
        services.record_answer(assessment=assessment, question=question, option=option)
    dislike = FitStatement.objects.get(
        guide=guide, kind="dislikes", role__slug="data-scientist"
    )
    assessment = services.complete_assessment(
        assessment=assessment, fit_statement_ids=[dislike.pk]
    )
    assert assessment.result["leaning"] == "hybrid"
    return member, assessment


def _no_horizontal_overflow(page: Page) -> None:
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => !(e.parentElement && e.parentElement.closest('.table-scroll')) && "
        "e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' '"
        " + Math.round(e.getBoundingClientRect().right))"
    )
    assert widths[0] <= widths[1], f"{widths[0]}px wide in {widths[1]}px: {wide}"


def _check(page: Page, url: str) -> None:
    visit(page, url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your answers point to hybrid work between Data Scientist and "
        "Machine Learning Engineer"
    )
    # The page carries a wide and a narrow chart; the stylesheet shows the one
    # that fits the screen.
    svg = page.locator("svg.diverging:visible")
    expect(svg).to_have_count(1)
    labels = svg.locator("text.diverging__label")
    expected = [f"{n}. {s}" for n, s in enumerate(SHORTS, start=1)]
    expected.append("6. Dislike (Data Scientist)")
    expect(labels).to_have_text(expected)
    # Each label sits on its own line above its bar, inside the chart.
    chart = svg.bounding_box()
    for index in range(len(expected)):
        box = labels.nth(index).bounding_box()
        assert box["width"] > 0
        assert chart["x"] - 1 <= box["x"]
        assert box["x"] + box["width"] <= chart["x"] + chart["width"] + 1
    agreement = page.locator("#agreement")
    expect(agreement).to_contain_text("answers")
    expect(agreement).to_contain_text("counts against Data Scientist")
    expect(page.locator("#hybrid-roles li")).to_have_count(4)
    expect(page.locator("#both-directions a")).to_have_count(2)
    rows = page.locator("table.contributions tbody th")
    expect(rows.first).to_contain_text("1. Main output")
    _no_horizontal_overflow(page)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_result_page_with_javascript(page: Page, live_server, csp_violations,
                                     hybrid_result, width, height) -> None:  # fmt: skip
    member, assessment = hybrid_result
    page.set_viewport_size({"width": width, "height": height})
    sign_in_as(page, live_server.url, member)
    _check(page, live_server.url + assessment.get_absolute_url())
    assert csp_violations == []


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_result_page_without_javascript(no_js_page: Page, live_server,
                                        hybrid_result, width, height) -> None:  # fmt: skip
    member, assessment = hybrid_result
    no_js_page.set_viewport_size({"width": width, "height": height})
    sign_in_as(no_js_page, live_server.url, member)
    _check(no_js_page, live_server.url + assessment.get_absolute_url())
    # The plan links work as plain links, from the member's own role.
    no_js_page.locator("#both-directions a").nth(1).click()
    expect(no_js_page.get_by_role("heading", level=1)).to_have_text("Set up your plan")
    expect(no_js_page.locator(".eyebrow")).to_contain_text(
        "Data Scientist → Machine Learning Engineer"
    )
    assert_accessible(no_js_page)
