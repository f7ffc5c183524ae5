"""Seed the switching-plan templates; creates only what is missing."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from assessments import services as assessment_services
from guides.models import Guide, Role

from . import seed_data, services
from .models import MilestoneTemplate, PlanTemplate


def seed_plans() -> Counter:
    created: Counter = Counter()
    guide = Guide.objects.filter(slug=seed_data.GUIDE_SLUG).first()
    if guide is None:
        return created
    roles = {r.slug: r for r in Role.objects.all()}
    for data in seed_data.TEMPLATES:
        template, new = PlanTemplate.objects.get_or_create(
            guide=guide,
            from_role=roles[data["from_role"]],
            to_role=roles[data["to_role"]],
            defaults={"title": data["title"], "summary": data["summary"]},
        )
        if not new:
            continue
        created["plan templates"] += 1
        MilestoneTemplate.objects.bulk_create(
            MilestoneTemplate(template=template, order=order, **step)
            for order, step in enumerate(data["milestones"], start=1)
        )
    return created


def seed_demo_journey(member) -> Counter:
    """Give the demo member a finished assessment and a plan to look at."""
    created: Counter = Counter()
    guide = Guide.objects.filter(slug=seed_data.GUIDE_SLUG).first()
    if guide is None or member.assessments.exists():
        return created
    assessment, _ = assessment_services.start_or_resume(member=member, guide=guide)
    for question in guide.questions.prefetch_related("options"):
        leaning_b = max(
            question.options.all(), key=lambda o: (o.position == 1, o.position)
        )
        assessment_services.record_answer(
            assessment=assessment, question=question, option=leaning_b
        )
    assessment_services.complete_assessment(assessment=assessment, fit_statement_ids=[])
    created["demo assessments"] += 1
    template = PlanTemplate.objects.filter(
        guide=guide, from_role__slug="data-scientist"
    ).first()
    if template:
        services.create_plan(
            member=member, template=template, title=template.title,
            start_date=timezone.localdate(), target_date=None, weekly_hours=8,
            source_assessment=assessment,
        )  # fmt: skip
        created["demo plans"] += 1
    return created
