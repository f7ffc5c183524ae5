"""The coach's client list: its figures, sorting, filters, search, pages and
scope, its query budget, and its forecast against the pure one."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from coaching.client_list import SORTS, client_page
from coaching.models import Message
from plans.forecast import forecast
from plans.models import CheckIn, Milestone, Plan, week_of
from tests.factories import (
    StaffFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)

URL = "/admin/accounts/client/"


def checkins(plan, *hours) -> None:
    """One check-in a week, the latest first, ending this week."""
    this_week = week_of(timezone.localdate())
    for back, spent in enumerate(hours):
        CheckIn.objects.create(
            plan=plan, week=this_week - dt.timedelta(weeks=back), hours=spent,
            confidence=3,
        )  # fmt: skip


@pytest.fixture
def clients(db) -> dict:
    """A coach's four clients, each showing a different side of the list, and
    another coach's client."""
    guide = guide_with_assessment()
    template = plan_template(guide)  # 10 + 20 + 30 h
    coach = StaffFactory(group="Coaches", email="coach@example.com")
    today = timezone.localdate()

    ann = UserFactory(coach=coach, email="ann@example.com", name="Ann")
    plan = make_plan(ann, template)
    Plan.objects.filter(pk=plan.pk).update(target_date=today + dt.timedelta(days=30))
    first, second, _ = plan.milestones.order_by("order")
    Milestone.objects.filter(pk=first.pk).update(status="done")
    Milestone.objects.filter(pk=second.pk).update(
        status="todo", due_date=today - dt.timedelta(days=3)
    )
    # Pace 5 h a week (the fifth week back is outside the window), 50 h left:
    # 70 days, 40 past the target.
    checkins(plan, 5, 5, 5, 5, 40)
    for from_coach, read in [(False, False), (False, False), (True, False),
                             (False, True)]:  # fmt: skip
        Message.objects.create(
            plan=plan, from_coach=from_coach, body="Hello",
            read_at=timezone.now() if read else None,
        )  # fmt: skip
    completed_assessment(ann, guide, position=2)

    ben = UserFactory(coach=coach, email="ben@example.com", name="")
    plan = make_plan(ben, template)
    checkins(plan, 0, 0)  # no hours: no pace, no forecast

    cat = UserFactory(coach=coach, email="cat@example.com", name="Cat")
    plan = make_plan(cat, template)
    checkins(plan, 30, 30)  # 60 h at 30 a week: well before the target
    Message.objects.create(plan=plan, from_coach=False, body="Hi")

    dan = UserFactory(coach=coach, email="dan@example.com", name="Dan")
    other = StaffFactory(group="Coaches", email="other@example.com")
    eve = UserFactory(coach=other, email="eve@example.com", name="Eve")
    make_plan(eve, template)
    return {"coach": coach, "other": other, "ann": ann, "ben": ben, "cat": cat,
            "dan": dan, "eve": eve, "guide": guide}  # fmt: skip


def cells(html: str, column: str) -> list[str]:
    found = re.findall(
        rf'<t[dh][^>]*class="field-{column}"[^>]*>(.*?)</t[dh]>', html, re.S
    )
    return [unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in found]


def result_count(html: str) -> int:
    return int(re.search(r"(\d+) clients?\s*</nav>", html).group(1))


def emails(html: str) -> list[str]:
    return [re.search(r"[\w.-]+@example\.com", c).group(0)
            for c in cells(html, "client_name")]  # fmt: skip


def test_each_column_shows_the_clients_figures(client, clients):
    client.force_login(clients["coach"])
    html = client.get(URL).content.decode()
    assert emails(html) == [f"{n}@example.com" for n in ("ann", "ben", "cat", "dan")]
    assert cells(html, "client_name")[0] == "Ann <ann@example.com>"
    assert cells(html, "client_name")[1] == "ben@example.com"
    assert cells(html, "plan_progress") == [
        "16% of 60 h", "0% of 60 h", "0% of 60 h", "No active plan"]  # fmt: skip
    assert cells(html, "overdue") == ["1", "0", "0", "0"]
    assert cells(html, "forecast_late") == [
        "40 days late", "No forecast", "On track", "No forecast"]  # fmt: skip
    assert cells(html, "unread_messages") == ["2", "0", "1", "0"]
    leaning = clients["ann"].assessments.get().result["leaning_role"]["name"]
    assert cells(html, "latest_leaning") == [
        f"Leans {leaning}", "No result yet", "No result yet", "No result yet"]  # fmt: skip
    activity = cells(html, "last_activity")
    assert activity[3] == "-"  # never signed in, no plan, no assessment
    assert all(re.fullmatch(r"\d+ \w{3} \d{4}, \d\d:\d\d", a) for a in activity[:3])
    ann = clients["ann"].pk
    assert f'href="{URL}{ann}/change/"' in html
    assert f'href="/admin/plans/plan/?member__id__exact={ann}"' in html
    assert f'href="/admin/assessments/assessment/?member__id__exact={ann}"' in html
    assert "<title>Select client to view | Crossroads admin</title>" in html
    assert '<li aria-current="page">Clients</li>' in html
    assert result_count(html) == 4


