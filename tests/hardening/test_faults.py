import pytest
from django.urls import reverse

from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_oversized_request_body_is_refused_with_our_400_page(member_client, member):
    response = member_client.post(
        reverse("accounts:profile"),
        {"name": "x", "target_market": "y" * (2 * 1024 * 1024)},
    )
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    member.refresh_from_db()
    assert member.target_market == ""


def test_expired_session_mid_form_returns_to_the_form_after_sign_in(client, member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    plan_url = plan.get_absolute_url()
    # The session is gone by the time the form is sent.
    response = client.post(
        reverse("plans:milestone-details", args=[plan.pk, milestone.pk]),
        {"notes": "typed while away", "version": milestone.version},
        HTTP_REFERER=f"http://testserver{plan_url}",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={plan_url}"
    login = client.get(response["Location"]).content.decode()
    assert "that change was not saved" in login
    signed_in = client.post(
        response["Location"],
        {"login": member.email, "password": "correct-horse-battery-42"},
    )
    assert signed_in["Location"] == plan_url
    milestone.refresh_from_db()
    assert milestone.notes == ""


def test_expired_session_in_an_htmx_swap_moves_the_whole_tab(client, member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    response = client.post(
        reverse("plans:milestone-status", args=[plan.pk, milestone.pk]),
        {"status": "done", "version": milestone.version},
        HTTP_HX_REQUEST="true",
        HTTP_REFERER=f"http://testserver{plan.get_absolute_url()}",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_foreign_referer_is_not_followed(client, member):
    plan = make_plan(member)
    url = reverse("plans:reschedule", args=[plan.pk])
    response = client.post(url, HTTP_REFERER="https://evil.example/phish")
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_database_down_shows_our_error_page_not_a_traceback(member):
    from django.db import OperationalError, connection
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(member)

    def unreachable(execute, sql, params, many, context):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(unreachable):
        response = client.get(reverse("guides:list"))
        health = client.get("/healthz")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "OperationalError" not in html and "Traceback" not in html
    assert health.status_code == 503
