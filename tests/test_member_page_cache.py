"""Member pages served from the cache: never stale, never another member's,
and their forms carry the response's own CSRF token.

The dashboard, a plan and a finished result are cached under the member's
data revision (accounts.revisions), so every write path must bump it.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from assessments import services as assessment_services
from coaching.models import CoachFeedback
from config.fragments import csrf_placeholder
from plans import services
from plans.models import Milestone, ReviewDecision
from tests.factories import (
    StaffFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
)

pytestmark = pytest.mark.django_db


def revision(user: User) -> int:
    return User.objects.values_list("data_revision", flat=True).get(pk=user.pk)


def first(plan) -> Milestone:
    return plan.milestones.order_by("order").first()


WRITES = {
    "update a milestone": lambda p: services.update_milestone(
        milestone=first(p), version=first(p).version, notes="new notes"
    ),
    "change a status": lambda p: services.update_milestone(
        milestone=first(p), version=first(p).version, status="done"
    ),
    "add a milestone": lambda p: services.add_milestone(
        plan=p, title="Extra", kind="skill", effort_hours=3
    ),
    "delete a milestone": lambda p: services.delete_milestone(milestone=first(p)),
    "move a milestone": lambda p: services.move_milestone(
        milestone=first(p), direction="down"
    ),
    "reschedule": lambda p: services.reschedule(plan=p),
    "change the settings": lambda p: services.update_plan_settings(
        plan=p,
        title="Renamed",
        target_date=p.target_date,
        weekly_hours=12,
        review_interval_weeks=2,
    ),
    "record a review": lambda p: services.record_review(
        plan=p, decision=ReviewDecision.Decision.CONTINUE, note="ok"
    ),
    "stop at a review": lambda p: services.record_review(
        plan=p, decision=ReviewDecision.Decision.STOP, note=""
    ),
    "coach feedback": lambda p: CoachFeedback.objects.create(
        plan=p, coach=StaffFactory(), body="Nice"
    ),
    "edit the plan in the admin": lambda p: p.save(),
    "profile change": lambda p: p.member.save(),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_to_a_plan_bumps_only_its_members_revision(member, write):
    plan = make_plan(member)
    bystander = make_plan(UserFactory()).member
    before, bystander_before = revision(member), revision(bystander)
    plan.refresh_from_db()
    write(plan)
    assert revision(member) > before
    assert revision(bystander) == bystander_before


def test_assessment_writes_bump_the_revision(member):
    guide = guide_with_assessment(questions=2)
    assessment, _ = assessment_services.start_or_resume(member=member, guide=guide)
    steps = [revision(member)]
    for question in guide.questions.all():
        option = question.options.get(position=1)
        assessment_services.record_answer(
            assessment=assessment, question=question, option=option
        )
        steps.append(revision(member))
    assessment_services.complete_assessment(assessment=assessment, fit_statement_ids=[])
    steps.append(revision(member))
    assert steps == sorted(set(steps)), steps


def test_a_coachs_new_name_reaches_their_clients_pages(member):
    coach = StaffFactory(group="Coaches", name="Ada")
    member.coach = coach
    member.save()
    client = Client()
    client.force_login(member)
    assert "Ada" in client.get("/").content.decode()
    coach.name = "Grace"
    coach.save()
    assert "Grace" in client.get("/").content.decode()


def test_signing_in_does_not_empty_the_cache(member):
    before = revision(member)
    Client().login(email=member.email, password="correct-horse-battery-42")
    assert revision(member) == before


def test_a_cached_plan_page_shows_a_change_at_once(member_client, member):
    plan = make_plan(member)
    url = plan.get_absolute_url()
    assert "Step 1" in member_client.get(url).content.decode()
    milestone = first(plan)
    services.update_milestone(
        milestone=milestone, version=milestone.version, title="Shipped a model"
    )
    html = member_client.get(url).content.decode()
    assert "Shipped a model" in html and "Step 1" not in html


def test_the_second_view_is_served_from_the_cache(member_client, member):
    plan = make_plan(member)
    url = plan.get_absolute_url()
    first_view = member_client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        second_view = member_client.get(url).content.decode()
    # Only the session and the user: nothing of the plan is read again.
    assert len(queries) == 2, [q["sql"] for q in queries]
    strip = re.compile(r'(value="|"X-CSRFToken": "|nonce=")[^"]+')
    assert strip.sub("", second_view) == strip.sub("", first_view)


def test_a_cached_page_is_never_another_members(member_client, member, client):
    plan = make_plan(member)
    result = completed_assessment(member, guide_with_assessment())
    for url in (plan.get_absolute_url(), result.get_absolute_url()):
        assert member_client.get(url).status_code == 200
        intruder = Client()
        intruder.force_login(UserFactory())
        assert intruder.get(url).status_code == 404
    own = Client()
    own.force_login(UserFactory(name="Somebody Else"))
    dashboard = own.get("/").content.decode()
    assert "Somebody Else" in dashboard and member.display_name not in dashboard


def test_cached_forms_carry_this_responses_token(member):
    plan = make_plan(member)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get(plan.get_absolute_url())
    html = client.get(plan.get_absolute_url()).content.decode()  # from the cache
    assert csrf_placeholder() not in html
    milestone = first(plan)
    form = re.search(
        r'<form class="status-form" method="post" action="([^"]+)".*?'
        r'name="csrfmiddlewaretoken" value="([^"]+)".*?name="version" value="(\d+)"',
        html,
        re.S,
    )
    assert form, "status form not found"
    response = client.post(
        form[1], {"csrfmiddlewaretoken": form[2], "version": form[3], "status": "done"}
    )
    assert response.status_code == 303
    milestone.refresh_from_db()
    assert milestone.status == "done"
    # The next page view shows it, from a fresh render.
    assert "1 of 3 milestones" in client.get(plan.get_absolute_url()).content.decode()


def test_the_placeholder_is_not_something_a_member_can_type(member_client, member):
    # Only our templates' csrf_token tags put it in a fragment; escaped text
    # that happens to contain "csrf" and hex is left alone.
    plan = make_plan(member)
    services.update_plan_settings(
        plan=plan, title="csrf0123abcd", target_date=plan.target_date,
        weekly_hours=10, review_interval_weeks=4,
    )  # fmt: skip
    html = member_client.get(plan.get_absolute_url()).content.decode()
    assert "csrf0123abcd" in html
