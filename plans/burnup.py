"""Planned against actual hours, as geometry for a server-rendered SVG.

No database: the view passes the plan's dates, pace, total effort and the
check-ins; the template draws the lines and a table says the same in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 600, 240, 40


@dataclass(frozen=True)
class Week:
    week: dt.date
    planned: int
    actual: int | None


@dataclass(frozen=True)
class BurnUp:
    weeks: list[Week]
    total_hours: int
    planned_points: str
    actual_points: str
    total_y: float
    width: int = WIDTH
    height: int = HEIGHT
    pad: int = PAD

    @property
    def plot_right(self) -> int:
        return self.width - self.pad

    @property
    def plot_bottom(self) -> int:
        return self.height - self.pad


def burn_up(
    *,
    start: dt.date,
    target: dt.date,
    weekly_hours: int,
    total_hours: int,
    hours_by_week: Sequence[tuple[dt.date, int]],
    today: dt.date,
) -> BurnUp:
    """Cumulative hours planned (weekly hours from the start, up to the total)
    and reported (check-ins, up to this week), week by week."""
    first = start - dt.timedelta(days=start.weekday())
    reported = dict(hours_by_week)
    last_reported = max(reported, default=first)
    end = max(target, today, last_reported)
    weeks, day, planned, actual = [], first, 0, 0
    while day <= end:
        planned = min(total_hours, planned + weekly_hours)
        shown = None
        if day <= max(today, last_reported):
            actual += reported.get(day, 0)
            shown = actual
        weeks.append(Week(day, planned, shown))
        day += dt.timedelta(weeks=1)
    top = max([total_hours, actual, 1])
    span_x = WIDTH - 2 * PAD
    span_y = HEIGHT - 2 * PAD

    def point(index: int, hours: int) -> str:
        x = PAD + (span_x * (index + 1) / len(weeks) if weeks else 0)
        y = HEIGHT - PAD - span_y * hours / top
        return f"{x:.1f},{y:.1f}"

    origin = f"{PAD},{HEIGHT - PAD}"
    planned_points = " ".join(
        [origin] + [point(i, w.planned) for i, w in enumerate(weeks)]
    )
    actual_points = " ".join(
        [origin]
        + [point(i, w.actual) for i, w in enumerate(weeks) if w.actual is not None]
    )
    return BurnUp(
        weeks=weeks,
        total_hours=total_hours,
        planned_points=planned_points,
        actual_points=actual_points,
        total_y=HEIGHT - PAD - span_y * total_hours / top,
    )
