"""Weekly check-ins, the pace on the plan page, and the private calendar feed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from plans.checkins import record_checkin, rotate_feed
from plans.models import CalendarFeed, CheckIn, week_of
from tests.factories import make_plan, plan_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(member):
    return make_plan(member, plan_template(efforts=(10, 20, 30)))


def checkin_url(plan) -> str:
    return reverse("plans:checkin", args=[plan.pk])


def test_dashboard_asks_for_this_weeks_checkin_until_answered(member_client, plan):
    html = member_client.get("/").content.decode()
    assert 'id="checkin-form"' in html and "Hours spent on your plan" in html
    response = member_client.post(
        checkin_url(plan), {"hours": "6", "blocker": "", "confidence": "4"}
    )
    assert response.status_code == 303
    assert response["Location"].endswith(f"{plan.get_absolute_url()}#pace")
    checkin = CheckIn.objects.get(plan=plan)
    assert (checkin.week, checkin.hours, checkin.confidence) == (
        week_of(timezone.localdate()),
        6,
        4,
    )
    assert 'id="checkin-form"' not in member_client.get("/").content.decode()


def test_htmx_checkin_swaps_the_card(member_client, plan):
    response = member_client.post(
        checkin_url(plan), {"hours": "3", "blocker": "Sick child", "confidence": "2"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="checkin"' in html and "3 hours this week" in html
    assert CheckIn.objects.get(plan=plan).blocker == "Sick child"


def test_answering_again_the_same_week_replaces_the_answer(member_client, plan):
    for hours in ("2", "5"):
        member_client.post(checkin_url(plan), {"hours": hours, "confidence": "3"})
    assert list(CheckIn.objects.values_list("hours", flat=True)) == [5]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"confidence": "3"}, "Enter the hours"),
        ({"hours": "4"}, "Choose how confident"),
        ({"hours": "4", "confidence": "9"}, "Select a valid choice"),
        ({"hours": "-1", "confidence": "3"}, "greater than or equal to 0"),
        (
            {"hours": "4", "confidence": "3", "blocker": "a\nb"},
            "plain text on one line",
        ),
    ],
)
def test_bad_checkin_is_a_400_with_a_message(member_client, plan, data, message):
    record_checkin(plan=plan, hours=7, confidence=5)
    response = member_client.post(checkin_url(plan), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CheckIn.objects.get(plan=plan).hours == 7  # nothing lost
    htmx = member_client.post(checkin_url(plan), data, headers={"HX-Request": "true"})
    assert htmx.status_code == 400 and "<html" not in htmx.content.decode()


def test_other_member_cannot_check_in_on_a_plan(client, other_member, plan):
    client.force_login(other_member)
    response = client.post(checkin_url(plan), {"hours": "4", "confidence": "3"})
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_plan_page_without_checkins_says_why_there_is_no_forecast(member_client, plan):
    html = member_client.get(plan.get_absolute_url()).content.decode()
    assert "No forecast yet: No check-ins yet" in html
    assert 'class="burnup"' in html


def test_plan_page_forecasts_late_and_offers_to_reschedule(member_client, member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(10, 20, 30)),
                     target_date=today + dt.timedelta(days=100))  # fmt: skip
    for weeks_ago, hours in ((2, 1), (1, 2), (0, 3)):
        record_checkin(plan=plan, hours=hours, confidence=3,
                       today=today - dt.timedelta(weeks=weeks_ago))  # fmt: skip
    html = member_client.get(plan.get_absolute_url()).content.decode()
    # 60 open hours at 2 hours a week: 210 days, well past the target date.
    finish = today + dt.timedelta(days=210)
    assert f'datetime="{finish:%Y-%m-%d}"' in html
    late = (finish - plan.target_date).days
    assert late > 0 and f"{late} days late" in html
    assert reverse("plans:settings", args=[plan.pk]) in html
    # The burn-up's reported line has a point per week reported.
    assert html.count('class="burnup__actual"') == 1


def test_plan_page_on_track(member_client, plan):
    record_checkin(plan=plan, hours=40, confidence=5)
    html = member_client.get(plan.get_absolute_url()).content.decode()
    assert "On track for your target date" in html and "days late" not in html


# The calendar feed.


def test_feed_parses_and_lists_due_dates_reviews_and_the_weekly_checkin(client, plan):
    feed = rotate_feed(plan=plan)
    response = client.get(reverse("plans:feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    due = [s for s in summaries if s.startswith("Due: ")]
    assert len(due) == plan.milestones.exclude(due_date=None).count() == 3
    assert sum(s.startswith("Review: ") for s in summaries) == len(plan.review_dates())
    weekly = [e for e in calendar.walk("VEVENT") if e.get("rrule")]
    assert len(weekly) == 1 and weekly[0]["rrule"]["FREQ"] == ["WEEKLY"]
    # It signs no one in.
    assert "_auth_user_id" not in client.session
    assert client.get(plan.get_absolute_url()).status_code == 302


def test_feed_shows_only_its_own_plan(client, member, plan):
    other = make_plan(member, plan_template(efforts=(5,)), title="Another plan")
    feed = rotate_feed(plan=plan)
    body = client.get(reverse("plans:feed", args=[feed.token])).content.decode()
    assert "Another plan" not in body and other.title not in body


def test_rotated_token_gives_404(member_client, plan):
    old = rotate_feed(plan=plan).token
    response = member_client.post(reverse("plans:feed-rotate", args=[plan.pk]))
    assert response.status_code == 303
    new = CalendarFeed.objects.get(plan=plan).token
    assert new != old and len(new) >= 40
    assert member_client.get(reverse("plans:feed", args=[old])).status_code == 404
    assert member_client.get(reverse("plans:feed", args=[new])).status_code == 200


@pytest.mark.parametrize("token", ["nope", "x" * 65, "%00"])
def test_wrong_token_gives_404(client, plan, token):
    rotate_feed(plan=plan)
    assert client.get(f"/plans/feed/{token}.ics").status_code == 404


def test_other_member_cannot_rotate_a_feed(client, other_member, plan):
    token = rotate_feed(plan=plan).token
    client.force_login(other_member)
    assert client.post(reverse("plans:feed-rotate", args=[plan.pk])).status_code == 404
    assert CalendarFeed.objects.get(plan=plan).token == token


def test_settings_page_shows_the_webcal_address(member_client, plan):
    url = reverse("plans:settings", args=[plan.pk])
    assert "Make my private calendar address" in member_client.get(url).content.decode()
    token = rotate_feed(plan=plan).token
    html = member_client.get(url).content.decode()
    assert f"webcal://testserver/plans/feed/{token}.ics" in html


def test_one_off_download_stays(member_client, plan):
    response = member_client.get(reverse("plans:calendar", args=[plan.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
