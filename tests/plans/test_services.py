import datetime as dt
import itertools

import pytest
from django.utils import timezone

from plans import scheduling, services
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
    # Each keeps the template step it came from (its learning resources).
    assert [m.step for m in milestones] == list(template.milestones.all())
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


def versions(plan) -> dict[str, int]:
    return {m.title: m.version for m in plan.milestones.all()}


def statuses(plan) -> str:
    plan.refresh_from_db()
    return plan.status


def test_infeasible_names_the_earliest_date():
    error = services.Infeasible(dt.date(2027, 3, 1))
    assert str(error) == "The work does not fit; the earliest finish is 2027-03-01."
    assert error.earliest == dt.date(2027, 3, 1)


def test_create_keeps_every_setting_and_the_source_assessment(member):
    from tests.factories import completed_assessment, guide_with_assessment

    guide = guide_with_assessment()
    assessment = completed_assessment(member, guide)
    template = plan_template(guide)
    template.milestones.update(description="Why it matters", kind="project")
    today = timezone.localdate()
    plan = make_plan(member, template, title="Switch",
                     start_date=today + dt.timedelta(days=3), weekly_hours=7,
                     target_date=today + dt.timedelta(days=200),
                     review_interval_weeks=2, source_assessment=assessment)  # fmt: skip
    plan.refresh_from_db()
    assert plan.member == member and plan.source_assessment == assessment
    assert plan.template == template
    assert plan.title == "Switch" and plan.weekly_hours == 7
    assert plan.start_date == today + dt.timedelta(days=3)
    assert plan.target_date == today + dt.timedelta(days=200)
    assert plan.review_interval_weeks == 2 and plan.status == Plan.Status.ACTIVE
    rows = list(plan.milestones.all())
    assert [m.order for m in rows] == [1, 2, 3]
    assert [m.effort_hours for m in rows] == [10, 20, 30]
    assert {(m.kind, m.description, m.suggested_evidence, m.status) for m in rows} == {
        ("project", "Why it matters", "A link", "todo")
    }
    assert all(m.completed_at is None and m.evidence_url == "" for m in rows)
    # Scheduled from the start date, not from today.
    assert rows[0].due_date == plan.start_date + dt.timedelta(days=33)


def test_proposed_target_counts_only_the_steps_still_to_do(member):
    template = plan_template(efforts=(10, 10))
    first = template.milestones.first()
    plan = make_plan(member, template, target_date=None, weekly_hours=5,
                     already_done={first.pk: ""})  # fmt: skip
    assert plan.target_date == plan.start_date + dt.timedelta(days=14)
    done = plan.milestones.get(order=1)
    assert done.status == "done" and done.evidence_url == ""


def test_reschedule_moves_open_milestones_and_bumps_only_their_versions(member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(10, 10, 20)),
                     target_date=today + dt.timedelta(days=40))  # fmt: skip
    first = plan.milestones.get(order=1)
    services.update_milestone(milestone=first, version=first.version, status="done")
    before = versions(plan)
    later = today + dt.timedelta(days=10)
    result = services.reschedule(plan=plan, today=later)
    after = versions(plan)
    assert after == {"Step 1": before["Step 1"], "Step 2": before["Step 2"] + 1,
                     "Step 3": before["Step 3"] + 1}  # fmt: skip
    # 30 open hours over the 30 days left: due on day 10 and day 30 from later.
    assert [m.due_date for m in plan.milestones.open()] == [
        later + dt.timedelta(days=10),
        later + dt.timedelta(days=30),
    ]
    assert result.feasible and result.target_date == plan.target_date
    # A form loaded before the reschedule is now stale.
    second = plan.milestones.get(order=2)
    with pytest.raises(services.Conflict):
        services.update_milestone(milestone=second, version=before["Step 2"],
                                  notes="stale")  # fmt: skip


