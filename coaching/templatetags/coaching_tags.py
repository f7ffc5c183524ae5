"""The conversation on the plan page: coaching renders it from the plan's
reverse relation, so the plan's own view needs to know nothing of coaching."""

from django import template
from django.db.models import Case, Q, Sum, When, Window

register = template.Library()

#: Messages shown on the plan page; the thread page has them all.
LATEST = 5


@register.inclusion_tag("coaching/thread.html#conversation", takes_context=True)
def plan_conversation(context, plan) -> dict:
    """The latest messages and how many of all are unread, in one query (the
    count is a window over the plan's messages, taken before the limit). The
    form to write opens on demand (``views.thread``)."""
    unread = Q(from_coach=True, read_at__isnull=True)
    latest = list(
        plan.messages.select_related("author", "milestone")
        .annotate(unread_total=Window(Sum(Case(When(unread, then=1), default=0))))
        .order_by("-created_at", "-id")[: LATEST + 1]
    )
    return {
        "plan": plan,
        "thread": list(reversed(latest[:LATEST])),
        "more": len(latest) > LATEST,
        "unread": latest[0].unread_total if latest else 0,
        "next": "plan",
        "csrf_token": context.get("csrf_token"),
        # The member is the one reading: no query for whether they have a coach.
        "coach": context["request"].user.coach_id,
    }
