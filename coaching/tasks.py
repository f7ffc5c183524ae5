"""Background jobs: emails to members (Django's tasks API)."""

from __future__ import annotations

import datetime as dt

from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string

from accounts.models import User
from config.http import site_url
from plans import guide_changes
from plans.models import Milestone

from .models import CoachFeedback, Message


def _send(
    *, to: str, subject: str, template: str, context: dict, base: str | None = None
) -> None:
    context = {**context, "site_url": base or site_url()}
    message = EmailMultiAlternatives(
        subject=f"[Crossroads] {subject}",
        body=render_to_string(f"emails/{template}.txt", context),
        to=[to],
    )
    message.attach_alternative(
        render_to_string(f"emails/{template}.html", context), "text/html"
    )
    message.send()


@task
def send_feedback_email(feedback_id: int, base: str | None = None) -> None:
    feedback = (
        CoachFeedback.objects.select_related("plan__member", "coach", "milestone")
        .filter(pk=feedback_id)
        .first()
    )
    if feedback is None:  # deleted before the worker got to it
        return
    coach = feedback.coach.display_name if feedback.coach else "Your coach"
    _send(
        to=feedback.plan.member.email,
        subject=f"New feedback from {coach}",
        template="feedback",
        context={"feedback": feedback, "coach": coach, "member": feedback.plan.member},
        base=base,
    )


@task
def send_message_email(message_id: int) -> None:
    """Tell the other side of the thread: the member (unless they opted out)
    about a coach's message, the member's current coach about theirs."""
    message = (
        Message.objects.select_related("plan__member__coach", "author", "milestone")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return
    member = message.plan.member
    if message.from_coach:
        if not member.is_active or not member.email_messages:
            return
        to, template = member.email, "message_to_member"
        sender = message.author.display_name if message.author else "Your coach"
    else:
        coach = member.coach
        if coach is None or not coach.is_active:
            return  # no coach now: the message waits for the next one
        to, template = coach.email, "message_to_coach"
        sender = member.display_name
    _send(
        to=to,
        subject=f"New message from {sender}",
        template=template,
        context={"message": message, "sender": sender, "member": member},
    )


@task
def send_reminder_email(member_id: int, day: str) -> None:
    member = User.objects.filter(pk=member_id, is_active=True).first()
    if member is None or not member.email_reminders:
        return
    today = dt.date.fromisoformat(day)
    milestones = list(
        Milestone.objects.filter(plan__member=member, plan__status="active")
        .open()
        .filter(due_date__lte=today + dt.timedelta(days=7))
        .with_overdue(today)
        .select_related("plan")
        .order_by("due_date", "order")
    )
    if not milestones:
        return
    overdue = [m for m in milestones if m.is_overdue]
    upcoming = [m for m in milestones if not m.is_overdue]
    plural = "s" if len(upcoming) != 1 else ""
    subject = f"{len(upcoming)} milestone{plural} due this week"
    if overdue:
        subject = f"{len(overdue)} overdue, {len(upcoming)} due this week"
    # A guide change is mentioned in one reminder only.
    changes = guide_changes.unmailed(member)
    _send(
        to=member.email,
        subject=subject,
        template="reminder",
        context={"member": member, "overdue": overdue, "upcoming": upcoming,
                 "today": today, "guide_changes": changes},
    )  # fmt: skip
    guide_changes.mark_mailed(member=member, changes=changes)
