"""Seed the guides from ``seed_data``: creates what is missing, never overwrites."""

from __future__ import annotations

from collections import Counter

from django.utils.text import slugify

from . import seed_data
from .models import ComparisonRow, Guide, InterviewTopic, Role, SalaryBand, Tag


def seed_guides() -> Counter:
    created: Counter = Counter()
    roles = {}
    for data in seed_data.ROLES:
        role, new = Role.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "summary": data["summary"]},
        )
        roles[role.slug] = role
        created["roles"] += new

    guides = {}
    for data in seed_data.GUIDES:
        guide = Guide.objects.filter(slug=data["slug"]).first()
        if guide is None:
            guide = _create_guide(data, roles)
            created["guides"] += 1
        guides[guide.slug] = guide

    for data in seed_data.GUIDES:
        guide = guides[data["slug"]]
        existing = set(guide.related.values_list("slug", flat=True))
        missing = [guides[s] for s in data["related"] if s not in existing]
        if missing:
            guide.related.add(*missing)
            created["related links"] += len(missing)
    return created


def _create_guide(data: dict, roles: dict[str, Role]) -> Guide:
    guide = Guide.objects.create(
        slug=data["slug"],
        title=data["title"],
        summary=data["summary"],
        meta_description=data["meta_description"],
        body=data["body"],
        role_a=roles[data["role_a"]],
        role_b=roles[data["role_b"]],
        status=Guide.Status.PUBLISHED,
        reviewed_on=data["reviewed_on"],
        pay_as_of=data["pay_as_of"],
        pay_caveat=data["pay_caveat"],
    )
    tags = [
        Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in data["tags"]
    ]
    guide.tags.add(*tags)
    ComparisonRow.objects.bulk_create(
        ComparisonRow(
            guide=guide, dimension=row["dimension"], text_a=row["a"], text_b=row["b"],
            order=index,
        )
        for index, row in enumerate(data["comparison"])
    )  # fmt: skip
    SalaryBand.objects.bulk_create(
        SalaryBand(
            guide=guide, role=roles[band["role"]], level=band["level"], low=band["low"],
            high=band["high"], open_ended=band["open_ended"],
            scope_note=band["scope_note"],
        )
        for band in data["salary_bands"]
    )  # fmt: skip
    InterviewTopic.objects.bulk_create(
        InterviewTopic(
            guide=guide, role=roles[topic["role"]], topic=topic["topic"],
            detail=topic["detail"], order=index,
        )
        for index, topic in enumerate(data["interview_topics"])
    )  # fmt: skip
    return guide
