from django.contrib import messages
from django.http import HttpResponse
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from accounts.decorators import member_required
from config.http import HtmxHttpRequest, posted, see_other, wants_fragment

from .. import services
from ..forms import (
    MilestoneDetailsForm,
    MilestoneEditForm,
    MilestoneForm,
    MilestoneStatusForm,
)
from ..models import Milestone
from .page import (
    CONFLICT_MESSAGE,
    UNDO_KEY,
    after_change,
    changed_rows,
    editor,
    own_milestone,
    own_plan,
    pending_undo,
    plan_editor,
    refuse,
    remember_deleted,
    row_changed,
)


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@member_required
@require_POST
@vary_on_headers("HX-Request")
def milestone_status(
    request: HtmxHttpRequest, pk: int, milestone_pk: int
) -> HttpResponse:
    """The one form each row carries."""
    milestone = own_milestone(request, pk, milestone_pk)
    form = MilestoneStatusForm(request.POST)
    if form.is_valid():
        try:
            milestone = services.update_milestone(
                milestone=milestone,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
            )
        except services.Conflict:
            if wants_fragment(request):
                return row_changed(request, milestone, status=409,
                                   problem=CONFLICT_MESSAGE)  # fmt: skip
            return refuse(request, milestone.plan, CONFLICT_MESSAGE, status=409,
                          problems={milestone.pk: CONFLICT_MESSAGE})  # fmt: skip
        return after_change(
            request,
            milestone,
            f"“{milestone.title}” is now {milestone.get_status_display().lower()}.",
            focus_heading=False,  # the select or button used is swapped back
        )
    if wants_fragment(request):
        return row_changed(request, milestone, status=400, problem=_errors(form))
    return refuse(
        request, milestone.plan, "That change was not saved: please correct it below.",
        problems={milestone.pk: _errors(form)},
    )  # fmt: skip


def _details_form(milestone: Milestone, data=None) -> MilestoneDetailsForm:
    return MilestoneDetailsForm(
        data,
        auto_id=f"m{milestone.pk}-%s",
        initial={"version": milestone.version, "notes": milestone.notes,
                 "evidence_url": milestone.evidence_url},
    )  # fmt: skip


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_details(
    request: HtmxHttpRequest, pk: int, milestone_pk: int
) -> HttpResponse:
    """Notes and evidence: opened on demand in the row, or on their own page."""
    milestone = own_milestone(request, pk, milestone_pk)
    template = "plans/milestone_details.html"
    form = _details_form(milestone, posted(request))
    if request.method != "POST":
        return editor(request, template, milestone, form=form)
    if not form.is_valid():
        return editor(request, template, milestone, status=400, form=form)
    try:
        milestone = services.update_milestone(
            milestone=milestone,
            version=form.cleaned_data["version"],
            notes=form.cleaned_data["notes"],
            evidence_url=form.cleaned_data["evidence_url"],
        )
    except services.Conflict:
        milestone.refresh_from_db()
        form = _details_form(milestone)
        return editor(request, template, milestone, status=409, form=form,
                      conflict=CONFLICT_MESSAGE)  # fmt: skip
    return after_change(request, milestone, "Notes and evidence saved.")


