import json

import pytest
from django.contrib.auth.models import Group
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from accounts.models import Level, User
from tests.factories import PASSWORD, RoleFactory, UserFactory

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


def test_profile_requires_sign_in_and_returns_after(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/accounts/profile/" in response["Location"]


def test_member_updates_profile(member_client, member):
    role = RoleFactory()
    response = member_client.post(
        reverse("accounts:profile"),
        {"name": "New Name", "current_role": role.pk, "level": "staff",
         "target_market": "  Remote   EU  "},
    )  # fmt: skip
    assert response.status_code == 303
    member.refresh_from_db()
    assert (member.name, member.current_role, member.level) == (
        "New Name",
        role,
        "staff",
    )
    assert member.target_market == "Remote EU"


@pytest.mark.parametrize(
    "bad",
    [
        {"level": "wizard"},
        {"name": "x" * 151},
        {"target_market": "y" * 121},
        {"current_role": "999999"},
    ],
)
def test_bad_profile_input_is_refused_and_nothing_changes(member_client, member, bad):
    before = (member.name, member.level, member.target_market)
    data = {"name": "Changed", "level": "mid", "target_market": "Somewhere", **bad}
    response = member_client.post(reverse("accounts:profile"), data)
    assert response.status_code == 400
    assert "Please correct the errors below." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    member.refresh_from_db()
    assert (member.name, member.level, member.target_market) == before


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


def _signup(client, **overrides):
    data = {"email": "new@example.com", "name": "New Person",
            "password1": PASSWORD, "password2": PASSWORD, **overrides}  # fmt: skip
    return client.post(reverse("account_signup"), data)


def test_sign_up_sends_confirmation_and_requires_it(client, mailoutbox):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="new@example.com")
    assert user.name == "New Person"
    assert len(mailoutbox) == 1
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    # Mandatory confirmation: signing in before confirming is refused.
    response = client.post(
        reverse("account_login"), {"login": "new@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "taken@example.com"}, "already registered"),
        ({"password1": "password", "password2": "password"}, "too common"),
        ({"password2": "something-else-entirely"}, "same password"),
        ({"name": "n" * 151}, "at most 150 characters"),
        ({"email": "not-an-email"}, "valid email"),
    ],
)
def test_bad_sign_up_shows_message_and_creates_nothing(client, overrides, message):
    UserFactory(email="taken@example.com")
    before = User.objects.count()
    response = _signup(client, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.count() == before


def test_sign_up_without_csrf_token_gets_our_403_page():
    client = Client(enforce_csrf_checks=True)
    before = User.objects.count()
    response = _signup(client)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your form expired" in html
    assert 'href="#main"' in html
    assert User.objects.count() == before


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


def test_staff_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Coaches", "Content managers"} <= names
