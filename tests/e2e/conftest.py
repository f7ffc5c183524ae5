"""Browser tests: Playwright drives Debian's Chromium against live_server."""

import os

import pytest

from tests.e2e.helpers import watch_csp

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _committed_database(transactional_db):
    """Browser tests read what they set up through a live server, in another
    thread: their database writes must be committed, not rolled back."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def csp_violations(page):
    """Console messages that report a Content-Security-Policy refusal."""
    return watch_csp(page)


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    # helpers.assert_accessible audits such pages through a scripted mirror.
    context.javascript_off = True
    page = context.new_page()
    yield page
    mirror = getattr(context, "axe_mirror", None)
    if mirror is not None:
        mirror.context.close()
    context.close()
