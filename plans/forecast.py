"""When will the plan really finish? A pure function (no database).

The pace is the mean of the hours reported in the member's last four weekly
check-ins; the open effort at that pace, counted from today, gives the
forecast finish. With no check-in, or no hours in them, there is no pace and
so no forecast — the reason is returned instead, for the page to say.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

#: How many of the latest check-ins set the pace.
WINDOW = 4


@dataclass(frozen=True)
class Forecast:
    finish: dt.date | None
    #: Hours a week, over the check-ins used.
    pace: float
    weeks_used: int
    target: dt.date
    #: Why there is no finish date, when there is none.
    reason: str = ""

    @property
    def days_late(self) -> int:
        """Days past the target (0 when on time or without a forecast)."""
        if self.finish is None:
            return 0
        return max(0, (self.finish - self.target).days)

    @property
    def is_late(self) -> bool:
        return self.days_late > 0


def forecast(
    *,
    remaining_hours: int,
    hours_by_week: Sequence[tuple[dt.date, int]],
    today: dt.date,
    target: dt.date,
) -> Forecast:
    """Forecast the finish from the last ``WINDOW`` check-ins' pace.

    ``hours_by_week`` holds (week, hours) pairs in any order.
    """
    if remaining_hours < 0:
        raise ValueError("remaining hours cannot be negative")
    latest = sorted(hours_by_week, reverse=True)[:WINDOW]
    if not latest:
        return Forecast(None, 0.0, 0, target, "No check-ins yet, so no pace to go by.")
    reported = sum(hours for _, hours in latest)
    pace = reported / len(latest)
    if remaining_hours == 0:
        return Forecast(today, pace, len(latest), target)
    if pace <= 0:
        return Forecast(
            None, 0.0, len(latest), target,
            "No hours in your recent check-ins, so no pace to go by.",
        )  # fmt: skip
    # In exact fractions: the float pace can round 63 days up to 64.
    days = math.ceil(Fraction(remaining_hours * 7 * len(latest)) / Fraction(reported))
    return Forecast(today + dt.timedelta(days=days), pace, len(latest), target)
