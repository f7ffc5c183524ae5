from guides.charts import Range, build_range_chart, money, range_label

LEVELS = [("entry", "Entry"), ("mid", "Mid"), ("senior", "Senior")]


def test_money_is_compact():
    assert money(135_000) == "$135K"
    assert money(1_000_000) == "$1M"
    assert money(1_250_000) == "$1.25M"


def test_range_label_marks_open_ended_ranges():
    assert range_label(Range(120_000, 180_000, False)) == "$120K–$180K"
    assert range_label(Range(500_000, 1_000_000, True)) == "$500K–$1M+"
    assert range_label(Range(400_000, None, True)) == "$400K+"


def test_chart_places_bars_proportionally_and_highlights_level():
    chart = build_range_chart(
        LEVELS,
        {
            ("entry", "a"): Range(100_000, 200_000, False),
            ("entry", "b"): Range(150_000, 300_000, False),
            ("senior", "b"): Range(200_000, 400_000, True),
        },
        highlight="senior",
    )
    assert [row.level for row in chart.rows] == ["entry", "senior"]  # mid has no data
    entry = chart.rows[0]
    # Twice the span gives (about) twice the width.
    assert abs(entry.bar_b.width - 1.5 * entry.bar_a.width) < 1
    assert entry.bar_b.x > entry.bar_a.x
    senior = chart.rows[1]
    assert senior.highlighted and not entry.highlighted
    assert senior.bar_a is None
    assert senior.bar_b.tail_x is not None  # open-ended
    assert all(t.x <= chart.plot_right for t in chart.ticks)
    assert max(b.x + b.width for b in [entry.bar_a, entry.bar_b, senior.bar_b]) <= (
        chart.plot_right
    )


def test_no_bands_no_chart():
    assert build_range_chart(LEVELS, {}) is None


def test_narrow_chart_puts_level_names_above_their_bars():
    ranges = {
        ("entry", "a"): Range(100_000, 200_000, False),
        ("senior", "b"): Range(200_000, 400_000, True),
    }
    chart = build_range_chart(LEVELS, ranges, highlight="senior", narrow=True)
    assert chart.width == 360
    for row in chart.rows:
        bars = [b for b in (row.bar_a, row.bar_b) if b]
        assert all(row.label_y < b.y for b in bars)
        assert all(b.x >= 8 and b.text_x + 90 <= chart.width for b in bars)
    senior = chart.rows[-1]
    assert (senior.you_x, senior.you_anchor) == (chart.width - 8, "end")
