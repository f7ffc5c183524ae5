"""Writes for plans: create, reschedule, milestone changes, reviews.

Each service opens its transaction inside its body (``with
transaction.atomic():``) rather than with the decorator, so mutation testing
(``make mutation``) reaches it; the behaviour is the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from accounts.models import User
from assessments.models import Assessment

from . import scheduling
from .models import (
    Milestone,
    MilestoneTemplate,
    Plan,
    PlanTemplate,
    ReviewDecision,
)


class Infeasible(Exception):
    """The open effort does not fit before the target date."""

    def __init__(self, earliest: dt.date) -> None:
        super().__init__(f"The work does not fit; the earliest finish is {earliest}.")
        self.earliest = earliest


class Conflict(Exception):
    """The milestone changed since the member loaded it."""


def _lay_out(
    milestones: list[Milestone], *, start: dt.date, weekly_hours: int, target: dt.date
) -> scheduling.Schedule:
    """Give ``milestones`` (in their order) due dates, in memory, when the work
    fits before ``target``; unsaved, and unchanged when it does not fit."""
    items = [scheduling.Item(str(m.pk), m.effort_hours) for m in milestones]
    result = scheduling.schedule(
        items, start=start, weekly_hours=weekly_hours, target=target
    )
    if result.feasible:
        due = {item.key: item.due_date for item in result.items}
        for milestone in milestones:
            milestone.due_date = due[str(milestone.pk)]
    return result


def _apply_schedule(
    milestones: list[Milestone], *, start: dt.date, weekly_hours: int, target: dt.date
) -> scheduling.Schedule:
    result = _lay_out(milestones, start=start, weekly_hours=weekly_hours, target=target)
    if not result.feasible:
        raise Infeasible(result.earliest_finish)
    for milestone in milestones:
        milestone.version += 1
    Milestone.objects.bulk_update(milestones, ["due_date", "version"])
    return result


def propose_target(
    *, template: PlanTemplate, start: dt.date, weekly_hours: int, done_ids: set[int]
) -> dt.date:
    """The earliest date the template's remaining effort allows."""
    hours = sum(
        m.effort_hours for m in template.milestones.all() if m.pk not in done_ids
    )
    return scheduling.earliest_finish(start, hours, weekly_hours)


def create_plan(
    *,
    member: User,
    template: PlanTemplate,
    title: str,
    start_date: dt.date,
    target_date: dt.date | None,
    weekly_hours: int,
    review_interval_weeks: int = 4,
    already_done: dict[int, str] | None = None,
    source_assessment: Assessment | None = None,
) -> Plan:
    """Copy the template's milestones into a new plan and schedule the open ones.

    ``already_done`` maps milestone-template ids the member can already
    evidence to their evidence link ("" when none): those start as done.
    Raises Infeasible (and creates nothing) when the work does not fit.
    """
    with transaction.atomic():
        already_done = already_done or {}
        steps: list[MilestoneTemplate] = list(template.milestones.all())
        if target_date is None:
            target_date = propose_target(
                template=template,
                start=start_date,
                weekly_hours=weekly_hours,
                done_ids=set(already_done),
            )
        plan = Plan.objects.create(
            member=member,
            template=template,
            source_assessment=source_assessment,
            title=title,
            from_role_name=template.from_role.name,
            to_role_name=template.to_role.name,
            start_date=start_date,
            target_date=target_date,
            weekly_hours=weekly_hours,
            review_interval_weeks=review_interval_weeks,
        )
        now = timezone.now()
        milestones = Milestone.objects.bulk_create(
            Milestone(
                plan=plan,
                step=step,
                order=index,
                title=step.title,
                description=step.description,
                kind=step.kind,
                effort_hours=step.effort_hours,
                suggested_evidence=step.suggested_evidence,
                status=Milestone.Status.DONE if step.pk in already_done else "todo",
                completed_at=now if step.pk in already_done else None,
                evidence_url=already_done.get(step.pk, ""),
            )
            for index, step in enumerate(steps, start=1)
        )
        open_ones = [m for m in milestones if m.status != Milestone.Status.DONE]
        _apply_schedule(
            open_ones, start=start_date, weekly_hours=weekly_hours, target=target_date
        )
        return plan


def reschedule(*, plan: Plan, today: dt.date | None = None) -> scheduling.Schedule:
    """Lay the open milestones out again from today (or the start, if later)."""
    with transaction.atomic():
        today = today or timezone.localdate()
        start = max(today, plan.start_date)
        open_ones = list(
            plan.milestones.open().select_for_update().order_by("order", "id")
        )
        return _apply_schedule(
            open_ones,
            start=start,
            weekly_hours=plan.weekly_hours,
            target=plan.target_date,
        )


