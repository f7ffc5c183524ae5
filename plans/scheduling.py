"""Milestone scheduling: a pure function (no database).

Open milestones are laid out in order. With a target date, their due dates are
spread over the days available in proportion to effort; when the effort cannot
fit at the member's weekly hours, the plan is reported infeasible together with
the earliest date that would work — it is never squeezed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    key: str
    effort_hours: int


@dataclass(frozen=True)
class Scheduled:
    key: str
    effort_hours: int
    due_date: dt.date


@dataclass(frozen=True)
class Schedule:
    items: list[Scheduled]
    feasible: bool
    earliest_finish: dt.date
    target_date: dt.date


def days_needed(total_hours: int, weekly_hours: int) -> int:
    """Calendar days to work ``total_hours`` at ``weekly_hours`` a week."""
    if weekly_hours < 1:
        raise ValueError("weekly hours must be at least 1")
    return math.ceil(total_hours * 7 / weekly_hours)


def earliest_finish(start: dt.date, total_hours: int, weekly_hours: int) -> dt.date:
    return start + dt.timedelta(days=max(1, days_needed(total_hours, weekly_hours)))


def schedule(
    items: list[Item],
    *,
    start: dt.date,
    weekly_hours: int,
    target: dt.date | None = None,
) -> Schedule:
    """Due dates for ``items`` in order, from ``start``.

    Without a target the earliest feasible finish becomes the target.
    """
    total = sum(item.effort_hours for item in items)
    earliest = earliest_finish(start, total, weekly_hours)
    if target is None:
        target = earliest
    feasible = earliest <= target
    # Feasible: spread over all the days available. Infeasible: show the pace
    # the weekly hours really allow, so the overrun is visible.
    span_days = (target - start).days if feasible else (earliest - start).days
    scheduled, done = [], 0
    for item in items:
        done += item.effort_hours
        offset = math.ceil(span_days * done / total) if total else 0
        scheduled.append(
            Scheduled(item.key, item.effort_hours, start + dt.timedelta(days=offset))
        )
    return Schedule(
        items=scheduled, feasible=feasible, earliest_finish=earliest, target_date=target
    )


def due_after(after: dt.date, *, effort_hours: int, weekly_hours: int) -> dt.date:
    """When a milestone added behind the others is due: ``effort_hours`` at
    ``weekly_hours`` a week, worked after ``after`` (the last open milestone's
    due date, or today)."""
    return earliest_finish(after, effort_hours, weekly_hours)
