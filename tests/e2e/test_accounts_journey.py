"""The account journey in the browser: sign up, confirm, sign in, profile, sign out.

The journey runs twice, with JavaScript on (htmx boosts the navigation) and off
(plain links and form posts), and runs axe on every page it reaches.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import Level, User
from tests.e2e.helpers import assert_accessible, confirmation_link, visit, watch_csp
from tests.factories import PASSWORD, RoleFactory, UserFactory

NEW_EMAIL = "river.stone@example.com"
NEW_NAME = "River Stone"
NEW_PASSWORD = "lantern-orchard-7731"


def _fill_signup(
    page: Page,
    *,
    email: str = NEW_EMAIL,
    name: str = NEW_NAME,
    password: str = NEW_PASSWORD,
    password_again: str | None = None,
) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Name").fill(name)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_label("Password (again)").fill(
        password if password_again is None else password_again
    )
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()


@pytest.fixture(params=["javascript", "no-javascript"])
def journey(request):
    """(page, audit, CSP console messages, JavaScript on?) for each mode."""
    if request.param == "javascript":
        page = request.getfixturevalue("page")
        yield page, assert_accessible, request.getfixturevalue("csp_violations"), True
        return
    page = request.getfixturevalue("no_js_page")
    yield page, assert_accessible, watch_csp(page), False


def test_member_signs_up_confirms_edits_profile_and_signs_out(live_server, journey):
    page, check, csp_violations, javascript = journey

    def go(url: str) -> None:
        page.goto(url)
        check(page)

    role = RoleFactory(name="Data scientist", slug="data-scientist")
    RoleFactory(name="Machine learning engineer", slug="ml-engineer")

    # Sign up from the header (a boosted link when JavaScript is on).
    go(live_server.url + "/")
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Sign Up", level=1)).to_be_visible()
    check(page)

    _fill_signup(page)
    expect(
        page.get_by_role("heading", name="Verify Your Email Address")
    ).to_be_visible()
    check(page)
    user = User.objects.get(email=NEW_EMAIL)
    assert user.name == NEW_NAME
    assert not EmailAddress.objects.get(user=user, email=NEW_EMAIL).verified

    # Mandatory verification: signing in before confirming is refused.
    go(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(NEW_EMAIL)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(
        page.get_by_role("heading", name="Verify Your Email Address")
    ).to_be_visible()
    check(page)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    # The link in the email shows a Confirm button; confirming is a POST.
    link = confirmation_link(NEW_EMAIL)
    go(link)
    expect(page.get_by_role("heading", name="Confirm Email Address")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(NEW_EMAIL)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Sign In", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        f"You have confirmed {NEW_EMAIL}"
    )
    check(page)
    assert EmailAddress.objects.get(user=user, email=NEW_EMAIL).verified

    # Sign in.
    page.get_by_label("Email").fill(NEW_EMAIL)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name=f"Welcome, {NEW_NAME}")).to_be_visible()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("link", name="Complete your profile")).to_be_visible()
    check(page)

    # The header's Account link: boosted by htmx when JavaScript is on.
    if javascript:
        page.evaluate("() => { window.sameDocument = true; }")
    nav.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", name="Your profile", level=1)).to_be_visible()
    expect(page).to_have_url(live_server.url + "/accounts/profile/")
    expect(page).to_have_title("Your profile · Crossroads")
    if javascript:
        # htmx swapped the page in: the document (and its globals) survived.
        assert page.evaluate("() => window.sameDocument === true")
    check(page)

    page.get_by_label("Current role").select_option(label="Data scientist")
    page.get_by_label("Level").select_option(label="Senior")
    page.get_by_label("Target market").fill("  Berlin   startups ")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_have_text("Your profile is saved.")
    expect(page).to_have_url(live_server.url + "/accounts/profile/")
    # The saved values are shown back in the form.
    expect(page.get_by_label("Level")).to_have_value(Level.SENIOR)
    expect(page.get_by_label("Current role")).to_have_value(str(role.pk))
    expect(page.get_by_label("Target market")).to_have_value("Berlin startups")
    check(page)
    user.refresh_from_db()
    assert (user.current_role, user.level, user.target_market) == (
        role,
        Level.SENIOR,
        "Berlin startups",
    )

    # The dashboard shows the profile facts.
    page.get_by_role("link", name="Crossroads", exact=True).click()
    expect(page.get_by_role("heading", name=f"Welcome, {NEW_NAME}")).to_be_visible()
    for term, detail in [
        ("Current role", "Data scientist"),
        ("Level", "Senior"),
        ("Target market", "Berlin startups"),
    ]:
        expect(page.locator(f"dl dt:text-is('{term}') + dd")).to_have_text(detail)
    expect(page.get_by_role("link", name="Edit your profile")).to_be_visible()
    check(page)

    # Sign out from the header: allauth signs out on the POST, no extra page.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You have signed out.")
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Welcome back")
    check(page)

    # Signed out for real: the profile now asks for a sign-in.
    go(live_server.url + "/accounts/profile/")
    expect(page.get_by_role("heading", name="Sign In", level=1)).to_be_visible()
    assert "/accounts/login/" in page.url

    assert csp_violations == []


# Bad input at sign-up: the page says what is wrong and no account is made.


@pytest.fixture
def signup_page(live_server, page: Page) -> Page:
    visit(page, live_server.url + "/accounts/signup/")
    return page


def _submit_signup(page: Page, **fields: str) -> int:
    """Fill and send the sign-up form; the status of the POST's response."""
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/accounts/signup/" in r.url
    ) as response:
        _fill_signup(page, **fields)
    return response.value.status


