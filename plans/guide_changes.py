"""Guide changes that reach the members who relied on the guide.

A member whose active plan came from an older revision of its template, or
whose latest result used older questions, is told what changed (the change
notes and the lines that concern their plan or questions), can add the
template's new milestones, and can dismiss the notice: it comes back only
for a later change. Revisions are compared by time: the revision live when
the plan was made (or the result completed) against the latest one.

The pages that show the notice ask first from columns their own query
already carries (``with_news`` and ``results_with_news``): the revision
numbers involved and their parts' digests. Only when a part the member
relies on differs is any snapshot read, so an unchanged guide (or a change
to its prose alone) costs the page no query at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import CharField, JSONField, Max, PositiveIntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from assessments.models import Assessment
from guides.diff import PLAN_KEY_SEPARATOR, plan_lines, plans_by_roles, question_lines
from guides.models import Guide, GuideChangeSeen, GuideRevision, Role

from . import scheduling
from .models import Milestone, MilestoneTemplate, Plan, PlanTemplate


@dataclass
class GuideChange:
    guide: Guide
    latest: int
    notes: list[str] = field(default_factory=list)
    plan: Plan | None = None
    plan_parts: list[str] = field(default_factory=list)
    new_steps: list[MilestoneTemplate] = field(default_factory=list)
    result_parts: list[str] = field(default_factory=list)

    @property
    def parts(self) -> list[str]:
        return [*self.plan_parts, *self.result_parts]


def _live_before(metas: list[dict], moment: dt.datetime | None) -> int | None:
    before = [m["number"] for m in metas if moment and m["created_at"] <= moment]
    return before[-1] if before else None


def _change_for(
    guide: Guide,
    metas: list[dict],
    plan: Plan | None,
    result: Assessment | None,
    seen: int,
) -> GuideChange | None:
    latest = metas[-1]["number"]
    plan_base = _live_before(metas, plan.created_at) if plan else None
    result_base = _live_before(metas, result.completed_at) if result else None
    bases = {
        name: max(base, seen)
        for name, base in (("plan", plan_base), ("result", result_base))
        if base is not None and max(base, seen) < latest
    }
    if not bases:
        return None
    snapshots = dict(
        GuideRevision.objects.filter(
            guide=guide, number__in={latest, *bases.values()}
        ).values_list("number", "snapshot")
    )
    new = snapshots[latest]
    change = GuideChange(guide=guide, latest=latest)
    roles = {guide.role_a.slug: guide.role_a.name, guide.role_b.slug: guide.role_b.name}
    if "plan" in bases:
        template = plan.template
        key = (template.from_role.slug, template.to_role.slug)
        old_plan = plans_by_roles(snapshots[bases["plan"]]).get(key)
        new_plan = plans_by_roles(new).get(key)
        if old_plan != new_plan and old_plan is not None:
            change.plan = plan
            change.plan_parts = plan_lines(old_plan, new_plan, roles)
            change.new_steps = _new_steps(plan, old_plan, new_plan)
    if "result" in bases:
        change.result_parts = question_lines(
            snapshots[bases["result"]].get("questions", []), new.get("questions", [])
        )
    if not change.parts:
        return None
    since = min(bases.values())
    change.notes = [
        m["change_note"]
        for m in metas
        if m["number"] > since
        and m["kind"] == GuideRevision.Kind.PUBLISHED
        and m["change_note"]
    ]
    return change


def _metas(guide_ids) -> dict[int, list[dict]]:
    """Each guide's live revisions, oldest first, without their snapshots."""
    by_guide: dict[int, list[dict]] = {}
    for meta in (
        GuideRevision.objects.live()
        .filter(guide_id__in=guide_ids)
        .order_by("guide_id", "number")
        .values("guide_id", "number", "created_at", "change_note", "kind")
    ):
        by_guide.setdefault(meta["guide_id"], []).append(meta)
    return by_guide


def _may_concern(metas: list[dict], plan: Plan | None, result) -> bool:
    """A live revision came after the plan or result (before any dismissal)."""
    moments = [
        plan.created_at if plan else None,
        result.completed_at if result else None,
    ]
    return any(
        _live_before(metas, moment) is not None
        and _live_before(metas, moment) < metas[-1]["number"]
        for moment in moments
        if moment is not None
    )


def _new_steps(plan: Plan, old: dict, new: dict | None) -> list[MilestoneTemplate]:
    if new is None:
        return []
    had = {m["title"] for m in old["milestones"]}
    titles = [m["title"] for m in new["milestones"] if m["title"] not in had]
    if not titles:
        return []
    mine = set(plan.milestones.values_list("title", flat=True))
    return [
        step
        for step in plan.template.milestones.filter(title__in=titles)
        if step.title not in mine
    ]