def test_reschedule_starts_no_earlier_than_the_plan(member):
    today = timezone.localdate()
    start = today + dt.timedelta(days=10)
    plan = make_plan(member, plan_template(efforts=(10,)), start_date=start,
                     target_date=start + dt.timedelta(days=20))  # fmt: skip
    services.reschedule(plan=plan, today=today)
    assert plan.milestones.get().due_date == start + dt.timedelta(days=20)
    services.reschedule(plan=plan)
    assert plan.milestones.get().due_date == start + dt.timedelta(days=20)


def test_reschedule_with_nothing_open_changes_nothing(member):
    plan = make_plan(member, plan_template(efforts=(10,)))
    only = plan.milestones.get()
    services.update_milestone(milestone=only, version=only.version, status="skipped")
    before = versions(plan)
    result = services.reschedule(plan=plan)
    assert result.items == [] and result.feasible
    assert versions(plan) == before


def test_settings_are_stored_and_milestones_rescheduled(member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(10, 10)),
                     target_date=today + dt.timedelta(days=100))  # fmt: skip
    before = versions(plan)
    returned = services.update_plan_settings(
        plan=plan, title="Faster", weekly_hours=20,
        target_date=today + dt.timedelta(days=50), review_interval_weeks=2,
    )  # fmt: skip
    plan.refresh_from_db()
    assert (plan.title, plan.weekly_hours, plan.review_interval_weeks) == (
        "Faster", 20, 2,
    )  # fmt: skip
    assert plan.target_date == today + dt.timedelta(days=50)
    assert returned.title == "Faster" and returned.pk == plan.pk
    assert all(versions(plan)[k] == v + 1 for k, v in before.items())


def test_status_change_records_completion_and_keeps_its_first_time(member):
    plan = make_plan(member)
    milestone = plan.milestones.first()
    start = milestone.version
    done = services.update_milestone(milestone=milestone, version=start,
                                     status="done", evidence_url="https://e.test/1")  # fmt: skip
    assert done.status == "done" and done.evidence_url == "https://e.test/1"
    assert done.completed_at is not None and done.version == start + 1
    again = services.update_milestone(milestone=done, version=done.version,
                                      status="done")  # fmt: skip
    assert again.completed_at == done.completed_at and again.version == start + 2
    reopened = services.update_milestone(milestone=again, version=again.version,
                                         status="doing")  # fmt: skip
    assert reopened.completed_at is None and reopened.version == start + 3
    assert reopened.updated_at > done.updated_at
    # Notes alone leave the completion time alone.
    noted = services.update_milestone(milestone=reopened, version=reopened.version,
                                      notes="halfway")  # fmt: skip
    assert noted.notes == "halfway" and noted.status == "doing"


def test_skipping_the_rest_completes_the_plan(member):
    plan = make_plan(member)
    for milestone in plan.milestones.all():
        services.update_milestone(milestone=milestone, version=milestone.version,
                                  status="skipped")  # fmt: skip
    assert statuses(plan) == Plan.Status.COMPLETED


def test_an_archived_plan_stays_archived_when_a_milestone_changes(member):
    plan = make_plan(member)
    services.record_review(plan=plan, decision="stop", note="")
    for milestone in plan.milestones.all():
        services.update_milestone(milestone=milestone, version=milestone.version,
                                  status="done")  # fmt: skip
    assert statuses(plan) == Plan.Status.ARCHIVED


def finish(plan) -> None:
    for milestone in plan.milestones.open():
        services.update_milestone(milestone=milestone, version=milestone.version,
                                  status="done")  # fmt: skip
    assert statuses(plan) == Plan.Status.COMPLETED


def test_adding_a_milestone_reopens_a_completed_plan(member):
    plan = make_plan(member)
    finish(plan)
    added = services.add_milestone(plan=plan, title="One more", effort_hours=5)
    assert statuses(plan) == Plan.Status.ACTIVE
    added.refresh_from_db()
    plan.refresh_from_db()
    # Nothing is open any more: it is due after today at the plan's pace.
    after = max(timezone.localdate(), plan.start_date)
    assert added.order == 4
    assert added.due_date == scheduling.due_after(
        after, effort_hours=5, weekly_hours=plan.weekly_hours
    )
    assert added.due_date <= plan.target_date
    assert added.title == "One more" and added.status == "todo"


