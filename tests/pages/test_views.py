import json

import pytest
from django.db import OperationalError, connection
from django.test import Client

from config.vocabulary import Level
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_visitor_sees_landing_page_with_sign_up(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Create a free account" in html
    assert "Welcome back" not in html


def test_member_sees_dashboard_with_profile(client):
    role = RoleFactory(name="Data Scientist", slug="data-scientist")
    member = UserFactory(name="Sam Rivera", level=Level.SENIOR, current_role=role,
                         target_market="Berlin startups")  # fmt: skip
    client.force_login(member)
    html = client.get("/").content.decode()
    assert "Welcome, Sam Rivera" in html
    assert "Data Scientist" in html
    assert "Senior" in html
    assert "Berlin startups" in html


def test_every_page_carries_the_strict_csp(client):
    header = client.get("/").headers["Content-Security-Policy"]
    directives = dict(
        part.strip().split(" ", 1) for part in header.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert directives["style-src"].startswith("'self'")
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe" not in header


def test_base_layout_has_skip_link_landmarks_and_htmx_config(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert 'aria-label="Main"' in html
    assert '"includeIndicatorStyles": false' in html
    assert "hx-headers" in html
    assert "<style" not in html
    assert " style=" not in html


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok"}


def test_healthz_answers_503_when_database_is_unreachable(client):
    def unreachable(execute, sql, params, many, context):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(unreachable):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "unavailable"}


def test_unknown_page_is_404_in_our_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'aria-label="Main"' in html


def test_bad_host_is_400_in_our_layout(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.urls("tests.error_urls")
def test_server_error_shows_our_500_page_without_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html
    assert "ZeroDivisionError" not in html
