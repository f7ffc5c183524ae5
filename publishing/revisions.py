"""Whole-guide revisions: drafts of live guides, publishing, scheduling, revert.

A revision keeps the guide and every part of it in the shape the content
files use (``importer.export_guide``), and a revision is applied through the
same writer as an import, so a revert or a publish updates rows in place and
what points at them (answers, plans) stays attached.

A change to a live guide is made on a working copy (``Guide.draft_of``): the
live page is untouched until the copy is published onto it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from guides.models import Guide, GuideRevision
from guides.services import forget_catalogue_stamp

from .importer import apply_snapshot, export_guide, record_revision

DRAFT_SUFFIX = "--draft"


class NothingToPublish(Exception):
    """The guide has no draft."""


def ensure_baseline(*, guide: Guide) -> None:
    """Guides made before revisions were kept get one of how they stand now,
    so the first edit can be reverted."""
    if not guide.revisions.exists():
        record_revision(
            guide=guide,
            kind=GuideRevision.Kind.SAVED,
            note="As it stood before revisions were kept",
        )


def start_draft(*, guide: Guide, author) -> Guide:
    """The working copy of a live guide, made from the live guide if there is
    none yet. Readers never see it; editors edit it like any guide."""
    with transaction.atomic():
        guide = Guide.objects.select_for_update().get(pk=guide.pk)
        existing = Guide.objects.filter(draft_of=guide).first()
        if existing is not None:
            return existing
        ensure_baseline(guide=guide)
        data = export_guide(guide)
        copy = Guide.objects.create(
            title=guide.title,
            slug=guide.slug[: 200 - len(DRAFT_SUFFIX)] + DRAFT_SUFFIX,
            summary=guide.summary,
            role_a=guide.role_a,
            role_b=guide.role_b,
            status=Guide.Status.DRAFT,
            draft_of=guide,
        )
        apply_snapshot(guide=copy, data=data, reason="Draft started")
        return copy


def record_draft_save(*, draft: Guide, author) -> GuideRevision:
    return record_revision(
        guide=draft.draft_of,
        kind=GuideRevision.Kind.DRAFT,
        author=author,
        snapshot_of=draft,
    )


def publish_draft(
    *, guide: Guide, author, note: str, at: dt.datetime | None = None
) -> GuideRevision | None:
    """Publish the guide's draft now, or schedule it when ``at`` is later.

    Publishing writes the draft onto the live guide, records a revision with
    the change note for members, removes the working copy and drops the
    cached guide pages. Returns the revision, or None when only scheduled.
    """
    with transaction.atomic():
        guide = Guide.objects.select_for_update().get(pk=guide.pk)
        draft = Guide.objects.filter(draft_of=guide).first()
        if draft is None:
            raise NothingToPublish
        if at is not None and at > timezone.now():
            draft.publish_at, draft.change_note = at, note
            draft.save(update_fields=["publish_at", "change_note", "updated_at"])
            return None
        ensure_baseline(guide=guide)
        apply_snapshot(guide=guide, data=export_guide(draft), reason="Published")
        draft.delete()
        revision = record_revision(
            guide=guide, kind=GuideRevision.Kind.PUBLISHED, author=author, note=note
        )
        forget_catalogue_stamp()
        return revision


def publish_due(*, now: dt.datetime | None = None) -> list[GuideRevision]:
    """Publish every scheduled draft whose time has come."""
    now = now or timezone.now()
    published = []
    due = Guide.objects.filter(draft_of__isnull=False, publish_at__lte=now)
    for draft in due.select_related("draft_of"):
        revision = publish_draft(
            guide=draft.draft_of, author=None, note=draft.change_note
        )
        if revision is not None:
            published.append(revision)
    return published


def discard_draft(*, guide: Guide) -> bool:
    with transaction.atomic():
        deleted, _ = Guide.objects.filter(draft_of=guide).delete()
        return bool(deleted)


def revert(*, guide: Guide, revision: GuideRevision, author) -> GuideRevision:
    """Make the guide and all its parts what ``revision`` held. The revert is
    itself a new revision; status and publishing time stay as they are."""
    with transaction.atomic():
        guide = Guide.objects.select_for_update().get(pk=guide.pk)
        apply_snapshot(
            guide=guide,
            data=revision.snapshot,
            reason=f"Reverted to revision {revision.number}",
        )
        new = record_revision(
            guide=guide,
            kind=GuideRevision.Kind.REVERTED,
            author=author,
            note=f"Reverted to revision {revision.number}",
        )
        forget_catalogue_stamp()
        return new
