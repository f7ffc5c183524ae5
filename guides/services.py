"""Reads that assemble a guide page, and the editors' writes."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from config.vocabulary import Level

from .charts import Range, RangeChart, build_range_chart, range_label
from .markdown import RenderedMarkdown, render_markdown
from .models import Guide, InterviewTopic, SalaryBand

# Anchors of the page sections that are not part of the Markdown body.
SECTION_ANCHORS = {"at-a-glance", "pay-figures", "interview-topics", "related-guides"}


CATALOGUE_STAMP_KEY = "guides:catalogue-stamp"
# How long a process may go on serving guide pages cached before a change it
# was not told about (the cache is per process without Redis).
CATALOGUE_STAMP_SECONDS = 60


def catalogue_stamp() -> str:
    """Changes whenever any guide (or its rows, bands, topics, tags, roles or
    questions) changes: cached guide pages are keyed by it.

    A change drops it (``forget_catalogue_stamp``, after commit); it also
    expires within a minute, which bounds how late a process that shares no
    cache notices, and how late a scheduled guide appears.
    """
    stamp = cache.get(CATALOGUE_STAMP_KEY)
    if stamp is None:
        stamp = str(time.time_ns())
        cache.set(CATALOGUE_STAMP_KEY, stamp, CATALOGUE_STAMP_SECONDS)
    return stamp


def forget_catalogue_stamp(**kwargs) -> None:
    transaction.on_commit(lambda: cache.delete(CATALOGUE_STAMP_KEY))


def rendered_body(guide: Guide) -> RenderedMarkdown:
    """The guide's Markdown as safe HTML, cached until the guide changes."""
    stamp = guide.updated_at.timestamp() if guide.updated_at else 0
    key = f"guide-body:{guide.pk}:{stamp}"
    return cache.get_or_set(
        key,
        lambda: render_markdown(guide.body, reserved_anchors=SECTION_ANCHORS),
        timeout=60 * 60 * 24,
    )


@dataclass
class PayRow:
    level: str
    label: str
    a: str
    b: str
    highlighted: bool
    note_a: str
    note_b: str


@dataclass
class PayByLevel:
    rows: list[PayRow]
    chart: RangeChart | None
    narrow_chart: RangeChart | None = None

    @property
    def charts(self) -> list[tuple[str, RangeChart]]:
        """Both layouts, wide first; the stylesheet shows the one that fits."""
        if self.chart is None or self.narrow_chart is None:
            return [("wide", self.chart)] if self.chart else []
        return [("wide", self.chart), ("narrow", self.narrow_chart)]


def pay_by_level(
    guide: Guide, bands: list[SalaryBand], *, member_level: str = ""
) -> PayByLevel:
    ranges: dict[tuple[str, str], Range] = {}
    # Each role's scope note stays with that role's figure.
    notes: dict[tuple[str, str], str] = {}
    currency = bands[0].currency if bands else "USD"
    for band in bands:
        side = "a" if band.role_id == guide.role_a_id else "b"
        ranges[(band.level, side)] = Range(band.low, band.high, band.open_ended)
        notes[(band.level, side)] = band.scope_note
    rows = [
        PayRow(
            level=value,
            label=label,
            a=range_label(ranges[(value, "a")], currency)
            if (value, "a") in ranges
            else "—",
            b=range_label(ranges[(value, "b")], currency)
            if (value, "b") in ranges
            else "—",
            highlighted=value == member_level,
            note_a=notes.get((value, "a"), ""),
            note_b=notes.get((value, "b"), ""),
        )
        for value, label in Level.choices
        if (value, "a") in ranges or (value, "b") in ranges
    ]
    chart, narrow = (
        build_range_chart(
            list(Level.choices),
            ranges,
            highlight=member_level,
            currency=currency,
            narrow=narrow,
        )
        for narrow in (False, True)
    )
    return PayByLevel(rows=rows, chart=chart, narrow_chart=narrow)


def topics_by_side(guide: Guide, topics: list[InterviewTopic]) -> tuple[list, list]:
    side_a = [t for t in topics if t.role_id == guide.role_a_id]
    side_b = [t for t in topics if t.role_id == guide.role_b_id]
    return side_a, side_b


@transaction.atomic
def publish_now(*, guides) -> int:
    """Publish the given guides immediately; returns how many changed."""
    count = 0
    for guide in guides.select_for_update():
        guide.status = Guide.Status.PUBLISHED
        # Whole seconds, as the admin's widgets show them: a later save then
        # records no phantom change.
        guide.publish_at = timezone.now().replace(microsecond=0)
        guide.save()
        count += 1
    return count


@transaction.atomic
def unpublish(*, guides) -> int:
    """Return the given guides to draft; returns how many changed."""
    count = 0
    for guide in guides.select_for_update():
        guide.status = Guide.Status.DRAFT
        guide.save()
        count += 1
    return count


class GuidePage:
    """The parts of a guide page, each fetched only when the page is rendered
    (a cached page fragment needs none of them)."""

    def __init__(self, guide: Guide, *, member_level: str = "") -> None:
        self.guide = guide
        self.member_level = member_level

    @cached_property
    def body(self) -> RenderedMarkdown:
        return rendered_body(self.guide)

    @cached_property
    def rows(self) -> list:
        return list(self.guide.rows.all())

    @cached_property
    def pay(self) -> PayByLevel:
        bands = list(self.guide.bands.all())
        return pay_by_level(self.guide, bands, member_level=self.member_level)

    @cached_property
    def _topics(self) -> tuple[list, list]:
        return topics_by_side(self.guide, list(self.guide.topics.all()))

    @property
    def topics_a(self) -> list:
        return self._topics[0]

    @property
    def topics_b(self) -> list:
        return self._topics[1]

    @cached_property
    def related(self) -> list[Guide]:
        return list(self.guide.related.published().with_roles())

    @cached_property
    def assessment_url(self) -> str:
        if self.guide.is_live and self.guide.questions.exists():
            return reverse("assessments:start", args=[self.guide.slug])
        return ""