def _news_columns(table: str, guide: str, moment: str) -> dict[str, RawSQL]:
    """The guide's latest live revision, the one live at ``moment`` and the
    one the member dismissed the notice at, as columns of ``table``'s rows:
    ``guide`` and ``moment`` are SQL for the row's guide id and time.

    Written as SQL once, not built with the ORM on each request: compiling
    six correlated subqueries took longer than running the page's queries.
    """
    revisions = GuideRevision._meta.db_table
    seen = GuideChangeSeen._meta.db_table
    live = ", ".join(["%s"] * len(GuideRevision.LIVE_KINDS))
    kinds = [str(kind) for kind in GuideRevision.LIVE_KINDS]

    def latest(column: str, since: str = "") -> str:
        return (
            f"(SELECT r.{column} FROM {revisions} r WHERE r.guide_id = {guide} "
            f"AND r.kind IN ({live}){since} ORDER BY r.number DESC LIMIT 1)"
        )

    at_moment = f" AND r.created_at <= {moment}"
    seen_number = (
        f"(SELECT s.seen_number FROM {seen} s WHERE s.guide_id = {guide} "
        f"AND s.member_id = {table}.member_id)"
    )
    seen_digests = (
        f"(SELECT r.digests FROM {revisions} r WHERE r.guide_id = {guide} "
        f"AND r.number = {seen_number})"
    )
    number, digests = PositiveIntegerField(), JSONField()
    return {
        "guide_latest": RawSQL(latest("number"), kinds, number),
        "guide_latest_digests": RawSQL(latest("digests"), kinds, digests),
        "guide_base": RawSQL(latest("number", at_moment), kinds, number),
        "guide_base_digests": RawSQL(latest("digests", at_moment), kinds, digests),
        "guide_seen": RawSQL(seen_number, [], number),
        "guide_seen_digests": RawSQL(seen_digests, [], digests),
    }


def _plan_columns() -> dict[str, RawSQL]:
    plans, templates = Plan._meta.db_table, PlanTemplate._meta.db_table
    roles = Role._meta.db_table
    template = f"(SELECT t.{{}} FROM {templates} t WHERE t.id = {plans}.template_id)"
    part = (
        f"(SELECT a.slug || %s || b.slug FROM {templates} t, {roles} a, {roles} b "
        f"WHERE t.id = {plans}.template_id AND a.id = t.from_role_id "
        "AND b.id = t.to_role_id)"
    )
    return {
        **_news_columns(plans, template.format("guide_id"), f"{plans}.created_at"),
        "guide_part": RawSQL(part, [PLAN_KEY_SEPARATOR], CharField()),
    }


def _result_columns() -> dict[str, RawSQL]:
    table = Assessment._meta.db_table
    return _news_columns(table, f"{table}.guide_id", f"{table}.completed_at")


