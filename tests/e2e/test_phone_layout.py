"""Every journey page fits a 390-pixel phone screen, with readable charts."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from tests.e2e.journey import build_journey

PHONE = {"width": 390, "height": 844}
MIN_CHART_TEXT_PX = 11

# For each visible SVG text, its font size as rendered on screen.
CHART_TEXT_SIZES = """
() => [...document.querySelectorAll('svg text')].flatMap((t) => {
  const box = t.getBoundingClientRect();
  const ctm = t.getScreenCTM();
  if (!ctm || box.width === 0 || box.height === 0) return [];
  const scale = Math.hypot(ctm.a, ctm.b);
  const size = parseFloat(getComputedStyle(t).fontSize) * scale;
  return [[t.textContent.trim(), Math.round(size * 10) / 10]];
})
"""


def _problems(page: Page, url: str) -> list[str]:
    page.goto(url)
    found = []
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    if width > viewport:
        wide = page.evaluate(
            """(limit) => [...document.querySelectorAll('main *')]
              .filter((e) => e.getBoundingClientRect().right > limit + 0.5)
              .slice(0, 3).map((e) => e.tagName + '.' + e.className)""",
            viewport,
        )
        found.append(f"{url}: {width}px wide in a {viewport}px viewport ({wide})")
    small = [
        (text, size)
        for text, size in page.evaluate(CHART_TEXT_SIZES)
        if size < MIN_CHART_TEXT_PX
    ]
    if small:
        found.append(f"{url}: chart text under {MIN_CHART_TEXT_PX}px: {small[:4]}")
    # No header control alone on a row of its own.
    rows = page.evaluate(
        """() => {
          const items = [...document.querySelectorAll(
            '.site-header .brand, .site-nav li, .sign-out button')];
          const rows = {};
          for (const e of items) {
            const top = Math.round(e.getBoundingClientRect().top / 8);
            (rows[top] = rows[top] || []).push(e.textContent.trim());
          }
          return Object.values(rows);
        }"""
    )
    alone = [row for row in rows if len(row) == 1 and row != ["Crossroads"]]
    if alone:
        found.append(f"{url}: {alone[0][0]!r} alone on a row of the header: {rows}")
    return found


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


def test_every_journey_page_fits_a_phone(live_server, phone) -> None:
    journey = build_journey()
    page = phone.new_page()
    problems = []
    for url in journey.anonymous:
        problems += _problems(page, live_server.url + url)
    client = Client()
    client.force_login(journey.member)
    phone.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])  # fmt: skip
    for url in journey.signed_in:
        problems += _problems(page, live_server.url + url)
    assert problems == [], "\n".join(problems)


def test_guide_page_on_a_phone_has_short_contents_and_hints_at_scrolling(
    live_server, phone
) -> None:
    journey = build_journey()
    page = phone.new_page()
    page.goto(live_server.url + journey.anonymous[2])
    contents = page.get_by_role("navigation", name="On this page")
    # Folded, the contents leave room for the guide on the first screen.
    assert contents.bounding_box()["height"] < PHONE["height"] / 6
    expect(contents.get_by_role("link", name="At a glance")).to_be_hidden()
    contents.get_by_text("Show all sections").click()
    expect(contents.get_by_role("link", name="At a glance")).to_be_visible()
    expect(page.locator("#glance-hint")).to_be_visible()
    glance = page.get_by_role("region", name=re.compile("compared"))
    assert glance.evaluate("e => e.scrollWidth > e.clientWidth")
    # On a wide screen the contents are open beside the guide; no hint.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(contents.get_by_text("Show all sections")).to_be_hidden()
    expect(contents.get_by_role("link", name="At a glance")).to_be_visible()
    expect(page.locator("#glance-hint")).to_be_hidden()
