"""What a member's home page shows: their plan, their latest result, next steps."""

from __future__ import annotations

from django.db.models import Count, Q, Subquery
from django.utils import timezone

from accounts.models import User
from assessments.models import Assessment
from coaching.models import CoachFeedback, Message
from guides.models import Guide
from plans.checkins import CheckInForm, due_checkin
from plans.models import Plan, week_of
from plans.progress import plan_progress


def member_dashboard(user: User) -> dict:
    # The profile card and the coach card in one query.
    member = User.objects.select_related("coach", "current_role").get(pk=user.pk)
    plan = Plan.objects.for_member(user).active().first()
    progress = plan_progress(list(plan.milestones.with_overdue())) if plan else None
    assessments = Assessment.objects.for_member(user)
    latest_done = assessments.completed().order_by("-completed_at").values("pk")[:1]
    # The latest result and any unfinished assessment, in one query.
    recent = list(
        assessments.with_guide().filter(
            Q(completed_at__isnull=True) | Q(pk=Subquery(latest_done))
        )
    )
    unread = list(
        CoachFeedback.objects.for_member(user).unread().select_related("coach")[:3]
    )
    latest_result = next((a for a in recent if a.is_complete), None)
    # Nothing done yet: the dashboard leads to a guide and its assessment.
    first_visit = plan is None and not recent
    first_guide = None
    if first_visit:
        first_guide = (
            Guide.objects.published().with_roles()
            .annotate(question_count=Count("questions")).filter(question_count__gt=0)
            .order_by("-reviewed_on", "title").first()
        )  # fmt: skip
    checkin = due_checkin(plan)
    unread_messages = Message.objects.for_member(user).unread_by_member()
    return {
        "unread_messages": unread_messages.count(),
        "checkin_due": checkin,
        "checkin_form": CheckInForm() if checkin else None,
        "week": week_of(timezone.localdate()),
        "member": member,
        "first_visit": first_visit,
        "first_guide": first_guide,
        "coach": member.coach,
        "unread_feedback": unread,
        "plan": plan,
        "progress": progress,
        "latest_result": latest_result,
        "unfinished": next((a for a in recent if not a.is_complete), None),
        "featured_guides": [] if plan else list(
            Guide.objects.published().with_roles().featured_first()[:2]
        ),
    }  # fmt: skip
