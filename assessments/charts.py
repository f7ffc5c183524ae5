"""Geometry for the result's score scale and diverging contribution bars.

Each chart comes in a wide layout and a narrow one for phones, where the wide
one, scaled down, would shrink its text below a readable size.
"""

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
TOP = 28

NARROW_WIDTH = 360
NARROW_HALF = 120
NARROW_TOP = 50  # room for the two axis labels, one above the other


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float
    anchor: str


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
    top: int
    bars: list[DivergingBar]
    limit: int
    axes: list[Label]


def diverging_chart(
    items: list[tuple[str, float]],
    *,
    role_a: str = "",
    role_b: str = "",
    narrow: bool = False,
) -> DivergingChart:
    """Bars from a centre line: negative values left (role A), positive right,
    each with its label on a line of its own above it (labels stay readable
    however long the bar is)."""
    width = NARROW_WIDTH if narrow else WIDTH
    half = NARROW_HALF if narrow else HALF
    top = NARROW_TOP if narrow else TOP
    centre = width / 2
    largest = max((abs(v) for _, v in items), default=0)
    limit = max(10, math.ceil(largest / 10) * 10)
    bars = []
    for index, (label, value) in enumerate(items):
        length = half * abs(value) / limit
        row = top + index * ROW
        y = row + BAR_OFFSET
        towards_b = value >= 0
        x = centre if towards_b else centre - length
        text_x = centre + length + 6 if towards_b else centre - length - 6
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
    if narrow:
        # One axis label per line, each from its own edge.
        axis_a = Label(f"← {role_a}", 4, 16, "start")
        axis_b = Label(f"{role_b} →", width - 4, 36, "end")
    else:
        axis_a = Label(f"← {role_a}", centre - 10, 16, "end")
        axis_b = Label(f"{role_b} →", centre + 10, 16, "start")
    return DivergingChart(
        width=width,
        height=top + len(items) * ROW + 6,
        centre=centre,
        top=top - 6,
        bars=bars,
        limit=limit,
        axes=[axis_a, axis_b],
    )


@dataclass(frozen=True)
class ScoreScale:
    width: int
    height: int
    band_y: int
    bands: list[tuple[str, float, float]]  # (modifier, x, width)
    labels: list[Label]
    marker_x: float
    marker_y: int


def score_scale(
    score: int, *, role_a: str, role_b: str, narrow: bool = False
) -> ScoreScale:
    """The −100..100 scale with its three bands and where the score sits."""
    width = NARROW_WIDTH if narrow else WIDTH
    left, right = (10, width - 10) if narrow else (60, width - 60)
    span = right - left
    # Role A up to −20, the boundary from −20 to +20, role B beyond.
    a_end = left + span * 0.4
    b_start = left + span * 0.6
    bands = [
        ("a", left, a_end - left),
        ("hybrid", a_end, b_start - a_end),
        ("b", b_start, right - b_start),
    ]
    centre = width / 2
    if narrow:
        labels = [
            Label(role_a, left, 58, "start"),
            Label(role_b, right, 78, "end"),
            Label("boundary", centre, 58, "middle"),
        ]
        height = 86
    else:
        labels = [
            Label(role_a, left, 60, "start"),
            Label("boundary", centre, 60, "middle"),
            Label(role_b, right, 60, "end"),
        ]
        height = 70
    clamped = max(-100, min(100, score))
    return ScoreScale(
        width=width,
        height=height,
        band_y=24,
        bands=[(m, round(x, 1), round(w, 1)) for m, x, w in bands],
        labels=labels,
        marker_x=round(centre + (span / 2) * clamped / 100, 1),
        marker_y=40,
    )
