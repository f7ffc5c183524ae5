"""Geometry for the result's score scale and diverging contribution bars."""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH = 640
CENTRE = WIDTH / 2
HALF = 260  # pixels from the centre to ±max
ROW = 52  # a label line above each bar
LABEL = 14  # from the top of a row to the label's baseline
BAR = 20
BAR_OFFSET = 22  # from the top of a row to the top of its bar
TOP = 26


@dataclass(frozen=True)
class DivergingBar:
    label: str
    value: float
    label_y: float
    x: float
    width: float
    y: float
    towards_b: bool
    text_x: float
    text_anchor: str


@dataclass(frozen=True)
class DivergingChart:
    width: int
    height: int
    centre: float
    bars: list[DivergingBar]
    limit: int


def diverging_chart(items: list[tuple[str, float]]) -> DivergingChart:
    """Bars from a centre line: negative values left (role A), positive right,
    each with its label on a line of its own above it (labels stay readable
    however long the bar is)."""
    largest = max((abs(v) for _, v in items), default=0)
    limit = max(10, math.ceil(largest / 10) * 10)
    bars = []
    for index, (label, value) in enumerate(items):
        length = HALF * abs(value) / limit
        row = TOP + index * ROW
        y = row + BAR_OFFSET
        towards_b = value >= 0
        x = CENTRE if towards_b else CENTRE - length
        text_x = CENTRE + length + 6 if towards_b else CENTRE - length - 6
        bars.append(
            DivergingBar(
                label=label,
                value=value,
                label_y=row + LABEL,
                x=round(x, 1),
                width=round(max(length, 1.5), 1),
                y=y,
                towards_b=towards_b,
                text_x=round(text_x, 1),
                text_anchor="start" if towards_b else "end",
            )
        )
    return DivergingChart(
        width=WIDTH,
        height=TOP + len(items) * ROW + 6,
        centre=CENTRE,
        bars=bars,
        limit=limit,
    )


def scale_marker_x(score: int) -> float:
    """Where a −100..100 score sits on the score scale."""
    return round(CENTRE + HALF * max(-100, min(100, score)) / 100, 1)