def _assert_refused(page: Page, field, message: str) -> None:
    """The sign-up form is shown again with ``message`` tied to ``field``."""
    expect(page.get_by_role("heading", name="Sign Up", level=1)).to_be_visible()
    expect(page.locator("main .errorlist")).to_contain_text([message])
    # Announced with the field, not only shown near it.
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(re.escape(message)))
    assert_accessible(page)


def test_signup_with_mismatched_passwords_shows_error(signup_page: Page):
    page = signup_page
    status = _submit_signup(page, password_again="lantern-orchard-7732")
    assert status == 400
    _assert_refused(
        page,
        page.get_by_label("Password (again)"),
        "You must type the same password each time.",
    )
    assert User.objects.count() == 0
    assert mail.outbox == []
    # What was typed is kept, so only the mistake needs fixing.
    expect(page.get_by_label("Email")).to_have_value(NEW_EMAIL)
    expect(page.get_by_label("Name")).to_have_value(NEW_NAME)


def test_signup_with_weak_password_shows_error(signup_page: Page):
    page = signup_page
    assert _submit_signup(page, password="password") == 400
    password = page.get_by_label(re.compile(r"^Password:?$"))
    _assert_refused(page, password, "This password is too common.")
    expect(page.locator("main .errorlist")).to_contain_text(
        "This password is too short."
    )
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_signup_with_too_long_name_shows_error(signup_page: Page):
    page = signup_page
    name = page.get_by_label("Name")
    # The browser stops at 150 characters...
    name.fill("N" * 151)
    expect(name).to_have_value("N" * 150)
    # ...and the server still refuses a longer name sent without that limit.
    name.evaluate("el => el.removeAttribute('maxlength')")
    assert _submit_signup(page, name="N" * 151) == 400
    _assert_refused(
        page,
        page.get_by_label("Name"),
        "Ensure this value has at most 150 characters (it has 151).",
    )
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_signup_with_taken_email_shows_error(signup_page: Page):
    owner = UserFactory(email="taken@example.com")
    page = signup_page
    assert _submit_signup(page, email="Taken@Example.com", name="Someone") == 400
    _assert_refused(
        page,
        page.get_by_label("Email"),
        "A user is already registered with this email address.",
    )
    assert list(User.objects.values_list("pk", flat=True)) == [owner.pk]
    owner.refresh_from_db()
    assert owner.name != "Someone"
    assert owner.check_password(PASSWORD)
    assert mail.outbox == []