def test_last_activity_is_the_latest_of_sign_in_milestones_and_assessments(clients):
    ann = clients["ann"]
    signed_in = timezone.now() + dt.timedelta(days=1)
    User.objects.filter(pk=ann.pk).update(last_login=signed_in)
    rows = {r.email: r for r in client_page(user=clients["coach"]).rows}
    assert rows["ann@example.com"].last_activity_at == signed_in
    assert (
        rows["ben@example.com"].last_activity_at
        == (
            Milestone.objects.filter(plan__member=clients["ben"]).latest("updated_at")
        ).updated_at
    )
    assert rows["dan@example.com"].last_activity_at is None


def expected_order(rows, column: int, descending: bool) -> list[str]:
    """Nulls count as the smallest value; the id breaks ties."""
    name = SORTS[column]
    value = {"email": "email", "progress_pct": "progress_pct",
             "overdue_count": "overdue_count", "late_days": "late_days",
             "unread_count": "unread_count", "last_activity_at": "last_activity_at",
             "leaning": "leaning"}[name]  # fmt: skip

    def key(row):
        v = getattr(row, value)
        return (v is not None, v if v is not None else 0, row.pk)

    return [r.email for r in sorted(rows, key=key, reverse=descending)]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("column", sorted(SORTS))
def test_sorts_by_each_column_both_ways(client, clients, column, descending):
    rows = client_page(user=clients["coach"]).rows
    client.force_login(clients["coach"])
    html = client.get(URL, {"o": f"{'-' if descending else ''}{column}"}).content
    assert emails(html.decode()) == expected_order(rows, column, descending)
    # The sorted column says so, and its link sorts the other way.
    html = html.decode()
    state = "descending" if descending else "ascending"
    assert f'aria-sort="{state}"' in html
    assert f'href="?o={"" if descending else "-"}{column}"' in html


def test_sorting_by_forecast_puts_the_latest_last(client, clients):
    client.force_login(clients["coach"])
    html = client.get(URL, {"o": "4"}).content.decode()
    assert cells(html, "forecast_late") == [
        "No forecast", "No forecast", "On track", "40 days late"]  # fmt: skip


@pytest.mark.parametrize("bad", ["99", "-0", "x", "1.x", "", "client_name"])
def test_an_unknown_sort_is_ignored(client, clients, bad):
    client.force_login(clients["coach"])
    response = client.get(URL, {"o": bad})
    assert response.status_code == 200
    assert emails(response.content.decode())[0] == "ann@example.com"


def test_filters_by_overdue_and_level(client, clients):
    User.objects.filter(pk=clients["cat"].pk).update(level="senior")
    client.force_login(clients["coach"])
    html = client.get(URL, {"overdue": "yes"}).content.decode()
    assert emails(html) == ["ann@example.com"]
    assert result_count(html) == 1
    html = client.get(URL, {"overdue": "no"}).content.decode()
    assert emails(html) == ["ben@example.com", "cat@example.com", "dan@example.com"]
    html = client.get(URL, {"level__exact": "senior"}).content.decode()
    assert emails(html) == ["cat@example.com"]
    html = client.get(URL, {"level__exact": "senior", "overdue": "yes"})
    assert emails(html.content.decode()) == []
    # An unknown value of a filter of the list's own is ignored.
    html = client.get(URL, {"overdue": "maybe"}).content.decode()
    assert len(emails(html)) == 4


def test_searches_email_and_name(client, clients):
    client.force_login(clients["coach"])
    assert emails(client.get(URL, {"q": "CAT"}).content.decode()) == ["cat@example.com"]
    assert emails(client.get(URL, {"q": "ben@exa"}).content.decode()) == [
        "ben@example.com"
    ]
    # Every word must match; % and _ are letters, not wildcards.
    assert emails(client.get(URL, {"q": "ann example"}).content.decode()) == [
        "ann@example.com"
    ]
    assert emails(client.get(URL, {"q": "%"}).content.decode()) == []
    assert emails(client.get(URL, {"q": "_"}).content.decode()) == []


def test_a_coach_never_sees_another_coachs_client(client, clients):
    client.force_login(clients["coach"])
    for query in [{}, {"q": "eve"}, {"overdue": "no"}, {"o": "-1"}]:
        html = client.get(URL, query).content.decode()
        assert "eve@example.com" not in html
    assert "No clients match" in client.get(URL, {"q": "eve"}).content.decode()
    # The count is of the coach's own clients only.
    assert result_count(client.get(URL).content.decode()) == 4
    client.force_login(clients["other"])
    html = client.get(URL).content.decode()
    assert emails(html) == ["eve@example.com"]
    assert result_count(html) == 1


def test_a_superuser_sees_every_coached_client(client, clients):
    UserFactory(email="uncoached@example.com")
    client.force_login(StaffFactory(is_superuser=True))
    html = client.get(URL).content.decode()
    assert emails(html) == [
        f"{n}@example.com" for n in ("ann", "ben", "cat", "dan", "eve")
    ]
    assert "Select client to change" in html


