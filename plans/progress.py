"""Plan progress from its milestones (no queries of its own)."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Milestone


@dataclass(frozen=True)
class Progress:
    done_hours: int
    total_hours: int
    percent: int
    done_count: int
    count: int
    overdue_count: int
    next_milestone: Milestone | None
    upcoming: list[Milestone]


def plan_progress(milestones: list[Milestone]) -> Progress:
    """Progress weighted by effort; skipped milestones leave the total.

    ``milestones`` come from ``MilestoneQuerySet.with_overdue()``, which
    decides which are overdue.
    """
    counted = [m for m in milestones if m.status != Milestone.Status.SKIPPED]
    total = sum(m.effort_hours for m in counted)
    done = sum(m.effort_hours for m in counted if m.status == Milestone.Status.DONE)
    open_ones = [m for m in milestones if m.is_open]
    return Progress(
        done_hours=done,
        total_hours=total,
        percent=round(100 * done / total) if total else 0,
        done_count=sum(1 for m in milestones if m.status == Milestone.Status.DONE),
        count=len(milestones),
        overdue_count=sum(1 for m in milestones if m.is_overdue),
        next_milestone=open_ones[0] if open_ones else None,
        upcoming=open_ones[:3],
    )
