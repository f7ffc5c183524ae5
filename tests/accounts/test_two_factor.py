import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD, TOTP_SECRET, StaffFactory, totp_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("group", ["Coaches", "Content managers"])
def test_staff_without_an_authenticator_must_set_one_up(client, group):
    staff = StaffFactory(group=group, totp=False)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_activate_totp')}?next=/admin/"
    # Setting up a second factor is sensitive: allauth asks for the password
    # again first, then comes back to the set-up page.
    reauth = client.get(response["Location"])
    assert reauth["Location"].startswith(reverse("account_reauthenticate"))
    back = client.post(reauth["Location"], {"password": PASSWORD})
    assert back["Location"].startswith(reverse("mfa_activate_totp"))
    page = client.get(back["Location"]).content.decode()
    assert 'href="#main"' in page  # our layout
    assert "data:image/svg+xml" in page  # the QR code
    assert "Staff accounts need two-factor authentication" in page


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_sign_in_asks_for_the_code_before_the_admin(client):
    staff = StaffFactory(group="Coaches")
    response = client.post(
        reverse("account_login"), {"login": staff.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in yet
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "Incorrect code" in wrong.content.decode()
    client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize(
    ("seconds_into_window", "waits"), [(0.0, False), (24.9, False), (25.5, True)]
)
def test_totp_code_is_never_computed_at_the_end_of_its_window(
    monkeypatch, seconds_into_window, waits
):
    clock = {"now": 1_800_000_000 - 1_800_000_000 % 30 + seconds_into_window}
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        clock["now"] += seconds

    monkeypatch.setattr(factories.time, "time", lambda: clock["now"])
    monkeypatch.setattr(factories.time, "sleep", sleep)
    window = int(clock["now"]) // 30
    code = factories.totp_code(factories.TOTP_SECRET)
    assert bool(slept) is waits
    expected = window + 1 if waits else window
    assert code == format_hotp_value(hotp_value(factories.TOTP_SECRET, expected))
