"""What a member's home page shows: their plan, their latest result, next steps."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from assessments.models import Assessment
from coaching.models import CoachFeedback, Message
from guides.models import Guide
from plans import guide_changes
from plans.checkins import CheckInForm, due_checkin
from plans.models import Plan, week_of
from plans.progress import plan_progress


def member_dashboard(user: User) -> dict:
    """Seven queries beside the session and the user, whatever the member
    has: their profile and coach (with the unread messages counted), their
    active plans (with this week's check-in and what the guide-change notice
    needs), the first plan's milestones, the latest result and any unfinished
    assessment, and the unread feedback."""
    today = timezone.localdate()
    unread_messages = (
        Message.objects.unread_by_member()
        .filter(plan__member=OuterRef("pk"))
        .order_by()
        .values("plan__member")
        .annotate(count=Count("pk"))
        .values("count")
    )
    member = (
        User.objects.select_related("coach", "current_role")
        .annotate(unread_messages=Coalesce(Subquery(unread_messages), 0))
        .get(pk=user.pk)
    )
    plans = list(
        guide_changes.with_news(
            Plan.objects.for_member(user).active().select_related("template")
        ).with_checkin_for(week_of(today))
    )
    plan = plans[0] if plans else None
    progress = plan_progress(list(plan.milestones.with_overdue())) if plan else None
    assessments = Assessment.objects.for_member(user)
    latest_done = assessments.completed().order_by("-completed_at").values("pk")[:1]
    # The latest result and any unfinished assessment, in one query.
    recent = list(
        guide_changes.results_with_news(
            assessments.with_guide().filter(
                Q(completed_at__isnull=True) | Q(pk=Subquery(latest_done))
            )
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
    return {
        "plan_review": plan_review(plan, latest_result),
        "guide_notices": guide_changes.notices(
            user, plans=plans, result=latest_result
        ),
        "unread_messages": member.unread_messages,
        "checkin_due": checkin,
        "checkin_form": CheckInForm() if checkin else None,
        "week": week_of(today),
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


def plan_direction(plan: Plan, result: dict) -> int | None:
    """The id of the role (of the result's two) that ``plan`` leads to."""
    roles = {result["role_a"]["id"]: result["role_a"], result["role_b"]["id"]:
             result["role_b"]}  # fmt: skip
    if plan.template is not None:
        return plan.template.to_role_id if plan.template.to_role_id in roles else None
    by_name = {r["name"]: pk for pk, r in roles.items()}
    return by_name.get(plan.to_role_name)


def plan_review(plan: Plan | None, latest: Assessment | None) -> dict | None:
    """When the latest result leans away from where the active plan leads,
    and no review of the plan has been recorded since that result: what the
    dashboard says, so the member decides whether to go on."""
    if plan is None or latest is None:
        return None
    result = latest.result
    leaning = result.get("leaning_role")
    direction = plan_direction(plan, result)
    if leaning is None or direction is None or leaning["id"] == direction:
        return None
    if plan.reviews.filter(created_at__gte=latest.completed_at).exists():
        return None
    heading_to = next(
        r["name"] for r in (result["role_a"], result["role_b"]) if r["id"] == direction
    )
    return {"plan": plan, "result": latest, "leaning": leaning["name"],
            "heading_to": heading_to}  # fmt: skip
