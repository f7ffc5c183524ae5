"""The plan page as the views share it: its context, the rows an htmx change
sends back, the editors opened on demand, and refusals."""

import time

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django_htmx.http import reswap, retarget

from config.fragments import cached_page
from config.http import HtmxHttpRequest, see_other, wants_fragment
from guides.services import catalogue_stamp

from .. import checkins, guide_changes
from ..forms import focus_first_error
from ..models import Milestone, Plan, steps_resources
from ..progress import plan_progress

DETAIL = "plans/plan_detail.html"

MILESTONE_ACTIONS = ["status", "details", "move", "edit", "delete"]
STATUS_CHOICES = Milestone.Status.choices

CONFLICT_MESSAGE = (
    "This milestone was changed elsewhere (another tab or device) after you "
    "opened it. Here is its latest state: please make your change again."
)


#: Where the last deleted milestone waits to be restored, and for how long.
UNDO_KEY = "plans:undo"
UNDO_SECONDS = 15 * 60


def remember_deleted(
    request: HtmxHttpRequest, milestone: Milestone, snapshot: dict
) -> dict:
    """Keep the deleted milestone in the member's session so "Undo" can put
    it back (only the latest one)."""
    undo = {"plan": milestone.plan_id, "title": milestone.title,
            "snapshot": snapshot, "at": time.time()}  # fmt: skip
    request.session[UNDO_KEY] = undo
    return undo


def pending_undo(request: HtmxHttpRequest, plan: Plan) -> dict | None:
    """The milestone this plan lost last, while it can still be restored."""
    undo = request.session.get(UNDO_KEY)
    if (
        undo
        and undo.get("plan") == plan.pk
        and time.time() - undo.get("at", 0) < UNDO_SECONDS
    ):
        return undo
    return None


def own_plan(request: HtmxHttpRequest, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.for_member(request.user), pk=pk)


def own_plan_page(request: HtmxHttpRequest, pk: int) -> Plan:
    """The plan with what its page shows beside its milestones, in one query."""
    return get_object_or_404(
        guide_changes.with_news(Plan.objects.for_member(request.user)), pk=pk
    )


def own_milestone(request: HtmxHttpRequest, pk: int, milestone_pk: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.for_member(request.user).select_related("plan"),
        pk=milestone_pk,
        plan_id=pk,
    )


def with_urls(plan: Plan, milestones: list[Milestone]) -> list[Milestone]:
    """Give each milestone its action URLs, reversing each route only once per
    page rather than once per row (reversing dominated the page's render time)."""
    placeholder = 2**31 - 1
    patterns = {
        action: reverse(f"plans:milestone-{action}", args=[plan.pk, placeholder])
        for action in MILESTONE_ACTIONS
    }
    for milestone in milestones:
        milestone.urls = {
            action: url.replace(f"/{placeholder}/", f"/{milestone.pk}/")
            for action, url in patterns.items()
        }
    return milestones


def _status_options() -> dict[str, SafeString]:
    """The status select's options, one variant per current status, built once
    per page: looping over the choices in every row was a quarter of the
    row's template lookups."""
    option = '<option value="{}"{}>{}</option>'
    variants = {}
    for current, _ in STATUS_CHOICES:
        rows = [(v, " selected" if v == current else "", label)
                for v, label in STATUS_CHOICES]  # fmt: skip
        variants[current] = format_html_join("", option, rows)
    return variants


RESOURCE_ITEMS = "plans/resource_items.html"


def _resource_items(**steps) -> dict[str, SafeString | str]:
    """Each step's resources as list items ("" for a step without any);
    ``steps`` as ``models.steps_resources`` takes them."""
    return {
        str(step): render_to_string(RESOURCE_ITEMS, {"resources": resources})
        if resources else ""
        for step, resources in steps_resources(**steps).items()
    }  # fmt: skip


def attach_resources(plan: Plan, milestones: list[Milestone]) -> list[Milestone]:
    """Give each row its step's learning resources as ready list items
    (``resource_items``). They are guide content, the same for every member:
    rendered once per plan template into the shared cache with the guide
    pages, under the catalogue stamp that any change to them drops. A step
    from another template (rare) is read and rendered for the request."""
    items: dict[str, SafeString | str] = {}
    if plan.template_id:
        items = cached_page(
            RESOURCE_ITEMS, plan.template_id, catalogue_stamp(),
            build=lambda: _resource_items(template_id=plan.template_id),
        )  # fmt: skip
    others = {str(m.step_id) for m in milestones if m.step_id} - set(items)
    if others:
        items = {**items, **_resource_items(step_ids=[int(pk) for pk in others])}
    for milestone in milestones:
        milestone.resource_items = items.get(str(milestone.step_id), "")
    return milestones


def plan_milestones(plan: Plan) -> list[Milestone]:
    milestones = with_urls(
        plan, attach_resources(plan, list(plan.milestones.with_overdue()))
    )
    options = _status_options()
    last = len(milestones) - 1
    for index, milestone in enumerate(milestones):
        milestone.status_options = options[milestone.status]
        milestone.problem = ""
        milestone.can_move_up = index > 0
        milestone.can_move_down = index < last
    return milestones