def _moved_message(milestone: Milestone, direction: str, rescheduled: bool) -> str:
    if rescheduled:
        return (f"Moved “{milestone.title}” {direction}; the open milestones' due "
                "dates now follow the new order.")  # fmt: skip
    return (f"Moved “{milestone.title}” {direction}. Its due dates were left as "
            "they were: the open milestones no longer fit before the target date "
            "at this pace, so change the pace or the target date.")  # fmt: skip


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_move(
    request: HtmxHttpRequest, pk: int, milestone_pk: int
) -> HttpResponse:
    """Up or down, as far as there is a neighbour; the open milestones are
    rescheduled to follow the new order."""
    milestone = own_milestone(request, pk, milestone_pk)
    template = "plans/milestone_move.html"
    order = list(milestone.plan.milestones.values_list("pk", flat=True))
    offered = {"up": order[0] != milestone.pk, "down": order[-1] != milestone.pk}
    if request.method != "POST":
        return editor(request, template, milestone, offered=offered)
    direction = request.POST.get("direction")
    if not offered.get(direction):
        error = "Move a milestone up or down."
        if direction in offered:
            error = f"It is already {'first' if direction == 'up' else 'last'}."
        return editor(request, template, milestone, status=400, error=error,
                      offered=offered)  # fmt: skip
    moved = services.move_milestone(milestone=milestone, direction=direction)
    message = _moved_message(milestone, direction, moved.rescheduled)
    if wants_fragment(request):
        response = changed_rows(request, milestone.plan, rows="list",
                                focus=milestone.pk, notice=message)  # fmt: skip
        return reswap(retarget(response, "#milestone-list"), "innerHTML")
    messages.success(request, message)
    return see_other(f"{milestone.plan.get_absolute_url()}#milestone-{milestone.pk}")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The add form: opened on demand under the list, or on its own page; it
    posts normally either way."""
    plan = own_plan(request, pk)
    template = "plans/milestone_add.html"
    form = MilestoneForm(posted(request), auto_id="add-%s")
    if request.method != "POST":
        return plan_editor(request, template, plan, form=form)
    if not form.is_valid():
        return plan_editor(request, template, plan, status=400, form=form)
    target = plan.target_date
    milestone = services.add_milestone(plan=plan, **form.cleaned_data)
    message = f"Added “{milestone.title}”, due {milestone.due_date:%-d %B %Y}."
    if milestone.plan.target_date != target:
        message += (" To make room for it the plan's target date moves to "
                    f"{milestone.plan.target_date:%-d %B %Y}.")  # fmt: skip
    messages.success(request, message)
    return see_other(f"{plan.get_absolute_url()}#milestone-{milestone.pk}")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_edit(
    request: HtmxHttpRequest, pk: int, milestone_pk: int
) -> HttpResponse:
    milestone = own_milestone(request, pk, milestone_pk)
    template = "plans/milestone_edit.html"
    initial = {"version": milestone.version}
    form = MilestoneEditForm(posted(request), instance=milestone, initial=initial,
                             auto_id=f"m{milestone.pk}-edit-%s")  # fmt: skip
    if request.method != "POST":
        return editor(request, template, milestone, form=form)
    if not form.is_valid():
        return editor(request, template, milestone, status=400, form=form)
    data = dict(form.cleaned_data)
    version = data.pop("version")
    if data["due_date"] is None:
        data["due_date"] = milestone.plan.target_date
    try:
        milestone = services.update_milestone(
            milestone=milestone, version=version, **data
        )
    except services.Conflict:
        form.add_error(
            None,
            "This milestone was changed elsewhere after you opened it. "
            "Reload the page to see the latest version.",
        )
        return editor(request, template, milestone, status=409, form=form)
    return after_change(request, milestone, "Milestone saved.")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_delete(
    request: HtmxHttpRequest, pk: int, milestone_pk: int
) -> HttpResponse:
    milestone = own_milestone(request, pk, milestone_pk)
    if request.method != "POST":
        return editor(request, "plans/milestone_delete.html", milestone)
    snapshot = services.delete_milestone(milestone=milestone)
    undo = remember_deleted(request, milestone, snapshot)
    if wants_fragment(request):
        response = changed_rows(request, milestone.plan, rows="none", undo=undo)
        return reswap(retarget(response, f"#milestone-{milestone_pk}"), "outerHTML")
    # The plan page shows what was deleted with its Undo button.
    return see_other(f"{milestone.plan.get_absolute_url()}#milestone-notice")


@member_required
@require_POST
def milestone_restore(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Undo the latest delete: the milestone comes back as it was."""
    plan = own_plan(request, pk)
    undo = pending_undo(request, plan)
    if undo is None:
        return refuse(request, plan, "There is no deleted milestone to restore "
                      "any more.", status=409)  # fmt: skip
    milestone = services.restore_milestone(plan=plan, snapshot=undo["snapshot"])
    del request.session[UNDO_KEY]
    messages.success(request, f"Restored “{milestone.title}”.")
    return see_other(f"{plan.get_absolute_url()}#milestone-{milestone.pk}")
