"""Queue member notifications once the data they describe is committed."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from plans.models import Milestone

from .models import CoachFeedback, Message, ReminderLog
from .tasks import send_feedback_email, send_message_email, send_reminder_email


def notify_feedback(feedback: CoachFeedback, *, site_url: str | None = None) -> None:
    """Email the member once committed; links start with ``site_url``."""
    transaction.on_commit(lambda: send_feedback_email.enqueue(feedback.pk, site_url))


def notify_message(message: Message) -> None:
    transaction.on_commit(lambda: send_message_email.enqueue(message.pk))


def queue_reminders(*, today: dt.date | None = None) -> int:
    """Queue one reminder per member with milestones due within 7 days or overdue.

    Idempotent per member and day: the ReminderLog row is claimed first, so a
    second run (or two runs at once) sends nothing more. Members who opted out
    are skipped. Returns how many reminders were queued.
    """
    today = today or timezone.localdate()
    due = Milestone.objects.open().filter(
        plan__status="active", due_date__lte=today + dt.timedelta(days=7)
    )
    members = User.objects.filter(
        is_active=True, email_reminders=True, pk__in=due.values("plan__member")
    )
    queued = 0
    for member in members.only("pk"):
        try:
            with transaction.atomic():
                ReminderLog.objects.create(member=member, date=today)
                transaction.on_commit(
                    lambda pk=member.pk: send_reminder_email.enqueue(
                        pk, today.isoformat()
                    )
                )
        except IntegrityError:
            continue  # already reminded today
        queued += 1
    return queued
