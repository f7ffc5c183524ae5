"""Seed the decision questions and fit statements; creates only what is missing."""

from __future__ import annotations

from collections import Counter

from django.utils.text import slugify

from guides.models import Guide, Role

from . import seed_data
from .models import DecisionQuestion, FitStatement, Option


def seed_assessments() -> Counter:
    created: Counter = Counter()
    guide = Guide.objects.filter(slug=seed_data.GUIDE_SLUG).first()
    if guide is None:
        return created
    if not guide.questions.exists():
        for order, data in enumerate(seed_data.QUESTIONS, start=1):
            question = DecisionQuestion.objects.create(
                guide=guide,
                order=order,
                prompt=data["prompt"],
                help_text=data["help_text"],
                weight=data["weight"],
                section_anchor=slugify(data["section"]),
            )
            Option.objects.bulk_create(
                Option(question=question, label=o["label"], position=o["position"],
                       order=index)
                for index, o in enumerate(data["options"])
            )  # fmt: skip
            created["questions"] += 1
    if not guide.fit_statements.exists():
        roles = {r.slug: r for r in Role.objects.all()}
        FitStatement.objects.bulk_create(
            FitStatement(guide=guide, role=roles[s["role"]], kind=s["kind"],
                         text=s["text"], order=index)
            for index, s in enumerate(seed_data.FIT_STATEMENTS)
        )  # fmt: skip
        created["fit statements"] += len(seed_data.FIT_STATEMENTS)
    return created