def detail_context(plan: Plan) -> dict:
    """What the plan page shows; ``plan`` from ``own_plan_page``, or it is
    read again that way."""
    if not hasattr(plan, "guide_latest"):
        plan = guide_changes.with_news(Plan.objects.filter(pk=plan.pk)).get()
    today = timezone.localdate()
    milestones = plan_milestones(plan)
    reviews = list(plan.reviews.all())
    feedback = list(plan.feedback.select_related("milestone", "coach"))
    review_dates = plan.review_dates()
    decided = {r.date for r in reviews}
    return {
        "plan": plan,
        "guide_notices": guide_changes.notices(plans=[plan]),
        "milestones": milestones,
        "progress": plan_progress(milestones),
        "today": today,
        "reviews": reviews,
        "feedback": feedback,
        "unread_feedback": sum(1 for f in feedback if f.read_at is None),
        "next_review": next((d for d in review_dates if d >= today), None),
        "due_reviews": [d for d in review_dates if d <= today and d not in decided],
        "review_dates": review_dates,
        **checkins.pace(plan, milestones, today),
    }


def changed_rows(
    request: HtmxHttpRequest, plan: Plan, *, rows: str, status: int = 200,
    problem: str = "", **context,
) -> HttpResponse:  # fmt: skip
    """After an htmx change: the changed row(s) and, out of band, the plan's
    progress. ``rows`` is which: "row" (``context["pk"]``'s, with ``problem``
    shown in it), "list" (all, after a move) or "none" (after a delete).

    ``focus`` (a milestone's id) puts keyboard focus on that row's heading
    once swapped in, as the control that was used is gone; ``notice`` or
    ``undo`` fill the milestones' notice, which is read out."""
    milestones = plan_milestones(plan)
    context = {
        "plan": plan,
        "milestones": milestones,
        "progress": plan_progress(milestones),
        "oob": True,
        **context,
    }
    html = ""
    if rows == "row":
        context["m"] = next(m for m in milestones if m.pk == context["pk"])
        context["m"].problem = problem
        html = render_to_string(f"{DETAIL}#milestone-row", context, request)
    elif rows == "list":
        html = render_to_string(f"{DETAIL}#milestone-rows", context, request)
    html += render_to_string(f"{DETAIL}#progress", context, request)
    if context.get("notice") or context.get("undo"):
        html += render_to_string(f"{DETAIL}#milestone-notice", context, request)
    return HttpResponse(html, status=status)


def row_changed(
    request: HtmxHttpRequest, milestone: Milestone, **context
) -> HttpResponse:
    """The milestone's new row in place of whatever the request targeted (the
    row itself, or its open editor)."""
    response = changed_rows(request, milestone.plan, rows="row", pk=milestone.pk,
                            **context)  # fmt: skip
    return reswap(retarget(response, f"#milestone-{milestone.pk}"), "outerHTML")


def after_change(
    request: HtmxHttpRequest, milestone: Milestone, message: str, *,
    focus_heading: bool = True,
) -> HttpResponse:  # fmt: skip
    """The changed row for htmx (focus on its heading, unless the control
    used is still there), else back to the row on the plan page."""
    if wants_fragment(request):
        focus = milestone.pk if focus_heading else None
        return row_changed(request, milestone, focus=focus)
    messages.success(request, message)
    return see_other(f"{milestone.plan.get_absolute_url()}#milestone-{milestone.pk}")


def refuse(
    request: HtmxHttpRequest, plan: Plan, message: str, *, status: int = 400,
    problems: dict[int, str] | None = None, **context,
) -> HttpResponse:  # fmt: skip
    """The plan page again, with why the change was refused: in a message, in
    the failed form (``context``), and in the rows concerned (``problems``)."""
    messages.error(request, message)
    context = {**detail_context(plan), **context}
    for milestone in context["milestones"]:
        milestone.problem = (problems or {}).get(milestone.pk, "")
    return render(request, DETAIL, context, status=status)


def plan_editor(
    request: HtmxHttpRequest, template: str, plan: Plan, status: int = 200,
    **context,
) -> HttpResponse:  # fmt: skip
    """A form opened on demand: alone for htmx (fetched into the plan page),
    else its own page with the same form."""
    in_row = wants_fragment(request)
    context = {"plan": plan, "in_row": in_row, **context}
    form = context.get("form")
    if form is not None and form.is_bound and form.errors:
        focus_first_error(form)
    if in_row:
        template += "#editor"
    return render(request, template, context, status=status)


def editor(
    request: HtmxHttpRequest, template: str, milestone: Milestone, status: int = 200,
    **context,
) -> HttpResponse:  # fmt: skip
    """A milestone's editor, opened inside its row or on its own page."""
    return plan_editor(
        request, template, milestone.plan, status, milestone=milestone, **context
    )
