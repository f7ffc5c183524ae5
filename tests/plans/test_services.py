import datetime as dt
import itertools

import pytest
from django.utils import timezone

from plans import services
from plans.models import Milestone, Plan, ReviewDecision
from tests.factories import make_plan, plan_template

pytestmark = pytest.mark.django_db


def test_create_copies_template_and_schedules_open_milestones(member):
    template = plan_template(efforts=(10, 20, 30))
    first = template.milestones.first()
    today = timezone.localdate()
    plan = make_plan(member, template, target_date=today + dt.timedelta(days=60),
                     already_done={first.pk: "https://example.com/proof"})  # fmt: skip
    milestones = list(plan.milestones.all())
    assert [m.title for m in milestones] == ["Step 1", "Step 2", "Step 3"]
    done = milestones[0]
    assert done.status == "done" and done.evidence_url == "https://example.com/proof"
    assert done.completed_at is not None and done.due_date is None
    # 50 open hours over 60 days: 20 of 50 → day 24, all 50 → day 60.
    assert milestones[1].due_date == today + dt.timedelta(days=24)
    assert milestones[2].due_date == today + dt.timedelta(days=60)
    assert (plan.from_role_name, plan.to_role_name) == (
        template.from_role.name, template.to_role.name,
    )  # fmt: skip


def test_infeasible_plan_is_refused_with_the_earliest_date(member):
    template = plan_template(efforts=(40, 40))
    today = timezone.localdate()
    with pytest.raises(services.Infeasible) as error:
        make_plan(member, template, weekly_hours=10,
                  target_date=today + dt.timedelta(days=30))  # fmt: skip
    assert error.value.earliest == today + dt.timedelta(days=56)
    assert not Plan.objects.exists()


def test_without_target_the_earliest_feasible_date_is_used(member):
    plan = make_plan(member, plan_template(efforts=(10, 10)), target_date=None,
                     weekly_hours=5)  # fmt: skip
    assert plan.target_date == plan.start_date + dt.timedelta(days=28)


def test_editing_the_template_never_changes_an_existing_plan(member):
    template = plan_template()
    plan = make_plan(member, template)
    template.milestones.update(title="Renamed", effort_hours=99)
    template.milestones.first().delete()
    assert [m.title for m in plan.milestones.all()] == ["Step 1", "Step 2", "Step 3"]
    template.delete()
    assert plan.milestones.count() == 3


def test_stale_version_is_a_conflict_and_changes_nothing(member):
    milestone = make_plan(member).milestones.first()
    original = milestone.version
    services.update_milestone(milestone=milestone, version=milestone.version,
                              status="doing")  # fmt: skip
    with pytest.raises(services.Conflict):
        services.update_milestone(milestone=milestone, version=milestone.version,
                                  notes="stale write")  # fmt: skip
    milestone.refresh_from_db()
    assert milestone.status == "doing" and milestone.notes == ""
    assert milestone.version == original + 1


def test_finishing_every_milestone_completes_the_plan_and_reopening_reactivates(member):
    plan = make_plan(member)
    for milestone in plan.milestones.all():
        services.update_milestone(milestone=milestone, version=milestone.version,
                                  status="done")  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == Plan.Status.COMPLETED
    last = plan.milestones.last()
    services.update_milestone(milestone=last, version=last.version, status="todo")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE
    last.refresh_from_db()
    assert last.completed_at is None


def test_move_swaps_neighbours_and_stops_at_the_ends(member):
    plan = make_plan(member)
    first, second, _third = plan.milestones.all()
    assert services.move_milestone(milestone=second, direction="up").moved
    assert [m.title for m in plan.milestones.all()] == ["Step 2", "Step 1", "Step 3"]
    assert not services.move_milestone(milestone=second, direction="up").moved
    assert services.move_milestone(milestone=first, direction="down").moved
    assert [m.title for m in plan.milestones.all()] == ["Step 2", "Step 3", "Step 1"]


def test_reschedule_after_changing_pace(member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(10, 10)),
                     target_date=today + dt.timedelta(days=100))  # fmt: skip
    services.update_plan_settings(plan=plan, title="Faster", weekly_hours=10,
                                  target_date=today + dt.timedelta(days=20),
                                  review_interval_weeks=2)  # fmt: skip
    assert [m.due_date for m in plan.milestones.all()] == [
        today + dt.timedelta(days=10),
        today + dt.timedelta(days=20),
    ]


def test_infeasible_settings_change_rolls_back(member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(50, 50)),
                     target_date=today + dt.timedelta(days=200))  # fmt: skip
    before = [m.due_date for m in plan.milestones.all()]
    with pytest.raises(services.Infeasible):
        services.update_plan_settings(plan=plan, title="Too fast", weekly_hours=1,
                                      target_date=today + dt.timedelta(days=30),
                                      review_interval_weeks=4)  # fmt: skip
    plan.refresh_from_db()
    assert plan.title == "My plan" and plan.weekly_hours == 10
    assert [m.due_date for m in plan.milestones.all()] == before


def test_review_stop_archives_and_is_kept(member):
    plan = make_plan(member)
    services.record_review(plan=plan, decision="continue", note="Going fine")
    services.record_review(plan=plan, decision="stop", note="Staying put")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ARCHIVED
    assert [r.decision for r in plan.reviews.all()] == ["stop", "continue"]
    assert ReviewDecision.objects.count() == 2


