"""The pages a new member meets, on seeded content, for whole-site checks."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import User
from assessments import services as assessment_services
from coaching.models import CoachFeedback
from guides.models import Guide, Role
from plans import services as plan_services
from plans.models import Milestone, PlanTemplate
from plans.seed import DEMO_GUIDE_SLUG as GUIDE_SLUG
from publishing.importer import import_content
from tests.factories import UserFactory, completed_assessment


@dataclass
class Journey:
    member: User
    anonymous: list[str]
    signed_in: list[str]


def build_journey() -> Journey:
    """Seeded guides, a member with two results, a plan with a done milestone
    and a coach's feedback; the URLs a visitor and that member reach."""
    import_content()
    guide = Guide.objects.get(slug=GUIDE_SLUG)
    member = UserFactory(level="senior")
    member.current_role = Role.objects.get(slug="data-scientist")
    member.save()
    first = completed_assessment(member, guide, position=-1)
    second = completed_assessment(member, guide, position=2)
    template = PlanTemplate.objects.filter(guide=guide).first()
    today = timezone.localdate()
    plan = plan_services.create_plan(
        member=member, template=template, title="My switch", start_date=today,
        target_date=today + dt.timedelta(days=365), weekly_hours=10,
    )  # fmt: skip
    milestone = plan.milestones.order_by("order").first()
    plan_services.update_milestone(
        milestone=milestone, version=milestone.version,
        status=Milestone.Status.DONE,
    )  # fmt: skip
    coach = UserFactory(is_staff=True)
    feedback = CoachFeedback.objects.create(
        plan=plan, milestone=milestone, coach=coach, body="A good first step."
    )
    # An assessment in progress, for the step page.
    unfinished, _ = assessment_services.start_or_resume(member=member, guide=guide)
    return Journey(
        member=member,
        anonymous=[
            "/",
            "/guides/",
            guide.get_absolute_url(),
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
        ],
        signed_in=[
            "/",
            guide.get_absolute_url(),
            f"/guides/{GUIDE_SLUG}/assessment/",
            unfinished.get_absolute_url(),
            "/assessments/",
            first.get_absolute_url(),
            f"/assessments/compare/?a={first.pk}&b={second.pk}",
            "/plans/",
            "/plans/new/",
            f"/plans/new/?assessment={second.pk}",
            plan.get_absolute_url(),
            f"/plans/{plan.pk}/settings/",
            feedback.get_absolute_url(),
            "/accounts/profile/",
            "/accounts/2fa/",
        ],
    )