def with_news(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """Plans able to tell, without a query, whether their guide may have
    changed in a way that concerns them (``may_concern``)."""
    return plans.annotate(**_plan_columns())


def results_with_news(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Assessments able to tell the same of their questions."""
    return assessments.annotate(**_result_columns())


def may_concern(row: Plan | Assessment) -> bool:
    """Whether a live revision newer than the row's (and than the member's
    dismissal) changed the plan template or the questions the row relies
    on. False is certain; True is confirmed by ``changes_for``."""
    base, latest, seen = row.guide_base, row.guide_latest, row.guide_seen or 0
    if base is None or latest is None or max(base, seen) >= latest:
        return False
    since = row.guide_seen_digests if seen > base else row.guide_base_digests
    old, new = since or {}, row.guide_latest_digests or {}
    if not old or not new:
        return True  # a revision without digests: read the snapshots
    if isinstance(row, Assessment):
        return old["questions"] != new["questions"]
    part = getattr(row, "guide_part", None)
    return part in old["plans"] and old["plans"][part] != new["plans"].get(part)


def notices(
    member=None, *, plans: list[Plan], result: Assessment | None = None
) -> list[GuideChange]:
    """The notices for a page whose ``plans`` (and the member's latest
    ``result``) came from ``with_news`` (``results_with_news``): none, without
    a query, unless a change may concern them. Without ``member``, the page is
    the one plan's own, and only its notice is wanted."""
    rows = [p for p in plans if p.status == Plan.Status.ACTIVE and p.template_id]
    if result is not None:
        rows.append(result)
    if not any(may_concern(row) for row in rows):
        return []
    if member is None:
        (plan,) = plans
        return changes_for(plan.member, plan=plan)
    return changes_for(member)


def changes_for(member, *, plan: Plan | None = None) -> list[GuideChange]:
    """The notices a member should see, one per guide; only for ``plan`` when
    given (the plan page). Without any change since, this costs one query on
    the plan page and three on the dashboard."""
    if not member.is_authenticated:
        return []
    if plan is not None:
        if plan.status != Plan.Status.ACTIVE or plan.template_id is None:
            return []
        guides = PlanTemplate.objects.filter(pk=plan.template_id).values("guide_id")
        metas = _metas(guides)
        if not any(_may_concern(m, plan, None) for m in metas.values()):
            return []
    plans = Plan.objects.for_member(member).active().filter(template__isnull=False)
    if plan is not None:
        plans = plans.filter(pk=plan.pk)
    plans = list(
        plans.select_related(
            "template__guide__role_a", "template__guide__role_b",
            "template__from_role", "template__to_role",
        )
    )  # fmt: skip
    result = None
    if plan is None:
        result = (
            Assessment.objects.for_member(member)
            .completed()
            .select_related("guide__role_a", "guide__role_b")
            .order_by("-completed_at")
            .first()
        )
    by_guide: dict[int, tuple[Guide, Plan | None, Assessment | None]] = {}
    for p in plans:
        by_guide.setdefault(p.template.guide_id, (p.template.guide, p, None))
    if result is not None:
        guide, p, _ = by_guide.get(result.guide_id, (result.guide, None, None))
        by_guide[result.guide_id] = (guide, p, result)
    if not by_guide:
        return []
    if plan is None:
        metas = _metas(list(by_guide))
    candidates = {
        guide_id: entry
        for guide_id, entry in by_guide.items()
        if guide_id in metas and _may_concern(metas[guide_id], entry[1], entry[2])
    }
    if not candidates:
        return []
    seen = dict(
        GuideChangeSeen.objects.filter(
            member=member, guide_id__in=candidates
        ).values_list("guide_id", "seen_number")
    )
    changes = []
    for guide_id, (guide, p, r) in candidates.items():
        change = _change_for(guide, metas[guide_id], p, r, seen.get(guide_id, 0))
        if change is not None:
            changes.append(change)
    return changes


def _mark(member, guide: Guide, number: int, field_name: str) -> None:
    record, _ = GuideChangeSeen.objects.get_or_create(member=member, guide=guide)
    if getattr(record, field_name) < number:
        setattr(record, field_name, number)
        record.save(update_fields=[field_name])


def dismiss(*, member, guide_id: int) -> bool:
    """Hide the notice about a guide until a later change; False when the
    member has no notice for it."""
    with transaction.atomic():
        change = next((c for c in changes_for(member) if c.guide.pk == guide_id), None)
        if change is None:
            return False
        _mark(member, change.guide, change.latest, "seen_number")
        return True


def add_new_milestones(*, member, plan: Plan) -> list[Milestone]:
    """Copy the template's new milestones into the plan, after the member's
    own, scheduled after the last open one. Nothing already in the plan is
    changed. The notice is then settled."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk, member=member)
        change = next(iter(changes_for(member, plan=plan)), None)
        if change is None:
            return []
        steps = change.new_steps
        last_order = plan.milestones.aggregate(last=Max("order"))["last"] or 0
        open_due = plan.milestones.exclude(
            status__in=[Milestone.Status.DONE, Milestone.Status.SKIPPED]
        ).aggregate(last=Max("due_date"))["last"]
        start = max(open_due or timezone.localdate(), timezone.localdate())
        timing = scheduling.schedule(
            [scheduling.Item(str(s.pk), s.effort_hours) for s in steps],
            start=start,
            weekly_hours=plan.weekly_hours,
        )
        due = {item.key: item.due_date for item in timing.items}
        made = Milestone.objects.bulk_create(
            Milestone(
                plan=plan,
                step=step,
                order=last_order + i,
                title=step.title,
                description=step.description,
                kind=step.kind,
                effort_hours=step.effort_hours,
                suggested_evidence=step.suggested_evidence,
                due_date=due[str(step.pk)],
            )
            for i, step in enumerate(steps, start=1)
        )
        _mark(member, change.guide, change.latest, "seen_number")
        return made


def unmailed(member) -> list[GuideChange]:
    """Changes the member's reminder email has not mentioned yet."""
    changes = changes_for(member)
    if not changes:
        return []
    mailed = dict(
        GuideChangeSeen.objects.filter(member=member).values_list(
            "guide_id", "mailed_number"
        )
    )
    return [c for c in changes if c.latest > mailed.get(c.guide.pk, 0)]


def mark_mailed(*, member, changes: list[GuideChange]) -> None:
    for change in changes:
        _mark(member, change.guide, change.latest, "mailed_number")
