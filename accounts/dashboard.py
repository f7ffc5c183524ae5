"""What a member's home page shows: their plan, their latest result, next steps."""

from __future__ import annotations

from assessments.models import Assessment
from guides.models import Guide
from plans.models import CoachFeedback, Plan
from plans.progress import plan_progress

from .models import User


def member_dashboard(user: User) -> dict:
    plan = Plan.objects.for_member(user).active().first()
    progress = plan_progress(list(plan.milestones.all())) if plan else None
    assessments = Assessment.objects.for_member(user).with_guide()
    unread = list(
        CoachFeedback.objects.for_member(user).unread().select_related("coach")[:3]
    )
    return {
        "coach": user.coach,
        "unread_feedback": unread,
        "plan": plan,
        "progress": progress,
        "latest_result": assessments.completed().order_by("-completed_at").first(),
        "unfinished": assessments.unfinished().first(),
        "featured_guides": [] if plan else list(
            Guide.objects.published().with_roles().order_by("-reviewed_on")[:2]
        ),
    }  # fmt: skip
