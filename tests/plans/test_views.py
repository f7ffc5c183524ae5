import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from plans.models import Milestone, Plan, PlanTemplate
from tests.factories import (
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)

pytestmark = pytest.mark.django_db


def create_data(template: PlanTemplate, **overrides) -> dict:
    today = timezone.localdate()
    data = {
        "template": template.pk,
        "title": "Into ML engineering",
        "start_date": today.isoformat(),
        "weekly_hours": "10",
        "target_date": (today + dt.timedelta(days=120)).isoformat(),
        "review_interval_weeks": "4",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_new_plan_from_a_result_picks_the_direction(member_client, member):
    guide = guide_with_assessment()
    template = plan_template(guide)
    member.current_role = guide.role_a
    member.save()
    assessment = completed_assessment(member, guide, position=2)
    html = member_client.get(
        reverse("plans:new"), {"assessment": assessment.pk}
    ).content.decode()
    assert "Set up your plan" in html
    assert f'name="template" value="{template.pk}"' in html
    response = member_client.post(
        reverse("plans:new"),
        create_data(template, assessment=assessment.pk,
                    **{f"done_{template.milestones.first().pk}": "on",
                       f"evidence_{template.milestones.first().pk}": "https://x.example/repo"}),
    )  # fmt: skip
    assert response.status_code == 303
    plan = Plan.objects.get()
    assert plan.source_assessment == assessment
    assert plan.milestones.first().status == "done"
    assert response["Location"] == plan.get_absolute_url()


def test_result_page_links_to_a_new_plan(member_client, member):
    guide = guide_with_assessment()
    member.current_role = guide.role_a
    member.save()
    assessment = completed_assessment(member, guide, position=2)
    html = member_client.get(assessment.get_absolute_url()).content.decode()
    assert f"{reverse('plans:new')}?assessment={assessment.pk}" in html


def test_from_scratch_the_member_chooses_a_direction(member_client):
    template = plan_template()
    html = member_client.get(reverse("plans:new")).content.decode()
    assert "Which way are you heading?" in html
    assert f'value="{template.pk}"' in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"weekly_hours": "0"}, "greater than or equal to 1"),
        ({"weekly_hours": "61"}, "less than or equal to 60"),
        ({"title": ""}, "This field is required"),
        ({"target_date": "2020-01-01"}, "after the start date"),
        ({"start_date": "1999-01-01"}, "at most a month ago"),
        ({"start_date": "not-a-date"}, "Enter a valid date"),
    ],
)
def test_bad_plan_input_is_refused(member_client, overrides, message):
    template = plan_template()
    response = member_client.post(
        reverse("plans:new"), create_data(template, **overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_evidence_links_must_be_http(member_client):
    template = plan_template()
    first = template.milestones.first()
    response = member_client.post(
        reverse("plans:new"),
        create_data(template, **{f"done_{first.pk}": "on",
                                 f"evidence_{first.pk}": "javascript:alert(1)"}),
    )  # fmt: skip
    assert response.status_code == 400
    assert "starting with http(s)://" in response.content.decode()
    assert not Plan.objects.exists()


def test_infeasible_target_offers_the_earliest_date(member_client):
    template = plan_template(efforts=(100, 100))
    today = timezone.localdate()
    data = create_data(template, weekly_hours="5",
                       target_date=(today + dt.timedelta(days=30)).isoformat())  # fmt: skip
    response = member_client.post(reverse("plans:new"), data)
    earliest = today + dt.timedelta(days=280)
    assert response.status_code == 400
    assert (
        f'The earliest date that fits is <strong><time datetime="{earliest:%Y-%m-%d}"'
        in response.content.decode()
    )
    assert not Plan.objects.exists()
    response = member_client.post(reverse("plans:new"), {**data, "use_earliest": "1"})
    assert response.status_code == 303
    assert Plan.objects.get().target_date == earliest


def test_plan_page_shows_progress_next_and_overdue(member_client, member):
    plan = make_plan(member, plan_template(efforts=(10, 30)))
    first, second = plan.milestones.all()
    Milestone.objects.filter(pk=first.pk).update(status="done")
    Milestone.objects.filter(pk=second.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=2)
    )
    html = member_client.get(plan.get_absolute_url()).content.decode()
    assert "<strong>25%</strong>" in html
    assert 'max="40" value="10"' in html
    assert "1 overdue" in html
    assert f'Next up:</span> <a href="#milestone-{second.pk}">Step 2' in html


def test_status_change_page_and_fragment(member_client, member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    url = reverse("plans:milestone-status", args=[plan.pk, milestone.pk])
    response = member_client.post(
        url, {"status": "doing", "version": milestone.version}
    )
    assert response.status_code == 303
    milestone.refresh_from_db()
    assert milestone.status == "doing"
    response = member_client.post(url, {"status": "done", "version": milestone.version},
                                  HTTP_HX_REQUEST="true")  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="milestone-{milestone.pk}"' in html
    assert 'id="plan-progress"' in html and 'hx-swap-oob="true"' in html
    milestone.refresh_from_db()
    assert milestone.status == "done" and milestone.completed_at


def test_stale_status_change_is_a_409_not_a_lost_update(member_client, member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    url = reverse("plans:milestone-status", args=[plan.pk, milestone.pk])
    member_client.post(url, {"status": "doing", "version": milestone.version})
    response = member_client.post(url, {"status": "skipped", "version": milestone.version},
                                  HTTP_HX_REQUEST="true")  # fmt: skip
    assert response.status_code == 409
    milestone.refresh_from_db()
    assert milestone.status == "doing"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"notes": "ok", "evidence_url": "javascript:alert(1)"}, "http(s)://"),
        ({"notes": "n" * 5001, "evidence_url": ""}, "at most 5000"),
        ({"notes": "ok", "evidence_url": "ftp://files.example/x"}, "http(s)://"),
    ],
)
def test_bad_details_are_refused_and_keep_what_was_saved(
    member_client, member, data, message
):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    Milestone.objects.filter(pk=milestone.pk).update(notes="kept")
    url = reverse("plans:milestone-details", args=[plan.pk, milestone.pk])
    for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = member_client.post(
            url, {**data, "version": milestone.version}, **extra
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.notes == "kept" and milestone.evidence_url == ""


def test_details_save_notes_and_evidence(member_client, member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    url = reverse("plans:milestone-details", args=[plan.pk, milestone.pk])
    member_client.post(url, {"notes": "Did the course", "evidence_url": "https://x.example/c",
                             "version": milestone.version})  # fmt: skip
    evidence = member_client.get(
        reverse("plans:evidence", args=[plan.pk])
    ).content.decode()
    assert 'href="https://x.example/c"' in evidence and "Step 1" in evidence


def test_add_edit_move_and_delete_milestones(member_client, member):
    plan = make_plan(member)
    response = member_client.post(
        reverse("plans:milestone-add", args=[plan.pk]),
        {
            "title": "Read a book",
            "kind": "skill",
            "effort_hours": "5",
            "description": "",
        },
    )
    assert response.status_code == 303
    added = plan.milestones.get(title="Read a book")
    # After the last open one, whose due date is the target: 5 h at 10 h a week.
    last_due = plan.target_date
    plan.refresh_from_db()
    assert added.due_date == last_due + dt.timedelta(days=4) == plan.target_date
    message = member_client.get(response["Location"]).content.decode()
    assert f"target date moves to {plan.target_date:%-d %B %Y}" in message
    assert list(plan.milestones.values_list("title", flat=True))[-1] == "Read a book"
    member_client.post(reverse("plans:milestone-move", args=[plan.pk, added.pk]),
                       {"direction": "up"})  # fmt: skip
    assert list(plan.milestones.values_list("title", flat=True))[-2] == "Read a book"
    added.refresh_from_db()
    response = member_client.post(
        reverse("plans:milestone-edit", args=[plan.pk, added.pk]),
        {"title": "Read two books", "kind": "skill", "effort_hours": "8",
         "description": "", "version": added.version},
    )  # fmt: skip
    assert response.status_code == 303
    added.refresh_from_db()
    assert (added.title, added.effort_hours) == ("Read two books", 8)
    delete_url = reverse("plans:milestone-delete", args=[plan.pk, added.pk])
    assert "Delete “Read two books”?" in member_client.get(delete_url).content.decode()
    assert member_client.post(delete_url).status_code == 303
    assert not plan.milestones.filter(pk=added.pk).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "kind": "skill", "effort_hours": "5"},
        {"title": "x", "kind": "skill", "effort_hours": "0"},
        {"title": "x", "kind": "magic", "effort_hours": "5"},
        {"title": "x" * 201, "kind": "skill", "effort_hours": "5"},
        {"title": "x", "kind": "skill", "effort_hours": "5", "due_date": "31/31/2027"},
    ],
)
def test_bad_new_milestones_are_refused(member_client, member, data):
    plan = make_plan(member)
    response = member_client.post(reverse("plans:milestone-add", args=[plan.pk]), data)
    assert response.status_code == 400
    assert "The milestone was not added" in response.content.decode()
    assert plan.milestones.count() == 3


