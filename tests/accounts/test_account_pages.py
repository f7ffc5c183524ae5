"""allauth's pages and emails look and read like the rest of the site."""

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

HEADINGS = {
    "/accounts/signup/": "Sign up",
    "/accounts/login/": "Sign in",
    "/accounts/password/reset/": "Password reset",
}


@pytest.mark.parametrize(("url", "heading"), HEADINGS.items())
def test_account_page_has_sentence_case_heading_and_site_buttons(client, url, heading):
    html = client.get(url).content.decode()
    h1 = re.search(r"<h1>\s*(.*?)\s*</h1>", html, re.S).group(1)
    assert h1 == heading
    assert f"<title>{heading} · Crossroads</title>" in html
    buttons = re.findall(r"<button[^>]*>", html)
    # The header's sign-out is absent for visitors; every button is ours.
    assert buttons
    assert all('class="button' in b for b in buttons), buttons


def test_password_rules_sit_in_the_element_the_field_points_at(client):
    html = client.get("/accounts/signup/").content.decode()
    field = re.search(r'<input[^>]*name="password1"[^>]*>', html).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', field).group(1)
    block = re.search(
        rf'<div class="helptext" id="{described_by}">(.*?)</div>', html, re.S
    )
    assert block is not None
    assert "<li>" in block.group(1)
    assert not re.search(r"<(p|span)[^>]*>\s*<ul>", html)


def test_two_factor_page_uses_site_styles(client):
    client.force_login(UserFactory())
    html = client.get("/accounts/2fa/").content.decode()
    assert re.search(r"<h1>\s*Two-factor authentication\s*</h1>", html)
    assert 'class="card"' in html


def test_confirmation_email_is_in_our_voice(client):
    response = client.post("/accounts/signup/", {
        "email": "new@example.com", "name": "Robin",
        "password1": PASSWORD, "password2": PASSWORD,
    })  # fmt: skip
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "[Crossroads] Confirm your email address"
    assert message.body.startswith("Hello Robin,")
    assert "Hello from" not in message.body
    assert "testserver" not in message.body.replace("http://testserver/", "")
    assert re.search(r"http://testserver/accounts/confirm-email/\S+/", message.body)


def test_password_reset_email_is_in_our_voice(client):
    member = UserFactory(name="Sam")
    client.post("/accounts/password/reset/", {"email": member.email})
    message = mail.outbox[-1]
    assert message.subject == "[Crossroads] Reset your password"
    assert message.body.startswith("Hello Sam,")
    assert "Thank you for using" not in message.body
    assert re.search(
        r"http://testserver/accounts/password/reset/key/\S+/", message.body
    )
