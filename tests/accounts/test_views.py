import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


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


def test_staff_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Coaches", "Content managers"} <= names
