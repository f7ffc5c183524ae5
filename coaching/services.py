"""Writes for coaching: feedback given and read."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from plans.models import Milestone, Plan

from .models import CoachFeedback
from .notifications import notify_feedback


def give_feedback(
    *,
    coach: User,
    plan: Plan,
    body: str,
    milestone: Milestone | None = None,
    site_url: str | None = None,
) -> CoachFeedback:
    """A coach's note on a client's plan (or one of its milestones); the
    member is emailed once it is committed, with links under ``site_url``."""
    if milestone is not None and milestone.plan_id != plan.pk:
        raise ValueError("The milestone belongs to another plan.")
    with transaction.atomic():
        feedback = CoachFeedback.objects.create(
            plan=plan, milestone=milestone, coach=coach, body=body
        )
        notify_feedback(feedback, site_url=site_url)
    return feedback


def mark_feedback_read(*, feedback: CoachFeedback) -> CoachFeedback:
    """Mark feedback read, once: a second call keeps the first time."""
    with transaction.atomic():
        CoachFeedback.objects.filter(pk=feedback.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        feedback.refresh_from_db(fields=["read_at"])
    return feedback
