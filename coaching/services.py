"""Writes for coaching: feedback given and read, the plan's conversation,
private coach notes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from plans.models import Milestone, Plan

from .models import CoachFeedback, CoachNote, Message
from .notifications import notify_feedback, notify_message


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


def coaches_plan(coach: User, plan: Plan) -> bool:
    """Whether ``coach`` may write in the plan's thread: its member's coach now
    (unassigning ends it at once), or a superuser."""
    return coach.is_superuser or (coach.is_coach and plan.member.coach_id == coach.pk)


def send_message(
    *, author: User, plan: Plan, body: str, milestone: Milestone | None = None
) -> Message:
    """A message in the plan's thread, from its member or their coach.

    The other side is emailed after commit. A reply also marks what the other
    side wrote as read: answering means it was read.
    """
    if milestone is not None and milestone.plan_id != plan.pk:
        raise ValueError("The milestone belongs to another plan.")
    from_coach = author.pk != plan.member_id
    if from_coach and not coaches_plan(author, plan):
        raise PermissionDenied("Only the member's coach writes in this thread.")
    with transaction.atomic():
        message = Message.objects.create(
            plan=plan, milestone=milestone, author=author, from_coach=from_coach,
            body=body,
        )  # fmt: skip
        plan.messages.filter(from_coach=not from_coach, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        notify_message(message)
    return message


def mark_thread_read(*, plan: Plan, reader: User) -> int:
    """Mark what the other side wrote in the plan's thread as read; returns
    how many messages that was."""
    by_member = reader.pk == plan.member_id
    if not by_member and not coaches_plan(reader, plan):
        raise PermissionDenied("Only the member and their coach read this thread.")
    with transaction.atomic():
        return plan.messages.filter(from_coach=by_member, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def add_note(*, coach: User, client: User, body: str) -> CoachNote:
    """A private note about a client, readable by its coach and superusers."""
    if not (coach.is_superuser or (coach.is_coach and client.coach_id == coach.pk)):
        raise PermissionDenied("Notes are for your own clients.")
    with transaction.atomic():
        return CoachNote.objects.create(coach=coach, client=client, body=body)


def update_note(*, note: CoachNote, body: str) -> CoachNote:
    with transaction.atomic():
        note.body = body
        note.save(update_fields=["body", "updated_at"])
    return note