def update_plan_settings(
    *,
    plan: Plan,
    title: str,
    target_date: dt.date,
    weekly_hours: int,
    review_interval_weeks: int,
) -> Plan:
    """Change the plan's pace or deadline and reschedule; all or nothing."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        plan.title = title
        plan.target_date = target_date
        plan.weekly_hours = weekly_hours
        plan.review_interval_weeks = review_interval_weeks
        plan.save()
        reschedule(plan=plan)
        return plan


def _sync_plan_status(plan_id: int) -> None:
    """A plan whose milestones are all done or skipped is complete, and back."""
    plan = Plan.objects.get(pk=plan_id)
    if plan.status == Plan.Status.ARCHIVED:
        return
    finished = not Milestone.objects.filter(plan_id=plan_id).open().exists()
    status = Plan.Status.COMPLETED if finished else Plan.Status.ACTIVE
    if plan.status != status:
        Plan.objects.filter(pk=plan_id).update(status=status)


def update_milestone(*, milestone: Milestone, version: int, **changes) -> Milestone:
    """Change fields of one milestone if nobody changed it since ``version``.

    Only the given fields are written, together with a bumped version; a stale
    version raises Conflict and writes nothing.
    """
    with transaction.atomic():
        if "status" in changes:
            # Serialise status changes per plan, so the plan's own status (which
            # depends on all its milestones) is decided on what is committed.
            Plan.objects.select_for_update().filter(pk=milestone.plan_id).first()
            done = changes["status"] == Milestone.Status.DONE
            changes["completed_at"] = (
                (milestone.completed_at or timezone.now()) if done else None
            )
        updated = Milestone.objects.filter(pk=milestone.pk, version=version).update(
            **changes, version=F("version") + 1, updated_at=timezone.now()
        )
        if not updated:
            raise Conflict
        if "status" in changes:
            _sync_plan_status(milestone.plan_id)
        return Milestone.objects.get(pk=milestone.pk)


def add_milestone(
    *, plan: Plan, today: dt.date | None = None, **fields: object
) -> Milestone:
    """Add a milestone after the others.

    Without a due date it is scheduled after the last open milestone at the
    plan's pace; when that falls after the target date, the target date moves
    to it (``milestone.plan`` is the plan as saved, so callers can say so).
    """
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        last = plan.milestones.aggregate(last=Max("order"))["last"] or 0
        if fields.get("due_date") is None:
            last_due = plan.milestones.open().aggregate(last=Max("due_date"))["last"]
            today = today or timezone.localdate()
            after = max(d for d in (last_due, today, plan.start_date) if d is not None)
            fields["due_date"] = scheduling.due_after(
                after,
                effort_hours=fields["effort_hours"],
                weekly_hours=plan.weekly_hours,
            )
            if fields["due_date"] > plan.target_date:
                plan.target_date = fields["due_date"]
                plan.save(update_fields=["target_date", "updated_at"])
        milestone = Milestone.objects.create(plan=plan, order=last + 1, **fields)
        _sync_plan_status(plan.pk)
        return milestone


def _snapshot(milestone: Milestone) -> dict[str, str | None]:
    """Every column as text (fit for a JSON session), to the microsecond."""
    values = {}
    for field in Milestone._meta.concrete_fields:
        value = field.value_from_object(milestone)
        values[field.attname] = (
            None if value is None else field.value_to_string(milestone)
        )
    return values


def delete_milestone(*, milestone: Milestone) -> dict[str, str | None]:
    """Delete a milestone; returns a snapshot that ``restore_milestone`` puts
    back as it was."""
    with transaction.atomic():
        snapshot = _snapshot(milestone)
        plan_id = milestone.plan_id
        milestone.delete()
        _sync_plan_status(plan_id)
        return snapshot


def restore_milestone(*, plan: Plan, snapshot: dict[str, str | None]) -> Milestone:
    """Undo a delete: the milestone comes back with its id, place, status,
    notes and evidence. A snapshot of another plan's milestone is refused."""
    with transaction.atomic():
        milestone = Milestone(**{
            field.attname: field.to_python(snapshot[field.attname])
            for field in Milestone._meta.concrete_fields
            if snapshot.get(field.attname) is not None
        })  # fmt: skip
        if milestone.plan_id != plan.pk:
            raise ValueError("The snapshot is of another plan's milestone.")
        if Milestone.objects.filter(pk=milestone.pk).exists():
            milestone.pk = None  # restored twice: a copy, not an overwrite
        if not MilestoneTemplate.objects.filter(pk=milestone.step_id).exists():
            milestone.step_id = None  # its template step was deleted meanwhile
        milestone.save(force_insert=True)
        _sync_plan_status(plan.pk)
        return milestone


@dataclass(frozen=True)
class Moved:
    moved: bool
    #: False when the open milestones no longer fit before the target date:
    #: their due dates were left as they were.
    rescheduled: bool


def move_milestone(
    *, milestone: Milestone, direction: str, today: dt.date | None = None
) -> Moved:
    """Swap a milestone with its neighbour above ("up") or below ("down"), then
    reschedule the open milestones so their due dates follow the new order."""
    with transaction.atomic():
        siblings = list(
            Milestone.objects.filter(plan_id=milestone.plan_id)
            .select_for_update()
            .order_by("order", "id")
        )
        index = next(i for i, m in enumerate(siblings) if m.pk == milestone.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return Moved(moved=False, rescheduled=False)
        siblings[index], siblings[other] = siblings[other], siblings[index]
        plan = Plan.objects.get(pk=milestone.plan_id)
        # The new order and the due dates that follow from it are one change:
        # each milestone's version rises once.
        result = _lay_out(
            [m for m in siblings if m.status in Milestone.OPEN_STATUSES],
            start=max(today or timezone.localdate(), plan.start_date),
            weekly_hours=plan.weekly_hours,
            target=plan.target_date,
        )
        for position, item in enumerate(siblings, start=1):
            item.order = position
            item.version += 1
        Milestone.objects.bulk_update(siblings, ["order", "due_date", "version"])
        return Moved(moved=True, rescheduled=result.feasible)


def record_review(
    *, plan: Plan, decision: str, note: str, date: dt.date | None = None
) -> ReviewDecision:
    """Keep a review decision; stopping archives the plan."""
    with transaction.atomic():
        review = ReviewDecision.objects.create(
            plan=plan, decision=decision, note=note, date=date or timezone.localdate()
        )
        if decision == ReviewDecision.Decision.STOP:
            Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ARCHIVED)
        elif plan.status == Plan.Status.ARCHIVED:
            Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ACTIVE)
            _sync_plan_status(plan.pk)
        return review
