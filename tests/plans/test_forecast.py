"""The forecast is a pure function: properties over any check-ins."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from plans.forecast import WINDOW, forecast

TODAY = dt.date(2026, 3, 2)
TARGET = dt.date(2026, 9, 1)

weeks = st.lists(
    st.tuples(
        st.integers(0, 200).map(lambda n: TODAY - dt.timedelta(weeks=n)),
        st.integers(0, 100),
    ),
    unique_by=lambda pair: pair[0],
    max_size=12,
)


@given(weeks, st.integers(0, 2000), st.data())
def test_more_hours_never_moves_the_forecast_later(history, remaining, data):
    more = [
        (week, hours + data.draw(st.integers(0, 50), label=str(week)))
        for week, hours in history
    ]
    before = forecast(remaining_hours=remaining, hours_by_week=history, today=TODAY,
                      target=TARGET)  # fmt: skip
    after = forecast(remaining_hours=remaining, hours_by_week=more, today=TODAY,
                     target=TARGET)  # fmt: skip
    if before.finish is not None:
        assert after.finish is not None and after.finish <= before.finish


@given(st.integers(0, 2000))
def test_no_checkins_means_no_forecast_and_a_reason(remaining):
    result = forecast(remaining_hours=remaining, hours_by_week=[], today=TODAY,
                      target=TARGET)  # fmt: skip
    assert result.finish is None
    assert "No check-ins" in result.reason
    assert result.days_late == 0 and not result.is_late


@given(weeks, st.integers(1, 2000))
def test_pace_is_the_mean_of_the_last_four_checkins(history, remaining):
    result = forecast(remaining_hours=remaining, hours_by_week=history, today=TODAY,
                      target=TARGET)  # fmt: skip
    latest = sorted(history, reverse=True)[:WINDOW]
    if latest and sum(h for _, h in latest):
        assert result.pace == sum(h for _, h in latest) / len(latest)
        assert result.weeks_used == len(latest)
        # The finish covers the remaining hours at that pace, and no more
        # than a day beyond.
        days = (result.finish - TODAY).days
        assert days * result.pace / 7 >= remaining
        assert (days - 1) * result.pace / 7 < remaining


@given(weeks)
def test_same_input_same_forecast(history):
    args = {"remaining_hours": 100, "hours_by_week": history, "today": TODAY,
            "target": TARGET}  # fmt: skip
    assert forecast(**args) == forecast(**args)
    assert forecast(**{**args, "hours_by_week": list(reversed(history))}) == (
        forecast(**args)
    )


def test_older_checkins_beyond_four_do_not_count():
    recent = [(TODAY - dt.timedelta(weeks=n), 10) for n in range(4)]
    old = [(TODAY - dt.timedelta(weeks=10), 0)]
    result = forecast(remaining_hours=70, hours_by_week=recent + old, today=TODAY,
                      target=TARGET)  # fmt: skip
    assert result.pace == 10
    assert result.finish == TODAY + dt.timedelta(days=49)


def test_late_forecast_says_by_how_much():
    result = forecast(remaining_hours=100, hours_by_week=[(TODAY, 1)], today=TODAY,
                      target=TODAY + dt.timedelta(days=30))  # fmt: skip
    assert result.finish == TODAY + dt.timedelta(days=700)
    assert result.days_late == 670 and result.is_late


def test_zero_hours_give_no_forecast_with_a_reason():
    result = forecast(remaining_hours=10, hours_by_week=[(TODAY, 0)], today=TODAY,
                      target=TARGET)  # fmt: skip
    assert result.finish is None and "No hours" in result.reason


def test_a_pace_that_divides_exactly_finishes_on_that_day():
    # 116 hours over three weeks is 38.67 a week: 348 hours take exactly 63
    # days, which the float division rounded up to 64.
    history = [(TODAY - dt.timedelta(weeks=n), h) for n, h in enumerate((0, 16, 100))]
    result = forecast(remaining_hours=348, hours_by_week=history, today=TODAY,
                      target=TARGET)  # fmt: skip
    assert result.finish == TODAY + dt.timedelta(days=63)
