"""Shared steps for browser journeys."""

import re

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD, TOTP_SECRET, totp_code

_axe = Axe()


class _ScriptedMirror:
    """Serves a no-JavaScript page's DOM to a scripted page so axe can run.

    axe waits on timers, which never fire where scripts are disabled; the
    mirror blocks the site's own scripts so nothing changes the DOM.
    """

    def __init__(self, browser) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.html = ""
        self.page.route("**/*", self._serve)

    def _serve(self, route) -> None:
        if route.request.resource_type == "document":
            route.fulfill(content_type="text/html; charset=utf-8", body=self.html)
        elif route.request.resource_type == "script":
            route.abort()
        else:
            route.continue_()

    def show(self, page):
        self.html = page.content()
        self.page.goto(page.url)
        return self.page


def assert_accessible(page) -> None:
    """axe-core finds no violation on the current page (JavaScript on or off)."""
    if getattr(page.context, "javascript_off", False):
        mirror = getattr(page.context, "axe_mirror", None)
        if mirror is None:
            mirror = page.context.axe_mirror = _ScriptedMirror(page.context.browser)
        page = mirror.show(page)
    results = _axe.run(page)
    violations = results.response["violations"]
    assert not violations, "\n".join(
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


def watch_csp(page) -> list[str]:
    """CSP refusals, console errors and uncaught script errors on ``page``.

    A 4xx answer to a page or an htmx request is the server's deliberate reply,
    which each test checks itself: the browser's "Failed to load resource" note
    about it is left out, unless the resource is a static file.
    """
    found: list[str] = []

    def on_console(msg) -> None:
        text = msg.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            found.append(text)
        elif msg.type == "error":
            url = (msg.location or {}).get("url", "")
            deliberate = re.match(
                r"Failed to load resource: the server responded with a status of 4",
                text,
            )
            if not deliberate or "/static/" in url:
                found.append(f"console error: {text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: found.append(f"script error: {error}"))
    return found


def visit(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def confirmation_link(email_address: str) -> str:
    """The confirmation link from the last email sent to ``email_address``."""
    for message in reversed(mail.outbox):
        if email_address in message.to:
            match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
            if match:
                return match.group(0)
    raise AssertionError(f"No confirmation email for {email_address}")


def sign_in(page, base_url: str, email: str, *, password: str = PASSWORD,
            totp_secret: str = TOTP_SECRET) -> None:  # fmt: skip
    """Sign in through allauth, answering the two-factor step when asked."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.get_by_label("Code").fill(totp_code(totp_secret))
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_load_state()


def sign_in_as(page, base_url: str, user) -> None:
    """Sign ``user`` in without the sign-in pages: ``force_login`` on a test
    client, then its session cookie goes to the browser. Journeys that test
    signing in itself use ``sign_in``."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": base_url}]
    )
