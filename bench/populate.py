"""Fill a benchmark database: seeded content, N members with 3 assessments
and a 20-milestone plan each, and one coach whose clients they all are.

Each plan is in the state a member three weeks in would have it: milestones
from the template's steps (so their learning resources show), three weekly
check-ins (not yet this week's, so the dashboard asks for it), a review
decision, two pieces of coach feedback (one unread) and four messages (the
coach's latest unread).

Run as: DATABASE_URL=... python bench/populate.py N
"""

import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from assessments import services as assessment_services
from coaching.models import CoachFeedback, Message
from config.vocabulary import Level
from guides.models import Guide
from plans.models import (
    CheckIn,
    Milestone,
    MilestoneTemplate,
    Plan,
    PlanTemplate,
    ReviewDecision,
    week_of,
)
from plans.seed import DEMO_GUIDE_SLUG as GUIDE_SLUG
from publishing.importer import import_content


def populate(members: int) -> None:
    import_content()
    guide = Guide.objects.get(slug=GUIDE_SLUG)
    template = PlanTemplate.objects.filter(guide=guide).first()
    steps = list(MilestoneTemplate.objects.filter(template=template))
    coach = User.objects.create_user(
        "coach@bench.test", "bench-password-1", is_staff=True, name="Bench Coach"
    )
    coach.groups.add(Group.objects.get(name="Coaches"))
    TOTP.activate(coach, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    questions = list(guide.questions.prefetch_related("options"))
    today = timezone.localdate()
    now = timezone.now()
    levels = [value for value, _ in Level.choices]
    for n in range(members):
        with transaction.atomic():
            member = User.objects.create_user(
                f"member{n}@bench.test", None, name=f"Member {n}", coach=coach,
                level=levels[n % len(levels)], current_role=guide.role_a,
            )  # fmt: skip
            for k in range(3):
                assessment, _ = assessment_services.start_or_resume(
                    member=member, guide=guide
                )
                for question in questions:
                    options = list(question.options.all())
                    assessment_services.record_answer(
                        assessment=assessment, question=question,
                        option=options[(n + k) % len(options)],
                    )  # fmt: skip
                assessment_services.complete_assessment(
                    assessment=assessment, fit_statement_ids=[]
                )
            plan = Plan.objects.create(
                member=member, template=template, title="Bench plan",
                start_date=today - dt.timedelta(weeks=3),
                target_date=today + dt.timedelta(days=300), weekly_hours=8,
            )  # fmt: skip
            milestones = Milestone.objects.bulk_create(
                Milestone(
                    plan=plan, order=i + 1, step=steps[i % len(steps)],
                    title=steps[i % len(steps)].title,
                    kind=steps[i % len(steps)].kind, effort_hours=5 + i,
                    due_date=today + dt.timedelta(days=10 * i - 30),
                    status="done" if i < 4 else "todo",
                    notes="Some notes" if i % 3 == 0 else "",
                )
                for i in range(20)
            )  # fmt: skip
            CheckIn.objects.bulk_create(
                CheckIn(plan=plan, week=week_of(today) - dt.timedelta(weeks=w),
                        hours=6 + w, confidence=3, blocker="")
                for w in (1, 2, 3)
            )  # fmt: skip
            ReviewDecision.objects.create(
                plan=plan, date=today - dt.timedelta(weeks=1), decision="continue",
                note="Keeping the pace.",
            )  # fmt: skip
            for body, read in (
                ("A good first month.", now),
                ("Try the project.", None),
            ):
                CoachFeedback.objects.create(
                    plan=plan, coach=coach, milestone=milestones[4], body=body,
                    read_at=read,
                )  # fmt: skip
            for k, (from_coach, read) in enumerate(
                [(False, now), (True, now), (False, now), (True, None)]
            ):
                Message.objects.create(
                    plan=plan, author=coach if from_coach else member,
                    from_coach=from_coach, body=f"Message {k} about the plan.",
                    milestone=milestones[k] if k % 2 else None, read_at=read,
                )  # fmt: skip


if __name__ == "__main__":
    populate(int(sys.argv[1]))