def test_adding_keeps_a_given_due_date_and_starts_an_empty_plan_at_one(member):
    plan = make_plan(member, plan_template(efforts=()))
    assert statuses(plan) == Plan.Status.ACTIVE
    due = timezone.localdate() + dt.timedelta(days=9)
    added = services.add_milestone(plan=plan, title="First", effort_hours=1,
                                   due_date=due)  # fmt: skip
    added.refresh_from_db()
    assert added.order == 1 and added.due_date == due


def test_deleting_the_last_open_milestone_completes_the_plan(member):
    plan = make_plan(member)
    *done, last = plan.milestones.all()
    for milestone in done:
        services.update_milestone(milestone=milestone, version=milestone.version,
                                  status="done")  # fmt: skip
    assert statuses(plan) == Plan.Status.ACTIVE
    services.delete_milestone(milestone=last)
    assert not plan.milestones.filter(pk=last.pk).exists()
    assert statuses(plan) == Plan.Status.COMPLETED


def test_deleting_a_done_milestone_leaves_the_plan_active(member):
    plan = make_plan(member)
    first = plan.milestones.first()
    services.update_milestone(milestone=first, version=first.version, status="done")
    services.delete_milestone(milestone=plan.milestones.first())
    assert plan.milestones.count() == 2
    assert statuses(plan) == Plan.Status.ACTIVE


def test_move_bumps_every_version_and_renumbers(member):
    plan = make_plan(member)
    before = versions(plan)
    third = plan.milestones.get(order=3)
    assert services.move_milestone(milestone=third, direction="up")
    rows = list(plan.milestones.all())
    assert [(m.order, m.title) for m in rows] == [
        (1, "Step 1"), (2, "Step 3"), (3, "Step 2"),
    ]  # fmt: skip
    assert all(versions(plan)[k] > v for k, v in before.items())


@pytest.mark.parametrize(("order", "direction"), [(1, "up"), (3, "down")])
def test_move_past_either_end_changes_nothing(member, order, direction):
    plan = make_plan(member)
    before = versions(plan)
    edge = plan.milestones.get(order=order)
    assert services.move_milestone(milestone=edge, direction=direction) == (
        services.Moved(moved=False, rescheduled=False)
    )
    assert [m.title for m in plan.milestones.all()] == ["Step 1", "Step 2", "Step 3"]
    assert versions(plan) == before


def test_move_down_from_the_middle(member):
    plan = make_plan(member)
    middle = plan.milestones.get(order=2)
    assert services.move_milestone(milestone=middle, direction="down").moved is True
    assert [m.title for m in plan.milestones.all()] == ["Step 1", "Step 3", "Step 2"]


@pytest.mark.parametrize("decision", ["continue", "hybrid"])
def test_a_non_stop_review_keeps_an_active_plan_active(member, decision):
    plan = make_plan(member)
    review = services.record_review(plan=plan, decision=decision, note="Onwards",
                                    date=dt.date(2026, 6, 1))  # fmt: skip
    assert statuses(plan) == Plan.Status.ACTIVE
    review.refresh_from_db()
    assert (review.plan, review.decision, review.note, review.date) == (
        plan, decision, "Onwards", dt.date(2026, 6, 1),
    )  # fmt: skip


def test_a_review_without_a_date_is_dated_today(member):
    review = services.record_review(plan=make_plan(member), decision="continue",
                                    note="")  # fmt: skip
    review.refresh_from_db()
    assert review.date == timezone.localdate()


@pytest.mark.parametrize("decision", ["continue", "hybrid"])
def test_a_non_stop_review_brings_an_archived_plan_back(member, decision):
    plan = make_plan(member)
    services.record_review(plan=plan, decision="stop", note="Pause")
    assert statuses(plan) == Plan.Status.ARCHIVED
    services.record_review(plan=plan, decision=decision, note="Back")
    assert statuses(plan) == Plan.Status.ACTIVE


