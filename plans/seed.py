"""The demo member's journey: a finished assessment and a plan (local use only)."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from assessments import services as assessment_services
from guides.models import Guide

from . import services
from .models import PlanTemplate

# The guide the demo member has taken; its content comes from import_content.
DEMO_GUIDE_SLUG = "data-scientist-vs-machine-learning-engineer-2026"


def seed_demo_journey(member) -> Counter:
    """Give the demo member a finished assessment and a plan to look at."""
    created: Counter = Counter()
    guide = Guide.objects.filter(slug=DEMO_GUIDE_SLUG).first()
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
        guide=guide,
        from_role__slug="data-scientist",
        to_role__slug="machine-learning-engineer",
    ).first()
    if template:
        services.create_plan(
            member=member, template=template, title=template.title,
            start_date=timezone.localdate(), target_date=None, weekly_hours=8,
            source_assessment=assessment,
        )  # fmt: skip
        created["demo plans"] += 1
    return created
