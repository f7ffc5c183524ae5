import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from plans.scheduling import Item, days_needed, due_after, earliest_finish, schedule

START = dt.date(2026, 12, 1)
# Zero-hour steps and empty lists are real: a reschedule when every open step is
# already worked off, or when nothing is open at all.
efforts = st.lists(st.integers(min_value=0, max_value=200), min_size=0, max_size=40)
weekly = st.integers(min_value=1, max_value=60)
spans = st.integers(min_value=1, max_value=5 * 365)


def items(hours: list[int]) -> list[Item]:
    return [Item(str(i), h) for i, h in enumerate(hours)]


@given(efforts, weekly, spans)
def test_due_dates_never_decrease(hours, per_week, span):
    result = schedule(items(hours), start=START, weekly_hours=per_week,
                      target=START + dt.timedelta(days=span))  # fmt: skip
    dates = [s.due_date for s in result.items]
    assert dates == sorted(dates)
    assert all(d >= START for d in dates)


@given(efforts, weekly, spans)
def test_no_due_date_after_a_feasible_target(hours, per_week, span):
    target = START + dt.timedelta(days=span)
    result = schedule(items(hours), start=START, weekly_hours=per_week, target=target)
    if result.feasible:
        assert all(s.due_date <= target for s in result.items)
        if sum(hours):
            assert result.items[-1].due_date == target


@given(efforts, weekly, spans)
def test_total_effort_and_order_are_preserved(hours, per_week, span):
    result = schedule(items(hours), start=START, weekly_hours=per_week,
                      target=START + dt.timedelta(days=span))  # fmt: skip
    assert [s.effort_hours for s in result.items] == hours
    assert [s.key for s in result.items] == [str(i) for i in range(len(hours))]


@given(efforts, weekly, spans)
def test_an_infeasible_plan_is_reported_not_squeezed(hours, per_week, span):
    target = START + dt.timedelta(days=span)
    needed = days_needed(sum(hours), per_week)
    assume(needed > span)
    result = schedule(items(hours), start=START, weekly_hours=per_week, target=target)
    assert not result.feasible
    assert result.earliest_finish > target
    # The schedule shows the real pace: the last milestone lands past the target.
    assert result.items[-1].due_date == result.earliest_finish


@given(efforts, weekly)
def test_without_a_target_the_earliest_date_is_proposed(hours, per_week):
    result = schedule(items(hours), start=START, weekly_hours=per_week)
    assert result.feasible
    assert result.target_date == earliest_finish(START, sum(hours), per_week)


def test_effort_spreads_proportionally():
    result = schedule(items([10, 30]), start=START, weekly_hours=10,
                      target=START + dt.timedelta(days=40))  # fmt: skip
    assert [s.due_date for s in result.items] == [
        START + dt.timedelta(days=10),
        START + dt.timedelta(days=40),
    ]


def test_forty_hours_at_ten_a_week_take_four_weeks():
    assert earliest_finish(START, 40, 10) == START + dt.timedelta(days=28)


def test_effort_spreads_proportionally_when_infeasible():
    # 40 hours at 10 a week need 28 days; the target of 14 is missed.
    result = schedule(items([10, 30]), start=START, weekly_hours=10,
                      target=START + dt.timedelta(days=14))  # fmt: skip
    assert not result.feasible
    assert result.target_date == START + dt.timedelta(days=14)
    assert result.earliest_finish == START + dt.timedelta(days=28)
    assert [s.due_date for s in result.items] == [
        START + dt.timedelta(days=7),
        START + dt.timedelta(days=28),
    ]


def test_a_target_on_the_earliest_date_is_feasible():
    at = schedule(items([10]), start=START, weekly_hours=10,
                  target=START + dt.timedelta(days=7))  # fmt: skip
    before = schedule(items([10]), start=START, weekly_hours=10,
                      target=START + dt.timedelta(days=6))  # fmt: skip
    assert at.feasible and not before.feasible


@pytest.mark.parametrize(
    ("hours", "per_week", "days"),
    [(0, 5, 0), (1, 7, 1), (1, 8, 1), (10, 7, 10), (11, 7, 11), (40, 10, 28)],
)
def test_days_needed_rounds_up_to_whole_days(hours, per_week, days):
    assert days_needed(hours, per_week) == days


@pytest.mark.parametrize("per_week", [0, -1])
def test_days_needed_refuses_no_weekly_hours(per_week):
    with pytest.raises(ValueError, match=r"^weekly hours must be at least 1$"):
        days_needed(10, per_week)
    assert days_needed(10, 1) == 70


def test_no_remaining_effort_finishes_the_next_day():
    assert earliest_finish(START, 0, 5) == START + dt.timedelta(days=1)
    assert earliest_finish(START, 1, 60) == START + dt.timedelta(days=1)
    assert earliest_finish(START, 9, 30) == START + dt.timedelta(days=3)


def test_every_step_done_already_is_due_at_the_start():
    result = schedule(items([0, 0]), start=START, weekly_hours=5,
                      target=START + dt.timedelta(days=30))  # fmt: skip
    assert result.feasible
    assert [s.due_date for s in result.items] == [START, START]
    assert result.earliest_finish == START + dt.timedelta(days=1)


def test_nothing_open_is_an_empty_feasible_schedule():
    result = schedule([], start=START, weekly_hours=5)
    assert result.items == []
    assert result.feasible
    assert result.target_date == result.earliest_finish == START + dt.timedelta(days=1)


def test_a_milestone_added_behind_is_due_after_its_effort_at_the_pace():
    start = dt.date(2027, 3, 1)
    assert due_after(start, effort_hours=5, weekly_hours=10) == dt.date(2027, 3, 5)
    # Never due the same day it starts.
    assert due_after(start, effort_hours=1, weekly_hours=60) == dt.date(2027, 3, 2)
