"""Seed the switching-plan templates; creates only what is missing."""

from __future__ import annotations

from collections import Counter

from guides.models import Guide, Role

from . import seed_data
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