def test_an_archived_finished_plan_comes_back_completed(member):
    plan = make_plan(member)
    finish(plan)
    services.record_review(plan=plan, decision="stop", note="")
    assert statuses(plan) == Plan.Status.ARCHIVED
    services.record_review(plan=plan, decision="continue", note="")
    assert statuses(plan) == Plan.Status.COMPLETED


def test_stopping_a_completed_plan_archives_it(member):
    plan = make_plan(member)
    finish(plan)
    services.record_review(plan=plan, decision="stop", note="")
    assert statuses(plan) == Plan.Status.ARCHIVED
    services.record_review(plan=plan, decision="stop", note="")
    assert statuses(plan) == Plan.Status.ARCHIVED


def test_each_change_bumps_a_version_by_exactly_one(member):
    plan = make_plan(member)
    before = versions(plan)
    services.move_milestone(milestone=plan.milestones.get(order=2), direction="up")
    assert versions(plan) == {k: v + 1 for k, v in before.items()}
    services.reschedule(plan=plan)
    assert versions(plan) == {k: v + 2 for k, v in before.items()}


def test_reschedule_follows_the_members_order_not_creation(member):
    today = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=(10, 30)),
                     target_date=today + dt.timedelta(days=40))  # fmt: skip
    services.move_milestone(milestone=plan.milestones.get(order=2), direction="up")
    services.reschedule(plan=plan, today=today)
    # Step 2 (30 hours) now comes first: due at 30 of 40 hours, then the end.
    assert [(m.title, m.due_date) for m in plan.milestones.all()] == [
        ("Step 2", today + dt.timedelta(days=30)),
        ("Step 1", today + dt.timedelta(days=40)),
    ]


def test_the_review_interval_defaults_to_four_weeks(member):
    assert make_plan(member).review_interval_weeks == 4


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
    with pytest.raises(
        ValueError, match=r"^The snapshot is of another plan's milestone\.$"
    ):
        services.restore_milestone(plan=plan, snapshot=snapshot)
    assert plan.milestones.count() == 3 and other.milestones.count() == 2


def test_restore_after_its_template_step_was_deleted_keeps_the_rest(member):
    plan = make_plan(member)
    first, second, third = plan.milestones.all()
    fields = ["pk", "order", "title", "status", "due_date", "effort_hours",
              "version", "plan_id"]  # fmt: skip
    before = [getattr(second, f) for f in fields]
    snapshot = services.delete_milestone(milestone=second)
    second.step.delete()
    restored = services.restore_milestone(plan=plan, snapshot=snapshot)
    assert restored.step_id is None
    restored.refresh_from_db()
    assert restored.step_id is None
    assert [getattr(restored, f) for f in fields] == before
    assert list(plan.milestones.all()) == [first, restored, third]


def test_added_milestone_is_due_after_the_given_day(member):
    """``today`` is the caller's day: with nothing open and the plan started,
    the new milestone is scheduled from it, not from the server's date."""
    start = timezone.localdate()
    plan = make_plan(member, start_date=start,
                     target_date=start + dt.timedelta(days=365))  # fmt: skip
    finish(plan)
    today = start + dt.timedelta(days=30)
    added = services.add_milestone(plan=plan, today=today, title="Later",
                                   kind="skill", effort_hours=10)  # fmt: skip
    added.refresh_from_db()
    assert added.due_date == today + dt.timedelta(days=7)
    assert statuses(plan) == Plan.Status.ACTIVE


def test_added_milestone_due_on_the_target_date_leaves_the_plan_untouched(member):
    start = timezone.localdate()
    plan = make_plan(member, plan_template(efforts=()), start_date=start,
                     target_date=start + dt.timedelta(days=7))  # fmt: skip
    before = Plan.objects.values().get(pk=plan.pk)
    added = services.add_milestone(plan=plan, today=start, title="Last",
                                   kind="skill", effort_hours=10)  # fmt: skip
    # 10 h at 10 h a week: due exactly on the target date, which therefore holds
    # and the plan row is not written at all.
    assert added.due_date == plan.target_date
    assert Plan.objects.values().get(pk=plan.pk) == before
