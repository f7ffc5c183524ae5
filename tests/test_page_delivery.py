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