def test_settings_reschedule_and_refuse_bad_values(member_client, member):
    plan = make_plan(member, plan_template(efforts=(10, 10)))
    url = reverse("plans:settings", args=[plan.pk])
    today = timezone.localdate()
    bad = {"title": "x", "weekly_hours": "70", "review_interval_weeks": "4",
           "target_date": (today + dt.timedelta(days=30)).isoformat()}  # fmt: skip
    assert member_client.post(url, bad).status_code == 400
    too_soon = {
        **bad,
        "weekly_hours": "1",
        "target_date": (today + dt.timedelta(days=3)).isoformat(),
    }
    response = member_client.post(url, too_soon)
    assert response.status_code == 400
    assert "nothing was changed" in response.content.decode()
    good = {
        **bad,
        "weekly_hours": "10",
        "target_date": (today + dt.timedelta(days=20)).isoformat(),
    }
    assert member_client.post(url, good).status_code == 303
    assert [m.due_date for m in plan.milestones.all()] == [
        today + dt.timedelta(days=10), today + dt.timedelta(days=20)]  # fmt: skip


def test_review_is_recorded_and_listed(member_client, member):
    plan = make_plan(member)
    url = reverse("plans:review-add", args=[plan.pk])
    assert member_client.post(url, {"decision": "sideways"}).status_code == 400
    response = member_client.post(
        url, {"decision": "hybrid", "note": "Try a hybrid role"}
    )
    assert response.status_code == 303
    html = member_client.get(plan.get_absolute_url()).content.decode()
    assert "Go hybrid" in html and "Try a hybrid role" in html


