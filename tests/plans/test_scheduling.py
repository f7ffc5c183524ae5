import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from plans.scheduling import Item, days_needed, due_after, earliest_finish, schedule

START = dt.date(2026, 12, 1)
efforts = st.lists(st.integers(min_value=1, max_value=200), min_size=1, max_size=40)
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


def test_a_milestone_added_behind_is_due_after_its_effort_at_the_pace():
    start = dt.date(2027, 3, 1)
    assert due_after(start, effort_hours=5, weekly_hours=10) == dt.date(2027, 3, 5)
    # Never due the same day it starts.
    assert due_after(start, effort_hours=1, weekly_hours=60) == dt.date(2027, 3, 2)
