"""The assessment journey in the browser: questions, fit statements, result.

The journey runs with JavaScript on (htmx swaps only the current step and
pushes its URL) and off (plain form posts that redirect), and runs axe on every
page and every step it reaches. Resuming, refusing an empty answer, history
and compare, and the sign-in detour for visitors are covered too.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Level, User
from assessments.models import Answer, Assessment
from guides.models import Guide, Role
from publishing.importer import import_content
from tests.content_data import FIT_STATEMENTS, QUESTIONS
from tests.content_data import MAIN_GUIDE_SLUG as GUIDE_SLUG
from tests.e2e.helpers import assert_accessible, visit, watch_csp
from tests.factories import PASSWORD, UserFactory, completed_assessment

TOTAL = len(QUESTIONS)
GUIDE_PATH = f"/guides/{GUIDE_SLUG}/"
START_PATH = f"{GUIDE_PATH}assessment/"
INTRO_TITLE = "Data Scientist or Machine Learning Engineer: which way do you lean?"
MLE = "Machine Learning Engineer"
DS = "Data Scientist"
CHOOSE_ONE = "Choose one answer to continue."
# Two Machine Learning Engineer "likes" statements the member ticks.
TICKED = [
    s["text"]
    for s in FIT_STATEMENTS
    if s["role"] == "machine-learning-engineer" and s["kind"] == "likes"
][:2]


def _expected_score() -> int:
    """Every answer at +2, and 2 of 5 MLE statements (0 of 5 DS) ticked.

    Worked out independently of assessments.scoring: the fit statements add a
    weight-1 signal at 2 * (2/5 - 0/5) = 0.8 to the weighted mean position.
    """
    weights = [q["weight"] for q in QUESTIONS]
    raw = (sum(2 * w for w in weights) + 0.8) / (2 * (sum(weights) + 1)) * 100
    return round(raw)


@pytest.fixture
def guide(transactional_db) -> Guide:
    import_content()
    guide = Guide.objects.get(slug=GUIDE_SLUG)
    assert guide.questions.count() == TOTAL
    assert guide.fit_statements.count() == len(FIT_STATEMENTS)
    return guide


@pytest.fixture
def senior_data_scientist(guide) -> User:
    user = UserFactory(level=Level.SENIOR)
    user.current_role = Role.objects.get(slug="data-scientist")
    user.save()
    return user


def _sign_in(page: Page, base_url: str, email: str, *, go: bool = True) -> None:
    """Sign in through allauth's form; ``go=False`` when already on the form."""
    if go:
        visit(page, base_url + "/accounts/login/")
    else:
        assert_accessible(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _open_intro_from_guide(page: Page, base_url: str) -> None:
    page.goto(base_url + GUIDE_PATH)
    assert_accessible(page)
    page.get_by_role("link", name="Take the assessment", exact=True).click()
    expect(page).to_have_url(base_url + START_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(INTRO_TITLE)
    assert_accessible(page)


def _step(page: Page):
    return page.locator("#assessment-step")


def _question(page: Page, number: int):
    """The fieldset of question ``number``, checked against the seed content."""
    step = _step(page)
    expect(step.locator("#progress-label")).to_have_text(
        f"Question {number} of {TOTAL}"
    )
    fieldset = step.get_by_role("group", name=QUESTIONS[number - 1]["prompt"])
    expect(fieldset).to_be_visible()
    expect(fieldset.get_by_role("radio")).to_have_count(
        len(QUESTIONS[number - 1]["options"])
    )
    return fieldset


def _label(number: int, index: int) -> str:
    return QUESTIONS[number - 1]["options"][index]["label"]


def _choose(page: Page, number: int, index: int) -> None:
    fieldset = _question(page, number)
    fieldset.get_by_label(_label(number, index), exact=True).check()
    button = "Next: what you enjoy" if number == TOTAL else "Next question"
    _step(page).get_by_role("button", name=button).click()


def _assert_checked(page: Page, number: int, index: int) -> None:
    fieldset = _question(page, number)
    expect(fieldset.get_by_label(_label(number, index), exact=True)).to_be_checked()
    expect(fieldset.locator("input[type=radio]:checked")).to_have_count(1)


def _step_url(base_url: str, assessment: Assessment, step: int) -> str:
    return f"{base_url}/assessments/{assessment.pk}/?step={step}"


def _answers(assessment: Assessment) -> dict[int, str]:
    """Question order -> chosen option label, as saved."""
    return {
        a.question.order: a.option_label
        for a in Answer.objects.filter(assessment=assessment).select_related("question")
    }


def _run_questions(page: Page, base_url: str, member: User, *, js: bool) -> Assessment:
    """Answer every question, most MLE-leaning; question 2 via a Back and change."""
    page.get_by_role("button", name="Start the assessment").click()
    assessment = Assessment.objects.get(member=member)
    expect(page).to_have_url(f"{base_url}/assessments/{assessment.pk}/")
    expect(page).to_have_title(re.compile(rf"^Question 1 of {TOTAL} "))
    _question(page, 1)
    expect(_step(page).get_by_role("link", name="Back")).to_have_count(0)
    assert_accessible(page)
    if js:
        # Survives only as long as the document does: a full load clears it.
        page.evaluate("window.__marker = 'same-document'")

    def still_same_document() -> None:
        if js:
            assert page.evaluate("window.__marker") == "same-document"

    _choose(page, 1, -1)
    expect(page).to_have_url(_step_url(base_url, assessment, 2))
    still_same_document()
    assert_accessible(page)

    # Question 2 first gets a milder answer, changed after going back.
    _choose(page, 2, 3)
    expect(page).to_have_url(_step_url(base_url, assessment, 3))
    _question(page, 3)
    still_same_document()
    assert _answers(assessment) == {1: _label(1, -1), 2: _label(2, 3)}
    assert_accessible(page)

    back = _step(page).get_by_role("link", name="Back")
    expect(back).to_have_attribute("href", f"/assessments/{assessment.pk}/?step=2")
    back.click()
    expect(page).to_have_url(_step_url(base_url, assessment, 2))
    _assert_checked(page, 2, 3)
    still_same_document()
    assert_accessible(page)
    _choose(page, 2, -1)
    expect(page).to_have_url(_step_url(base_url, assessment, 3))
    assert _answers(assessment)[2] == _label(2, -1)

    for number in range(3, TOTAL + 1):
        _question(page, number)
        if number > 3:
            still_same_document()
            assert_accessible(page)
        _choose(page, number, -1)

    expect(page).to_have_url(_step_url(base_url, assessment, TOTAL + 1))
    step = _step(page)
    expect(step.locator("#progress-label")).to_have_text("Last step: what you enjoy")
    expect(
        step.get_by_role("heading", name="Tick whatever sounds like you")
    ).to_be_visible()
    expect(step.get_by_role("checkbox")).to_have_count(len(FIT_STATEMENTS))
    still_same_document()
    assert_accessible(page)
    assert _answers(assessment) == {n: _label(n, -1) for n in range(1, TOTAL + 1)}
    assert not Assessment.objects.get(pk=assessment.pk).is_complete

    for text in TICKED:
        step.get_by_label(text, exact=True).check()
    step.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(f"{base_url}/assessments/{assessment.pk}/")
    return assessment


def _check_result(page: Page, base_url: str, assessment: Assessment) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(f"You lean towards {MLE}")
    expect(page.locator("#score")).to_have_text(f"+{_expected_score()}")
    assessment.refresh_from_db()
    assert assessment.is_complete
    assert assessment.result["score"] == _expected_score()
    assert sorted(assessment.fit_statements.values_list("text", flat=True)) == sorted(
        TICKED
    )

    advice = page.locator("section[aria-labelledby=advice-title]")
    expect(advice.get_by_role("heading")).to_have_text(
        "What this means at your level (Senior)"
    )
    expect(advice).to_contain_text("track record is most convincing")

    enjoy = page.locator("section[aria-labelledby=enjoy-title]")
    for text in TICKED:
        expect(enjoy.get_by_role("listitem").filter(has_text=text)).to_have_count(1)

    why = page.locator("section[aria-labelledby=why-title]")
    expect(why.get_by_role("heading", name="Why: what each answer did")).to_be_visible()
    table = why.get_by_role("table", name="Your answers and their pull on the score")
    rows = table.locator("tbody tr")
    # One row per question plus one for the ticked statements.
    expect(rows).to_have_count(TOTAL + 1)
    for number in range(1, TOTAL + 1):
        expect(rows.filter(has_text=QUESTIONS[number - 1]["prompt"])).to_contain_text(
            _label(number, -1)
        )
    links = table.get_by_role("link", name=re.compile("^The guide on this"))
    expect(links).to_have_count(TOTAL)

    next_step = page.locator("section[aria-labelledby=next-title]")
    expect(next_step.get_by_role("heading")).to_have_text("Your next step")
    expect(next_step).to_contain_text(
        f"You lean towards {MLE}, and today you work as {DS}"
    )
    expect(next_step.get_by_role("link")).to_have_count(1)
    assert_accessible(page)

    # Follow the link of the interview question: the guide opens at that section.
    interviews = QUESTIONS[2]
    section = interviews["section"]
    link = table.get_by_role(
        "link",
        name=f"The guide on this question, “{interviews['short']}”",
    )
    expect(link).to_have_attribute("href", f"{GUIDE_PATH}#{section}")
    link.click()
    expect(page).to_have_url(f"{base_url}{GUIDE_PATH}#{section}")
    heading = page.locator(f"#{section}")
    expect(heading).to_have_text("How the interviews differ")
    expect(heading).to_be_in_viewport()
    assert_accessible(page)


def test_member_takes_assessment_with_javascript(
    page: Page, live_server, csp_violations, senior_data_scientist
) -> None:
    base_url = live_server.url
    htmx_requests: list[str] = []
    page.on(
        "request",
        lambda r: htmx_requests.append(r.url) if r.headers.get("hx-request") else None,
    )
    _sign_in(page, base_url, senior_data_scientist.email)
    _open_intro_from_guide(page, base_url)
    expect(page.locator("main")).to_contain_text("your level (Senior)")

    assessment = _run_questions(page, base_url, senior_data_scientist, js=True)
    # Five answers, one changed answer and one Back went through htmx.
    answered = [u for u in htmx_requests if u.endswith(f"/{assessment.pk}/answer/")]
    assert len(answered) == TOTAL + 1
    assert any(u.endswith("?step=2") for u in htmx_requests)

    _check_result(page, base_url, assessment)
    assert csp_violations == []


def test_member_takes_assessment_without_javascript(
    no_js_page: Page, live_server, senior_data_scientist
) -> None:
    page, base_url = no_js_page, live_server.url
    csp = watch_csp(page)
    posts: list[str] = []
    page.on(
        "request",
        lambda r: posts.append(r.url) if r.method == "POST" else None,
    )
    redirects: list[int] = []
    page.on(
        "response",
        lambda r: redirects.append(r.status) if r.request.method == "POST" else None,
    )
    _sign_in(page, base_url, senior_data_scientist.email)
    _open_intro_from_guide(page, base_url)

    assessment = _run_questions(page, base_url, senior_data_scientist, js=False)
    # Every step was an ordinary form post answered with 303 See Other.
    answered = [u for u in posts if u.endswith(f"/{assessment.pk}/answer/")]
    assert len(answered) == TOTAL + 1
    assert posts[-1].endswith(f"/{assessment.pk}/finish/")
    assert redirects[-(TOTAL + 3) :] == [303] * (TOTAL + 3)

    _check_result(page, base_url, assessment)
    assert csp == []


def test_member_resumes_where_they_left_off(
    page: Page, live_server, csp_violations, guide
) -> None:
    base_url = live_server.url
    member = UserFactory()
    _sign_in(page, base_url, member.email)
    _open_intro_from_guide(page, base_url)
    page.get_by_role("button", name="Start the assessment").click()
    _choose(page, 1, 1)
    _choose(page, 2, 2)
    _question(page, 3)

    visit(page, base_url + "/guides/")
    _open_intro_from_guide(page, base_url)
    expect(page.get_by_role("button", name="Start the assessment")).to_have_count(0)
    page.get_by_role("button", name="Resume where you left off").click()

    assessment = Assessment.objects.get(member=member)
    expect(page).to_have_url(f"{base_url}/assessments/{assessment.pk}/")
    _question(page, 3)
    expect(page.locator("#assessment-step input[type=radio]:checked")).to_have_count(0)
    assert_accessible(page)

    _step(page).get_by_role("link", name="Back").click()
    _assert_checked(page, 2, 2)
    _step(page).get_by_role("link", name="Back").click()
    _assert_checked(page, 1, 1)
    assert_accessible(page)
    assert Assessment.objects.filter(member=member).count() == 1
    assert _answers(assessment) == {1: _label(1, 1), 2: _label(2, 2)}
    assert csp_violations == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_next_without_choosing_asks_for_an_answer(
    request, live_server, guide, javascript
) -> None:
    page = request.getfixturevalue("page" if javascript else "no_js_page")
    csp = watch_csp(page)
    base_url = live_server.url
    member = UserFactory()
    _sign_in(page, base_url, member.email)
    visit(page, base_url + START_PATH)
    page.get_by_role("button", name="Start the assessment").click()
    assessment = Assessment.objects.get(member=member)
    _question(page, 1)
    if javascript:
        page.evaluate("window.__marker = 'same-document'")

    _step(page).get_by_role("button", name="Next question").click()
    error = _step(page).get_by_role("alert")
    expect(error).to_have_text(CHOOSE_ONE)
    _question(page, 1)
    if javascript:
        # htmx swapped the 400 fragment in place, without a page load.
        assert page.evaluate("window.__marker") == "same-document"
    else:
        expect(page).to_have_url(f"{base_url}/assessments/{assessment.pk}/answer/")
    expect(page.get_by_role("group", name=QUESTIONS[0]["prompt"])).to_have_attribute(
        "aria-describedby", "option-errors"
    )
    assert_accessible(page)
    assert not Answer.objects.filter(assessment=assessment).exists()

    # The member can still go on from the error.
    _choose(page, 1, 0)
    _question(page, 2)
    expect(page.get_by_text(CHOOSE_ONE)).to_have_count(0)
    assert _answers(assessment) == {1: _label(1, 0)}
    assert csp == []


def test_member_compares_two_results(
    page: Page, live_server, csp_violations, guide
) -> None:
    base_url = live_server.url
    member = UserFactory()
    earlier = completed_assessment(member, guide, position=-2)
    later = completed_assessment(member, guide, position=2)
    assert earlier.completed_at < later.completed_at

    _sign_in(page, base_url, member.email)
    visit(page, base_url + "/assessments/")
    history = page.get_by_role("table", name=re.compile("Every assessment you have"))
    rows = history.locator("tbody tr")
    expect(rows).to_have_count(2)
    # Newest first.
    expect(rows.nth(0)).to_contain_text(f"Leans {MLE}")
    expect(rows.nth(0).locator("td.num")).to_have_text("+100")
    expect(rows.nth(1)).to_contain_text(f"Leans {DS}")
    expect(rows.nth(1).locator("td.num")).to_have_text("-100")

    compare = page.locator("section[aria-labelledby=compare-title]")
    expect(compare.get_by_role("heading")).to_have_text("Compare two results")
    compare.get_by_label("Earlier result").select_option(str(earlier.pk))
    compare.get_by_label("Later result").select_option(str(later.pk))
    compare.get_by_role("button", name="Compare").click()

    expect(page).to_have_url(
        f"{base_url}/assessments/compare/?a={earlier.pk}&b={later.pk}"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How your answers changed"
    )
    expect(page.locator(".lead")).to_contain_text(f"+200, towards {MLE}")
    table = page.get_by_role("table", name=re.compile("^Answers side by side"))
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(TOTAL)
    expect(rows.filter(has_text="Changed")).to_have_count(TOTAL)
    first = rows.filter(has_text=QUESTIONS[0]["prompt"])
    expect(first.locator("td").nth(0)).to_contain_text(_label(1, 0))
    expect(first.locator("td").nth(1)).to_contain_text(_label(1, -1))
    # The pulls read as on the result pages: whole points and a direction.
    expect(first.locator("td").nth(0)).to_contain_text(f"towards {DS}")
    expect(first.locator("td").nth(1)).to_contain_text(f"towards {MLE}")
    assert_accessible(page)
    assert csp_violations == []


def test_visitor_signs_in_and_returns_to_the_intro(
    page: Page, live_server, csp_violations, guide
) -> None:
    base_url = live_server.url
    member = UserFactory()
    page.goto(base_url + START_PATH)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    _sign_in(page, base_url, member.email, go=False)

    expect(page).to_have_url(base_url + START_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(INTRO_TITLE)
    expect(page.get_by_role("button", name="Start the assessment")).to_be_visible()
    assert_accessible(page)
    assert not Assessment.objects.filter(member=member).exists()
    assert csp_violations == []
