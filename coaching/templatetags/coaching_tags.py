"""The conversation on the plan page: coaching renders it from the plan's
reverse relation, so the plan's own view needs to know nothing of coaching."""

from django import template

from ..forms import MessageForm

register = template.Library()

#: Messages shown on the plan page; the thread page has them all.
LATEST = 5


@register.inclusion_tag("coaching/thread.html#conversation", takes_context=True)
def plan_conversation(context, plan) -> dict:
    latest = list(
        plan.messages.select_related("author", "milestone").order_by(
            "-created_at", "-id"
        )[: LATEST + 1]
    )
    unread = plan.messages.unread_by_member().count() if latest else 0
    return {
        "plan": plan,
        "thread": list(reversed(latest[:LATEST])),
        "more": len(latest) > LATEST,
        "unread": unread,
        "message_form": MessageForm(plan=plan),
        "next": "plan",
        "csrf_token": context.get("csrf_token"),
        # The member is the one reading: no query for whether they have a coach.
        "coach": context["request"].user.coach_id,
    }