def test_review_dates_every_n_weeks(member):
    plan = make_plan(member, review_interval_weeks=4)
    dates = plan.review_dates()
    assert dates[0] == plan.start_date + dt.timedelta(weeks=4)
    assert all(b - a == dt.timedelta(weeks=4) for a, b in itertools.pairwise(dates))
    assert dates[-1] <= plan.target_date


def test_overdue_only_counts_open_milestones(member):
    plan = make_plan(member)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    plan.milestones.update(due_date=yesterday)
    Milestone.objects.filter(pk=plan.milestones.first().pk).update(status="done")
    assert plan.milestones.overdue().count() == 2


def test_added_milestone_without_a_due_date_goes_after_the_last_open_one(member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(10, 10)),
                     target_date=today + dt.timedelta(days=100))  # fmt: skip
    second = plan.milestones.last()
    services.update_milestone(milestone=second, version=second.version,
                              due_date=today + dt.timedelta(days=50))  # fmt: skip
    added = services.add_milestone(plan=plan, title="Extra", kind="skill",
                                   effort_hours=10, description="")  # fmt: skip
    # 10 h at 10 h a week: a week after the last open one; the target holds.
    assert added.due_date == today + dt.timedelta(days=57)
    plan.refresh_from_db()
    assert plan.target_date == today + dt.timedelta(days=100)
    assert added.plan.target_date == plan.target_date


def test_added_milestone_that_does_not_fit_moves_the_target_date(member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(10, 10)),
                     target_date=today + dt.timedelta(days=100))  # fmt: skip
    added = services.add_milestone(plan=plan, title="Extra", kind="skill",
                                   effort_hours=20, description="")  # fmt: skip
    assert added.due_date == today + dt.timedelta(days=114)
    plan.refresh_from_db()
    assert plan.target_date == added.due_date == added.plan.target_date


def test_added_milestone_with_a_due_date_keeps_it_and_the_target(member):
    today = timezone.localdate()
    plan = make_plan(member, target_date=today + dt.timedelta(days=365))
    due = today + dt.timedelta(days=3)
    added = services.add_milestone(plan=plan, title="Extra", kind="skill",
                                   effort_hours=20, description="", due_date=due)  # fmt: skip
    plan.refresh_from_db()
    assert (added.due_date, plan.target_date) == (due, today + dt.timedelta(days=365))


def _due_dates(plan: Plan) -> list[dt.date]:
    return [m.due_date for m in plan.milestones.all()]


def test_move_reschedules_so_due_dates_follow_the_new_order(member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(10, 30)),
                     target_date=today + dt.timedelta(days=80))  # fmt: skip
    assert _due_dates(plan) == [today + dt.timedelta(days=20),
                                today + dt.timedelta(days=80)]  # fmt: skip
    moved = services.move_milestone(milestone=plan.milestones.last(), direction="up")
    assert (moved.moved, moved.rescheduled) == (True, True)
    assert [m.title for m in plan.milestones.all()] == ["Step 2", "Step 1"]
    # 30 of 40 hours over 80 days, then the rest.
    assert _due_dates(plan) == [today + dt.timedelta(days=60),
                                today + dt.timedelta(days=80)]  # fmt: skip


def test_move_that_no_longer_fits_keeps_the_dates_and_says_so(member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(10, 30)),
                     target_date=today + dt.timedelta(days=80))  # fmt: skip
    Plan.objects.filter(pk=plan.pk).update(weekly_hours=1)
    before = _due_dates(plan)
    moved = services.move_milestone(milestone=plan.milestones.last(), direction="up")
    assert (moved.moved, moved.rescheduled) == (True, False)
    assert [m.title for m in plan.milestones.all()] == ["Step 2", "Step 1"]
    assert sorted(_due_dates(plan)) == sorted(before)


def test_deleted_milestone_is_restored_as_it_was(member):
    plan = make_plan(member)
    first, second, third = plan.milestones.all()
    services.update_milestone(milestone=second, version=second.version, status="done",
                              notes="Kept", evidence_url="https://x.example/e")  # fmt: skip
    second.refresh_from_db()
    fields = ["pk", "order", "title", "status", "completed_at", "notes",
              "evidence_url", "due_date", "effort_hours", "step_id", "version"]  # fmt: skip
    before = [getattr(second, f) for f in fields]
    snapshot = services.delete_milestone(milestone=second)
    assert plan.milestones.count() == 2
    restored = services.restore_milestone(plan=plan, snapshot=snapshot)
    restored.refresh_from_db()
    assert [getattr(restored, f) for f in fields] == before
    assert list(plan.milestones.all()) == [first, restored, third]
    # Restoring twice makes a copy rather than overwriting the first.
    again = services.restore_milestone(plan=plan, snapshot=snapshot)
    assert again.pk != restored.pk and plan.milestones.count() == 4


def test_restore_refuses_another_plans_milestone(member):
    plan, other = make_plan(member), make_plan(member)
    snapshot = services.delete_milestone(milestone=other.milestones.first())
    with pytest.raises(ValueError):
        services.restore_milestone(plan=plan, snapshot=snapshot)
    assert plan.milestones.count() == 3 and other.milestones.count() == 2
