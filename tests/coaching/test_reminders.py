import datetime as dt

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus, default_task_backend
from django.utils import timezone

from coaching.models import ReminderLog
from coaching.notifications import queue_reminders
from coaching.tasks import send_reminder_email
from plans.models import Milestone
from tests.factories import UserFactory, make_plan, plan_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_plan():
    member = UserFactory(email="due@example.com", name="Dee")
    plan = make_plan(member, plan_template(efforts=(5, 5, 5)))
    today = timezone.localdate()
    first, second, third = plan.milestones.all()
    Milestone.objects.filter(pk=first.pk).update(due_date=today - dt.timedelta(days=3))
    Milestone.objects.filter(pk=second.pk).update(due_date=today + dt.timedelta(days=6))
    Milestone.objects.filter(pk=third.pk).update(due_date=today + dt.timedelta(days=30))
    return plan


def test_tasks_run_through_the_configured_backend(due_plan, mailoutbox):
    assert default_task_backend.alias == "default"
    result = send_reminder_email.enqueue(
        due_plan.member.pk, timezone.localdate().isoformat()
    )
    assert result.backend == "default"
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert len(mailoutbox) == 1


def test_reminder_lists_overdue_and_due_this_week(due_plan, mailoutbox,
                                                  django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["due@example.com"]
    assert email.subject == "[Crossroads] 1 overdue, 1 due this week"
    assert "Step 1" in email.body and "Step 2" in email.body
    assert "Step 3" not in email.body  # due in a month
    assert f"{due_plan.get_absolute_url()}#milestone-" in email.body
    html = email.alternatives[0].content
    assert "<h2>Overdue</h2>" in html and "Turn them off" in html


def test_second_run_the_same_day_sends_nothing(due_plan, mailoutbox,
                                               django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_reminders() == 0
    assert len(mailoutbox) == 1
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_reminders(today=tomorrow) == 1
    assert ReminderLog.objects.count() == 2


def test_opted_out_members_get_nothing(due_plan, mailoutbox,
                                       django_capture_on_commit_callbacks):  # fmt: skip
    member = due_plan.member
    member.email_reminders = False
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_reminders() == 0
    assert mailoutbox == []


def test_nothing_due_means_no_email(mailoutbox, django_capture_on_commit_callbacks):
    plan = make_plan(UserFactory())
    plan.milestones.update(due_date=timezone.localdate() + dt.timedelta(days=60))
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_reminders() == 0
    assert mailoutbox == []


def test_profile_has_the_opt_out(member_client, member):
    member_client.post(
        "/accounts/profile/", {"name": "x", "level": "", "target_market": ""}
    )
    member.refresh_from_db()
    assert member.email_reminders is False  # an unticked box turns reminders off
