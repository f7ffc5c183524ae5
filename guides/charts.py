"""Geometry for the server-rendered pay-by-level range chart (no database)."""

from __future__ import annotations

from dataclasses import dataclass

CHART_WIDTH = 720
LABEL_WIDTH = 150
PLOT_RIGHT_PAD = 100
ROW_HEIGHT = 64
BAR_HEIGHT = 18
TOP_PAD = 34
OPEN_END_TAIL = 28

# Phones: the level's name sits above its bars instead of beside them.
NARROW_WIDTH = 360
NARROW_LEFT = 16
NARROW_RIGHT_PAD = 96
NARROW_ROW_HEIGHT = 74
NARROW_LABEL_HEIGHT = 22


@dataclass(frozen=True)
class Range:
    low: int
    high: int | None
    open_ended: bool


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    y: float
    text_x: float
    tail_x: float | None
    label: str


@dataclass(frozen=True)
class ChartRow:
    level: str
    label: str
    y: float
    highlighted: bool
    label_y: float
    you_x: float
    you_y: float
    you_anchor: str
    bar_a: Bar | None
    bar_b: Bar | None


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class RangeChart:
    width: int
    height: int
    row_height: int
    plot_left: int
    plot_right: int
    bar_height: int
    rows: list[ChartRow]
    ticks: list[Tick]


def money(amount: int, currency: str = "USD") -> str:
    """Compact money: 135000 → $135K, 1000000 → $1M."""
    symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(currency, f"{currency} ")
    if amount >= 1_000_000:
        value = amount / 1_000_000
        text = f"{value:.2f}".rstrip("0").rstrip(".") + "M"
    elif amount >= 1_000:
        text = f"{round(amount / 1_000)}K"
    else:
        text = str(amount)
    return f"{symbol}{text}"


def range_label(r: Range, currency: str = "USD") -> str:
    if r.high is None:
        return f"{money(r.low, currency)}+"
    label = f"{money(r.low, currency)}–{money(r.high, currency)}"
    return label + ("+" if r.open_ended else "")


def _nice_step(maximum: int) -> int:
    for step in (10_000, 25_000, 50_000, 100_000, 200_000, 250_000, 500_000):
        if maximum / step <= 6:
            return step
    return 1_000_000


def build_range_chart(
    levels: list[tuple[str, str]],
    ranges: dict[tuple[str, str], Range],
    *,
    highlight: str = "",
    currency: str = "USD",
    narrow: bool = False,
) -> RangeChart | None:
    """Lay out one row per level with the A and B ranges side by side.

    ``levels`` is [(level value, label)] in order; ``ranges`` maps
    (level, "a" | "b") to a Range. Levels without any range are left out.
    """
    present = [
        (value, label)
        for value, label in levels
        if (value, "a") in ranges or (value, "b") in ranges
    ]
    if not present:
        return None
    top = max(r.high if r.high is not None else r.low for r in ranges.values())
    step = _nice_step(top)
    scale_max = ((top // step) + 1) * step
    width = NARROW_WIDTH if narrow else CHART_WIDTH
    row_height = NARROW_ROW_HEIGHT if narrow else ROW_HEIGHT
    plot_left = NARROW_LEFT if narrow else LABEL_WIDTH
    plot_right = width - (NARROW_RIGHT_PAD if narrow else PLOT_RIGHT_PAD)
    bars_top = NARROW_LABEL_HEIGHT if narrow else 8
    span = plot_right - plot_left

    def x_of(amount: int) -> float:
        return round(plot_left + span * amount / scale_max, 1)

    def bar(r: Range | None, y: float) -> Bar | None:
        if r is None:
            return None
        end = r.high if r.high is not None else r.low
        x0, x1 = x_of(r.low), x_of(end)
        tail = x1 if (r.open_ended or r.high is None) else None
        text_x = x1 + (OPEN_END_TAIL if tail is not None else 0) + 6
        return Bar(
            x=x0,
            width=max(round(x1 - x0, 1), 2.0),
            y=y,
            text_x=round(text_x, 1),
            tail_x=tail,
            label=range_label(r, currency),
        )

    rows = []
    for index, (value, label) in enumerate(present):
        y = TOP_PAD + index * row_height
        rows.append(
            ChartRow(
                level=value,
                label=label,
                y=y,
                highlighted=value == highlight,
                label_y=y + (16 if narrow else 26),
                you_x=width - 8 if narrow else 8,
                you_y=y + (16 if narrow else 44),
                you_anchor="end" if narrow else "start",
                bar_a=bar(ranges.get((value, "a")), y + bars_top),
                bar_b=bar(ranges.get((value, "b")), y + bars_top + BAR_HEIGHT + 4),
            )
        )
    ticks = [
        Tick(x=x_of(amount), label=money(amount, currency))
        for amount in range(0, scale_max + 1, step)
    ]
    return RangeChart(
        width=width,
        height=TOP_PAD + len(rows) * row_height + 8,
        row_height=row_height,
        plot_left=plot_left,
        plot_right=plot_right,
        bar_height=BAR_HEIGHT,
        rows=rows,
        ticks=ticks,
    )
