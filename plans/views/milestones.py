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
    after_change,
    changed_rows,
    editor,
    own_milestone,
    own_plan,
    plan_editor,
    refuse,
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


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_move(
    request: HtmxHttpRequest, pk: int, milestone_pk: int
) -> HttpResponse:
    milestone = own_milestone(request, pk, milestone_pk)
    template = "plans/milestone_move.html"
    if request.method != "POST":
        return editor(request, template, milestone)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return editor(request, template, milestone, status=400,
                      error="Move a milestone up or down.")  # fmt: skip
    services.move_milestone(milestone=milestone, direction=direction)
    if wants_fragment(request):
        response = changed_rows(request, milestone.plan, rows="list")
        return reswap(retarget(response, "#milestone-list"), "innerHTML")
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
    milestone = services.add_milestone(plan=plan, **form.cleaned_data)
    messages.success(request, f"Added “{milestone.title}”.")
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
    services.delete_milestone(milestone=milestone)
    if wants_fragment(request):
        response = changed_rows(request, milestone.plan, rows="none")
        return reswap(retarget(response, f"#milestone-{milestone_pk}"), "outerHTML")
    messages.success(request, f"Deleted “{milestone.title}”.")
    return see_other(milestone.plan)