def test_calendar_is_valid_with_stable_uids(member_client, member):
    plan = make_plan(member)
    done = plan.milestones.first()
    Milestone.objects.filter(pk=done.pk).update(status="done")
    url = reverse("plans:calendar", args=[plan.pk])
    response = member_client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    open_ones = list(plan.milestones.open())
    assert [e.decoded("dtstart") for e in events] == [m.due_date for m in open_ones]
    assert {str(e["uid"]) for e in events} == {
        str(e["uid"])
        for e in Calendar.from_ical(member_client.get(url).content).walk("VEVENT")
    }
    assert all(str(e["uid"]).startswith("milestone-") for e in events)


def test_other_members_plans_are_404(client, member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    client.force_login(UserFactory())
    for name in ("detail", "settings", "calendar", "evidence"):
        assert client.get(reverse(f"plans:{name}", args=[plan.pk])).status_code == 404
    for name in ("milestone-edit", "milestone-delete"):
        url = reverse(f"plans:{name}", args=[plan.pk, milestone.pk])
        assert client.get(url).status_code == 404
    posts = {
        reverse("plans:milestone-status", args=[plan.pk, milestone.pk]): {
            "status": "done",
            "version": 1,
        },
        reverse("plans:milestone-details", args=[plan.pk, milestone.pk]): {
            "notes": "x",
            "version": 1,
        },
        reverse("plans:milestone-move", args=[plan.pk, milestone.pk]): {
            "direction": "up"
        },
        reverse("plans:milestone-delete", args=[plan.pk, milestone.pk]): {},
        reverse("plans:milestone-add", args=[plan.pk]): {
            "title": "x",
            "kind": "skill",
            "effort_hours": 1,
        },
        reverse("plans:review-add", args=[plan.pk]): {"decision": "stop"},
        reverse("plans:reschedule", args=[plan.pk]): {},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404, url
    milestone.refresh_from_db()
    assert milestone.status == "todo" and plan.milestones.count() == 3


def test_milestone_of_another_plan_is_404_even_for_its_owner(member_client, member):
    mine, also_mine = make_plan(member), make_plan(member)
    milestone = also_mine.milestones.first()
    url = reverse("plans:milestone-edit", args=[mine.pk, milestone.pk])
    assert member_client.get(url).status_code == 404


def test_assessment_of_another_member_cannot_seed_a_plan(member_client):
    guide = guide_with_assessment()
    plan_template(guide)
    theirs = completed_assessment(UserFactory(), guide, position=2)
    response = member_client.get(reverse("plans:new"), {"assessment": theirs.pk})
    assert response.status_code == 404


def test_dashboard_shows_plan_progress_next_three_and_latest_result(
    member_client, member
):
    guide = guide_with_assessment()
    completed_assessment(member, guide, position=-2)
    plan = make_plan(member, plan_template(efforts=(5, 5, 5, 5, 5)))
    Milestone.objects.filter(pk=plan.milestones.first().pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    html = member_client.get("/").content.decode()
    assert plan.title in html
    assert "1 overdue" in html
    assert html.count('class="dashboard-list"') == 1
    assert "Step 3" in html and "Step 4" not in html
    assert f"You lean towards {guide.role_a}" in html


@pytest.mark.parametrize("count", [5, 200])
def test_plan_page_query_count_is_constant(client, django_assert_num_queries, count):
    member = UserFactory()
    plan = make_plan(member, plan_template(efforts=[1] * count), target_date=None)
    client.force_login(member)
    # The first view after a guide change also reads the template's steps with
    # their learning resources into the shared cache; then the session, the
    # user, the plan (with what the guide-change notice needs), its
    # milestones, reviews, feedback, check-ins and latest messages.
    with django_assert_num_queries(9):
        client.get(plan.get_absolute_url())
    with django_assert_num_queries(8):
        response = client.get(plan.get_absolute_url())
    assert response.content.decode().count('class="milestone milestone--') == count


def test_dashboard_query_count_is_bounded(client, django_assert_max_num_queries):
    from coaching.models import CoachFeedback
    from tests.factories import StaffFactory

    coach = StaffFactory(group="Coaches")
    member = UserFactory(coach=coach)
    guide = guide_with_assessment()
    for position in (-2, 0, 2):
        completed_assessment(member, guide, position=position)
    member.assessments.create(guide=guide)  # one unfinished
    plan = make_plan(member, plan_template(efforts=[1] * 20), target_date=None)
    CoachFeedback.objects.create(plan=plan, coach=coach, body="Hello")
    client.force_login(member)
    # The session, the user, the member with their coach and unread messages,
    # the active plans (with this week's check-in and what the guide-change
    # notice needs), the milestones, the recent assessments, the feedback.
    with django_assert_max_num_queries(7):
        html = client.get("/").content.decode()
    assert "Resume your unfinished assessment" in html
    assert f"You lean towards {guide.role_b}" in html
    assert coach.email in html and "1 unread" in html


HX = {"HTTP_HX_REQUEST": "true"}


def test_move_offers_only_the_directions_there_are(member_client, member):
    plan = make_plan(member)
    first, middle, last = plan.milestones.all()

    def move_page(milestone, **extra) -> str:
        url = reverse("plans:milestone-move", args=[plan.pk, milestone.pk])
        return member_client.get(url, **extra).content.decode()

    for extra in ({}, HX):
        assert "Move up" not in move_page(first, **extra)
        assert "Move down" in move_page(first, **extra)
        assert "Move up" in move_page(middle, **extra)
        assert "Move down" in move_page(middle, **extra)
        assert "Move up" in move_page(last, **extra)
        assert "Move down" not in move_page(last, **extra)
    url = reverse("plans:milestone-move", args=[plan.pk, first.pk])
    response = member_client.post(url, {"direction": "up"})
    assert response.status_code == 400
    assert "It is already first." in response.content.decode()
    assert list(plan.milestones.all()) == [first, middle, last]


def test_a_plan_with_one_milestone_offers_no_move(member_client, member):
    plan = make_plan(member, plan_template(efforts=(10,)))
    milestone = plan.milestones.get()
    move_url = reverse("plans:milestone-move", args=[plan.pk, milestone.pk])
    html = member_client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert (
        f'href="{reverse("plans:milestone-edit", args=[plan.pk, milestone.pk])}"'
        in html
    )
    assert move_url not in html


def test_moving_reschedules_and_says_so(member_client, member):
    plan = make_plan(member)
    last = plan.milestones.last()
    url = reverse("plans:milestone-move", args=[plan.pk, last.pk])
    response = member_client.post(url, {"direction": "up"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "due dates now follow the new order" in html
    assert 'id="milestone-notice"' in html and 'hx-swap-oob="innerHTML"' in html
    dates = [m.due_date for m in plan.milestones.open()]
    assert dates == sorted(dates)
    response = member_client.post(url, {"direction": "up"}, follow=True)
    assert "due dates now follow the new order" in response.content.decode()


def test_deleting_offers_an_undo_that_restores_the_milestone(member_client, member):
    plan = make_plan(member)
    milestone = plan.milestones.all()[1]
    Milestone.objects.filter(pk=milestone.pk).update(notes="Worth keeping")
    detail = reverse("plans:detail", args=[plan.pk])
    restore = reverse("plans:milestone-restore", args=[plan.pk])
    assert restore not in member_client.get(detail).content.decode()

    delete = reverse("plans:milestone-delete", args=[plan.pk, milestone.pk])
    response = member_client.post(delete)
    assert response.status_code == 303
    assert response["Location"] == f"{detail}#milestone-notice"
    page = member_client.get(detail).content.decode()
    assert f'action="{restore}"' in page and "Deleted “Step 2”." in page
    assert not plan.milestones.filter(pk=milestone.pk).exists()

    response = member_client.post(restore)
    assert response.status_code == 303
    assert response["Location"] == f"{detail}#milestone-{milestone.pk}"
    restored = plan.milestones.get(pk=milestone.pk)
    assert (restored.title, restored.notes) == ("Step 2", "Worth keeping")
    assert list(plan.milestones.values_list("title", flat=True)) == [
        "Step 1", "Step 2", "Step 3",
    ]  # fmt: skip
    # Once restored there is nothing left to undo.
    assert restore not in member_client.get(detail).content.decode()
    assert member_client.post(restore).status_code == 409
    assert plan.milestones.count() == 3


def test_htmx_delete_puts_undo_in_the_notice_with_focus(member_client, member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    delete = reverse("plans:milestone-delete", args=[plan.pk, milestone.pk])
    response = member_client.post(delete, **HX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="milestone-notice"' in html
    assert reverse("plans:milestone-restore", args=[plan.pk]) in html
    assert re.search(r"<button[^>]*autofocus[^>]*>Undo", html)


def test_undo_is_only_for_the_plan_that_lost_the_milestone(member_client, member):
    plan, other = make_plan(member), make_plan(member)
    milestone = plan.milestones.first()
    member_client.post(reverse("plans:milestone-delete", args=[plan.pk, milestone.pk]))
    other_restore = reverse("plans:milestone-restore", args=[other.pk])
    assert (
        other_restore
        not in member_client.get(
            reverse("plans:detail", args=[other.pk])
        ).content.decode()
    )
    assert member_client.post(other_restore).status_code == 409
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    assert other.milestones.count() == 3


def test_invalid_evidence_without_javascript_lands_on_the_field(member_client, member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    url = reverse("plans:milestone-details", args=[plan.pk, milestone.pk])
    response = member_client.post(
        url, {"notes": "kept", "evidence_url": "not a url",
              "version": milestone.version},
    )  # fmt: skip
    html = response.content.decode()
    # The milestone's own page, not the top of the plan page.
    assert response.status_code == 400 and "<html" in html
    assert "Notes and evidence for “Step 1”" in html
    field_id = f"m{milestone.pk}-evidence_url"
    summary = html[html.index('class="form-errors error-summary"') :]
    assert f'<a href="#{field_id}">Enter a web address' in summary
    field = re.search(rf'<input[^>]*id="{field_id}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert f'aria-describedby="{field_id}_error"' in field
    assert "autofocus" in field
    assert f'id="{field_id}_error"' in html


@pytest.mark.parametrize("action", ["details", "move"])
def test_htmx_swaps_put_focus_on_the_row_heading(member_client, member, action):
    plan = make_plan(member)
    milestone = plan.milestones.last()
    url = reverse(f"plans:milestone-{action}", args=[plan.pk, milestone.pk])
    data = {"direction": "up"} if action == "move" else {
        "notes": "n", "evidence_url": "", "version": milestone.version}  # fmt: skip
    html = member_client.post(url, data, **HX).content.decode()
    heading = re.search(rf'<h3[^>]*id="milestone-{milestone.pk}-title"[^>]*>', html)
    assert 'tabindex="-1"' in heading.group(0) and "autofocus" in heading.group(0)
    assert html.count("autofocus") == 1
    # A full page never moves focus on its own.
    page = member_client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "autofocus" not in page


def test_htmx_status_change_keeps_the_control_ids_for_focus(member_client, member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    url = reverse("plans:milestone-status", args=[plan.pk, milestone.pk])
    html = member_client.post(
        url, {"status": "doing", "version": milestone.version}, **HX
    ).content.decode()
    # htmx gives focus back to the element with the id of the one used.
    assert f'id="status-{milestone.pk}"' in html
    assert f'id="update-{milestone.pk}"' in html
    assert "autofocus" not in html
