from assessments.charts import diverging_chart, score_scale

PULLS = [("Q1", -40.0), ("Q2", 25.0), ("Q3", 0.0)]


def test_narrow_diverging_chart_keeps_bars_and_axis_labels_inside():
    chart = diverging_chart(PULLS, role_a="A", role_b="B", narrow=True)
    assert chart.width == 360
    for bar in chart.bars:
        assert bar.x >= 0 and bar.x + bar.width <= chart.width
        # Room for the value label beside the bar.
        assert 30 <= bar.text_x <= chart.width - 30
    # The axis labels sit on two lines, each from its own edge.
    a, b = chart.axes
    assert (a.anchor, b.anchor) == ("start", "end")
    assert a.y < b.y < chart.bars[0].y
    assert b.x == chart.width - 4


def test_wide_and_narrow_charts_scale_the_same_values_alike():
    wide = diverging_chart(PULLS, role_a="A", role_b="B")
    narrow = diverging_chart(PULLS, role_a="A", role_b="B", narrow=True)
    assert wide.limit == narrow.limit == 40
    ratio = [
        n.width / w.width for n, w in zip(narrow.bars[:2], wide.bars[:2], strict=True)
    ]
    assert abs(ratio[0] - ratio[1]) < 0.01


def test_score_scale_places_the_marker_on_both_layouts():
    for narrow in (False, True):
        scale = score_scale(-100, role_a="A", role_b="B", narrow=narrow)
        left = scale.bands[0][1]
        assert scale.marker_x == left
        right = scale.bands[2][1] + scale.bands[2][2]
        assert score_scale(100, role_a="A", role_b="B", narrow=narrow).marker_x == (
            right
        )
        assert score_scale(0, role_a="A", role_b="B", narrow=narrow).marker_x == (
            scale.width / 2
        )
