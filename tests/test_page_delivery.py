"""How pages reach the browser: compressed, with htmx that never blocks."""

import gzip
import re

import pytest

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_pages_are_compressed_for_browsers_that_accept_gzip(client):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<main" in gzip.decompress(response.content)


def test_htmx_is_deferred_and_has_no_debug_error_handler(client, settings):
    settings.DEBUG = True
    html = client.get("/").content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1
    assert "htmx-2.min" in scripts[0] and " defer" in scripts[0]
    assert "django-htmx.js" not in html


def test_guide_editor_loads_htmx_without_the_debug_error_handler(client, settings):
    settings.DEBUG = True
    client.force_login(StaffFactory(group="Content managers"))
    html = client.get("/admin/guides/guide/add/").content.decode()
    assert "django_htmx/htmx-2.min" in html
    assert "django-htmx.js" not in html


def test_header_links_follow_the_script_prefix_of_each_request(rf):
    """The site-wide links are reversed once per process and script prefix: a
    server mounted under a prefix links within it, and another prefix in the
    same process gets its own (the test client sets no prefix, so this sets
    it as the WSGI handler does)."""
    from django.urls import get_script_prefix, set_script_prefix

    from config.context_processors import navigation

    old = get_script_prefix()
    try:
        for prefix in ("/", "/cr/", "/other/", "/"):
            set_script_prefix(prefix)
            links = navigation(rf.get("/"))["links"]
            assert links["home"] == prefix
            assert links["plans"] == f"{prefix}plans/"
            assert links["logout"].startswith(f"{prefix}accounts/")
    finally:
        set_script_prefix(old)
