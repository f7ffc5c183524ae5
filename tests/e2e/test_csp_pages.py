"""No page breaks the Content-Security-Policy: the admin's and allauth's included.

A superuser signs in through allauth, then opens each page; Chromium reports
every refused inline script or style on the console, which ``csp_violations``
collects. axe runs on allauth's pages (ours to style); the admin's markup is
Django's own.
"""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.e2e.helpers import assert_accessible, sign_in
from tests.factories import GuideFactory, StaffFactory, UserFactory

ADMIN_PAGES = [
    "/admin/",
    "/admin/accounts/user/",
    "/admin/accounts/user/add/",
    "/admin/accounts/user/{user_pk}/change/",
    "/admin/auth/group/",
    "/admin/accounts/user/?is_staff__exact=1&o=1",
    "/admin/guides/guide/",
    "/admin/guides/guide/add/",
]

SIGNED_OUT_ALLAUTH_PAGES = [
    ("/accounts/login/", "Sign In"),
    ("/accounts/signup/", "Sign Up"),
    ("/accounts/password/reset/", "Password Reset"),
]

SIGNED_IN_ALLAUTH_PAGES = [
    ("/accounts/email/", "Email Addresses"),
    ("/accounts/password/change/", "Change Password"),
]


@pytest.fixture
def superuser() -> User:
    return StaffFactory(is_superuser=True, name="Ada Admin")


def _sign_in(page: Page, base_url: str, user: User) -> None:
    sign_in(page, base_url, user.email)
    expect(page.get_by_role("heading", name="Welcome, Ada")).to_be_visible()


@pytest.fixture
def admin_page(live_server, page: Page, superuser: User) -> Page:
    _sign_in(page, live_server.url, superuser)
    return page


def test_console_reports_csp_refusals_under_the_site_policy(
    live_server, page: Page, csp_violations: list[str]
):
    """The check below is only worth something if a refusal would be seen."""
    response = page.goto(live_server.url + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    page.route(
        "**/csp-canary/",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": policy},
            body='<!DOCTYPE html><title>x</title><p style="color: red">x</p>',
        ),
    )
    page.goto(live_server.url + "/csp-canary/")
    expect(page.get_by_text("x")).to_be_visible()
    assert csp_violations
    assert "Content Security Policy" in csp_violations[0]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_page_has_no_csp_violation(
    live_server, admin_page: Page, superuser: User, csp_violations: list[str], path
):
    page = admin_page
    Group.objects.get_or_create(name="Coaches")
    GuideFactory(title="Data scientist or ML engineer")
    UserFactory(email="member@example.com")

    response = page.goto(live_server.url + path.format(user_pk=superuser.pk))
    assert response.status == 200, f"{path} answered {response.status}"
    expect(page.locator("#site-name")).to_have_text("Crossroads administration")
    expect(page.locator("#content")).to_be_visible()
    if "is_staff__exact=1" in path:
        # The filter really applied: only staff are listed.
        expect(page.locator("#result_list")).to_contain_text(superuser.email)
        expect(page.locator("#result_list")).not_to_contain_text("member@example.com")
    page.wait_for_load_state("load")
    assert csp_violations == []


@pytest.mark.parametrize(("path", "heading"), SIGNED_OUT_ALLAUTH_PAGES)
def test_signed_out_allauth_page_is_accessible_and_csp_clean(
    live_server, page: Page, csp_violations: list[str], path, heading
):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []


@pytest.mark.parametrize(("path", "heading"), SIGNED_IN_ALLAUTH_PAGES)
def test_signed_in_allauth_page_is_accessible_and_csp_clean(
    live_server, admin_page: Page, csp_violations: list[str], path, heading
):
    page = admin_page
    response = page.goto(live_server.url + path)
    assert response.status == 200
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []


def test_guide_editor_live_preview_keeps_to_the_csp(
    live_server, admin_page: Page, csp_violations: list[str]
):
    """The admin's Markdown preview is htmx: its requests and swaps, too."""
    page = admin_page
    response = page.goto(live_server.url + "/admin/guides/guide/add/")
    assert response.status == 200
    preview = page.get_by_role("region", name="Preview — as readers will see it")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("textbox", name="Body").fill(
            "## Where the work differs\n\nSome *words*."
        )
    expect(
        preview.get_by_role("heading", name="Where the work differs")
    ).to_be_visible()
    expect(preview.locator("em")).to_have_text("words")
    assert csp_violations == []
