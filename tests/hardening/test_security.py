"""Inputs that must never reach the database unchecked, and the headers, limits
and logs around every request. Runs on SQLite and on PostgreSQL (bash .ci/run),
where an unchecked value would be a DataError rather than a stored row."""

import datetime as dt
import logging

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import User
from guides.models import Role
from plans.models import Milestone, Plan
from tests.factories import PASSWORD, StaffFactory, make_plan, plan_template

pytestmark = pytest.mark.django_db

BAD_LINKS = {
    "a NUL character": ("https://x.example/a\x00b", "Null characters are not allowed"),
    "over 500 characters": (
        "https://x.example/" + "a" * 2040,
        "at most 500 characters",
    ),
}


# Evidence links keep their length limit and NUL check.


@pytest.mark.parametrize("case", sorted(BAD_LINKS))
def test_bad_evidence_link_on_the_details_form_is_a_400(member_client, member, case):
    link, message = BAD_LINKS[case]
    plan = make_plan(member)
    milestone = plan.milestones.first()
    url = reverse("plans:milestone-details", args=[plan.pk, milestone.pk])
    for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = member_client.post(
            url,
            {"notes": "done", "evidence_url": link, "version": milestone.version},
            **extra,
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    milestone.refresh_from_db()
    assert (milestone.notes, milestone.evidence_url) == ("", "")


@pytest.mark.parametrize("case", sorted(BAD_LINKS))
def test_bad_evidence_link_on_plan_creation_is_a_400(member_client, case):
    link, message = BAD_LINKS[case]
    template = plan_template()
    first = template.milestones.first()
    today = timezone.localdate()
    response = member_client.post(
        reverse("plans:new"),
        {"template": template.pk, "title": "Into ML", "start_date": today.isoformat(),
         "weekly_hours": "10", "review_interval_weeks": "4",
         "target_date": (today + dt.timedelta(days=120)).isoformat(),
         f"done_{first.pk}": "on", f"evidence_{first.pk}": link},
    )  # fmt: skip
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Plan.objects.exists()


# Single-line text never holds control characters; the calendar never fails.

CONTROL = ["Plan\r\nX-Injected: yes", "Plan\x1b[31m red", "Tab\there", "NUL\x00",
           "Line\u2028separator", "DEL\x7f", "C1\x85next"]  # fmt: skip


@pytest.mark.parametrize("title", CONTROL)
def test_plan_settings_refuse_control_characters(member_client, member, title):
    plan = make_plan(member, title="Steady title")
    response = member_client.post(
        reverse("plans:settings", args=[plan.pk]),
        {"title": title, "weekly_hours": str(plan.weekly_hours),
         "review_interval_weeks": "4", "target_date": plan.target_date.isoformat()},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    # NUL has the form field's own message; every other character ours.
    assert "no line breaks, tabs or control characters" in html or (
        "Null characters are not allowed" in html
    )
    plan.refresh_from_db()
    assert plan.title == "Steady title"


def test_milestones_profile_and_sign_up_refuse_control_characters(
    member_client, member
):
    plan = make_plan(member)
    response = member_client.post(
        reverse("plans:milestone-add", args=[plan.pk]),
        {"title": "Read\r\na book", "kind": "skill", "effort_hours": "5"},
    )
    assert response.status_code == 400
    assert not plan.milestones.filter(title__contains="book").exists()
    name_before = member.name
    response = member_client.post(
        reverse("accounts:profile"), {"name": "Ann\x1b]8;;evil", "target_market": ""}
    )
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.name == name_before
    response = Client().post(
        reverse("account_signup"),
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD,
         "name": "New\nperson"},
    )  # fmt: skip
    assert response.status_code == 400
    assert not User.objects.filter(email="new@example.com").exists()


SINGLE_LINE_FIELDS = [
    ("accounts.User", "name"), ("accounts.User", "target_market"),
    ("guides.Role", "name"), ("guides.Tag", "name"), ("guides.Guide", "title"),
    ("guides.Guide", "meta_description"), ("guides.ComparisonRow", "dimension"),
    ("guides.SalaryBand", "scope_note"), ("guides.InterviewTopic", "topic"),
    ("assessments.DecisionQuestion", "prompt"), ("assessments.Option", "label"),
    ("assessments.FitStatement", "text"), ("plans.PlanTemplate", "title"),
    ("plans.MilestoneTemplate", "title"), ("plans.MilestoneTemplate", "suggested_evidence"),
    ("plans.Plan", "title"), ("plans.Milestone", "title"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "name"), SINGLE_LINE_FIELDS)
def test_single_line_model_fields_refuse_control_characters(label, name):
    from django.apps import apps

    field = apps.get_model(label)._meta.get_field(name)
    field.clean("Fine – plain text, accents: é ✓", None)
    with pytest.raises(ValidationError, match="control characters"):
        field.clean("Two\nlines", None)


def test_the_admin_refuses_a_role_name_with_a_line_break(client):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.post(
        reverse("admin:guides_role_add"),
        {"name": "Data\r\nScientist", "slug": "data-scientist", "summary": ""},
    )
    assert response.status_code == 200  # the form again, with its error
    assert "no line breaks, tabs or control characters" in response.content.decode()
    assert not Role.objects.filter(slug="data-scientist").exists()


def test_calendar_never_fails_on_stored_control_characters(member_client, member):
    plan = make_plan(member)
    # Rows written before the check, or by any path that skips forms.
    Plan.objects.filter(pk=plan.pk).update(title="Mine\r\nX-Injected: yes\x1b[0m")
    milestone = plan.milestones.first()
    Milestone.objects.filter(pk=milestone.pk).update(
        title="Step\r\nBEGIN:VEVENT\x07", description="Line one\r\nLine two\x1b"
    )
    response = member_client.get(reverse("plans:calendar", args=[plan.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "\x1b" not in body and "\x07" not in body
    lines = body.split("\r\n")
    assert not any(line.startswith(("X-Injected", "BEGIN:VEVENT\\")) for line in lines)
    assert [line for line in lines if line == "BEGIN:VEVENT"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Mine  X-Injected: yes [0m"
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert "Due: Step  BEGIN:VEVENT " in summaries


# Rate limits behind the proxy go by each client's address.

LOCKED = "Too many failed login attempts"


def test_two_clients_behind_one_proxy_are_limited_separately(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def locked_out(forwarded_for: str, n: int) -> bool:
        response = client.post(
            reverse("account_login"),
            {"login": f"nobody-{n}@example.com", "password": "wrong-password-1"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )
        assert response.status_code in {200, 429}
        return response.status_code == 429 or LOCKED in response.content.decode()

    first = [locked_out("198.51.100.7", n) for n in range(11)]
    assert first == [False] * 10 + [True]
    # Another client behind the same proxy is not locked out.
    assert not locked_out("198.51.100.8", 99)
    # Nor does the first get through by writing an address of its own in
    # front: the proxy appends the one it saw, and only that one is trusted.
    assert locked_out("198.51.100.9, 198.51.100.7", 100)


def test_without_trusted_proxies_forwarded_addresses_are_ignored(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    pages = [
        client.post(
            reverse("account_login"),
            {"login": f"nobody-{n}@example.com", "password": "wrong-password-1"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).content.decode()
        for n in range(11)
    ]
    assert LOCKED not in pages[-2] and LOCKED in pages[-1]


# Request bodies, private caching, the CSRF cookie and quiet refusals.


@pytest.mark.parametrize(
    "content_type", ["multipart/form-data", "application/octet-stream", "text/plain"]
)
def test_oversized_body_is_refused_whatever_its_type(client, content_type):
    big = b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    if content_type == "multipart/form-data":
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(
            reverse("account_login"),
            {"login": "a@example.com", "password": "x",
             "file": SimpleUploadedFile("big.bin", big)},
        )  # fmt: skip
    else:
        response = client.post(reverse("account_login"), big, content_type=content_type)
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_small_multipart_sign_in_still_works(client, member):
    response = client.post(
        reverse("account_login"),
        {"login": member.email, "password": PASSWORD},
    )  # the test client sends multipart/form-data
    assert response.status_code == 302


def test_csrf_cookie_is_http_only_and_htmx_reads_the_token_from_the_page(
    member_client,
):
    response = member_client.get(reverse("accounts:profile"))
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie.value
    assert 'hx-headers=\'{"X-CSRFToken": "' in response.content.decode()


def test_visitors_public_pages_stay_cacheable(client):
    response = Client().get(reverse("guides:list"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_refusals_log_one_line_without_a_traceback(client, caplog):
    coach = StaffFactory(group="Coaches")
    client.force_login(coach)
    with caplog.at_level(logging.INFO):
        forbidden = client.get(reverse("admin:guides_guide_changelist"))
        wrong_host = client.get("/", HTTP_HOST="evil.example")
    assert (forbidden.status_code, wrong_host.status_code) == (403, 400)
    records = [
        r
        for r in caplog.records
        if r.name in {"django.request", "django.security.DisallowedHost"}
    ]
    assert [r.name for r in records] == [
        "django.request", "django.security.DisallowedHost",
    ]  # fmt: skip
    assert all(r.exc_info is None and r.exc_text is None for r in records)
    assert "Traceback" not in caplog.text
    assert "evil.example" in caplog.text