def test_a_member_is_sent_to_the_admin_login(client, clients):
    client.force_login(clients["ann"])
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_view_permission_are_refused(client, clients):
    client.force_login(StaffFactory(group="Content managers"))
    assert client.get(URL).status_code == 403


def test_lookups_beyond_the_lists_filters_are_refused(client, clients):
    client.force_login(clients["coach"])
    for lookup in ["password__startswith", "coach__id__exact", "email", "e"]:
        assert client.get(URL, {lookup: "x"}).status_code == 400


@pytest.fixture
def many(db):
    coach = StaffFactory(group="Coaches")
    UserFactory.create_batch(30, coach=coach)
    return coach


def test_pages_of_25(client, many):
    client.force_login(many)
    first = client.get(URL).content.decode()
    assert len(emails(first)) == 25
    assert "30 clients" in first
    assert 'href="?p=2"' in first
    assert '<span class="this-page" aria-current="page">1</span>' in first
    second = client.get(URL, {"p": "2"}).content.decode()
    assert len(emails(second)) == 5
    # By email, the page is chosen before any figure is worked out; the count
    # is still of every client.
    assert "30 clients" in second
    overdue_sorted = client.get(URL, {"o": "3", "p": "2"}).content.decode()
    assert "30 clients" in overdue_sorted and len(emails(overdue_sorted)) == 5
    assert not set(emails(first)) & set(emails(second))
    # Sorting and pages go together: the first page of the reverse order ends
    # where the second page of this one begins.
    reverse_first = client.get(URL, {"o": "-1"}).content.decode()
    assert emails(reverse_first)[:5] == emails(second)[::-1]
    assert 'href="?o=-1&amp;p=2"' in reverse_first


@pytest.mark.parametrize(("page", "status"), [
    ("abc", 200), ("", 200), ("1.5", 200), ("3", 404), ("0", 404), ("-1", 404),
    ("999999999999", 404),
        ("9" * 30, 404),
])  # fmt: skip
def test_bad_page_numbers_show_the_first_page_or_404(client, many, page, status):
    client.force_login(many)
    response = client.get(URL, {"p": page})
    assert response.status_code == status
    if status == 200:
        assert len(emails(response.content.decode())) == 25


def test_an_empty_list_is_one_page(client, db):
    client.force_login(StaffFactory(group="Coaches"))
    response = client.get(URL)
    assert response.status_code == 200
    assert "0 clients" in response.content.decode()


def clients_with_everything(coach, count: int) -> None:
    guide = guide_with_assessment()
    template = plan_template(guide)
    for n in range(count):
        member = UserFactory(coach=coach)
        plan = make_plan(member, template)
        checkins(plan, 3, 4)
        Message.objects.create(plan=plan, from_coach=False, body="Hi")
        if n % 5 == 0:
            completed_assessment(member, guide)


#: Session, user, the second-factor check, the user's and their groups'
#: permissions, and the list itself.
QUERIES = 6


@pytest.mark.parametrize("count", [3, 40])
def test_queries_do_not_grow_with_clients(client, db, count, django_assert_num_queries):
    coach = StaffFactory(group="Coaches")
    clients_with_everything(coach, count)
    client.force_login(coach)
    for query in [{}, {"o": "-4"}, {"overdue": "no", "q": "example"}]:
        with django_assert_num_queries(QUERIES):
            response = client.get(URL, query)
        assert len(emails(response.content.decode())) == min(count, 25)


# The forecast in SQL is the pure forecast.


@pytest.fixture
def one_client(db):
    coach = StaffFactory(group="Coaches")
    member = UserFactory(coach=coach)
    return coach, member


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    milestones=st.lists(
        st.tuples(
            st.integers(1, 120), st.sampled_from(["todo", "doing", "done", "skipped"])
        ),
        max_size=6,
    ),
    hours=st.dictionaries(st.integers(0, 12), st.integers(0, 60), max_size=8),
    target_in=st.integers(-200, 400),
)
def test_the_sql_forecast_is_the_pure_forecast(
    one_client, milestones, hours, target_in
):
    coach, member = one_client
    today = timezone.localdate()
    target = today + dt.timedelta(days=target_in)
    plan = Plan.objects.create(
        member=member, title="Plan", start_date=target - dt.timedelta(days=400),
        target_date=target, weekly_hours=5, status="active",
    )  # fmt: skip
    for order, (effort, status) in enumerate(milestones):
        Milestone.objects.create(
            plan=plan, order=order, title="Step", effort_hours=effort, status=status
        )
    this_week = week_of(today)
    by_week = [(this_week - dt.timedelta(weeks=back), spent)
               for back, spent in hours.items()]  # fmt: skip
    for week, spent in by_week:
        CheckIn.objects.create(plan=plan, week=week, hours=spent, confidence=3)
    try:
        (row,) = client_page(user=coach, today=today).rows
        remaining = sum(e for e, s in milestones if s != "skipped") - sum(
            e for e, s in milestones if s == "done"
        )
        pure = forecast(
            remaining_hours=remaining, hours_by_week=by_week, today=today,
            target=target,
        )  # fmt: skip
        expected = None if pure.finish is None else (pure.finish - target).days
        assert row.late_days == expected
    finally:
        plan.delete()
