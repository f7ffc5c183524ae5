from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from accounts.decorators import member_required
from assessments.models import Assessment
from config.http import posted, see_other
from guides.models import Guide

from . import checkins, services
from .calendar import plan_calendar
from .forms import (
    MilestoneDetailsForm,
    MilestoneEditForm,
    MilestoneForm,
    MilestoneStatusForm,
    PlanCreateForm,
    PlanSettingsForm,
    ReviewForm,
)
from .models import Milestone, Plan, PlanTemplate
from .progress import plan_progress

DETAIL = "plans/plan_detail.html"


def _wants_fragment(request) -> bool:
    return bool(request.htmx) and not request.htmx.boosted


def _own_plan(request, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.for_member(request.user), pk=pk)


def _own_milestone(request, pk: int, milestone_pk: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.for_member(request.user).select_related("plan"),
        pk=milestone_pk,
        plan_id=pk,
    )


@member_required
@require_safe
def plan_list(request) -> HttpResponse:
    plans = Plan.objects.for_member(request.user).with_progress()
    return render(request, "plans/plan_list.html", {"plans": plans})


def _template_for_assessment(assessment: Assessment) -> PlanTemplate | None:
    """The guide's path from the member's role then to the role they lean to."""
    leaning = assessment.result["leaning_role"]
    if leaning is None:
        return None
    templates = PlanTemplate.objects.with_roles().filter(
        guide_id=assessment.guide_id, to_role_id=leaning["id"]
    )
    if assessment.current_role_id:
        exact = templates.filter(from_role_id=assessment.current_role_id).first()
        if exact:
            return exact
    return templates.first()


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_new(request) -> HttpResponse:
    """Choose a direction (or take it from a result), then set the pace."""
    source = request.GET.get("assessment") or request.POST.get("assessment")
    assessment = None
    if source:
        assessment = get_object_or_404(
            Assessment.objects.for_member(request.user).completed(),
            pk=source if str(source).isdigit() else 0,
        )
    template_id = request.GET.get("template") or request.POST.get("template")
    templates = PlanTemplate.objects.with_roles().filter(
        guide__in=Guide.objects.published()
    )
    if template_id:
        template = get_object_or_404(
            templates, pk=template_id if str(template_id).isdigit() else 0
        )
    elif assessment is not None:
        template = _template_for_assessment(assessment)
    else:
        template = None
    if template is None:
        # On the page, not as a message: a message in the session is a write.
        return render(
            request,
            "plans/plan_choose.html",
            {"templates": templates, "assessment": assessment},
        )
    form = PlanCreateForm(
        posted(request),
        template=template,
        initial={"title": template.title, "start_date": timezone.localdate(),
                 "weekly_hours": 6, "review_interval_weeks": 4},
    )  # fmt: skip
    context = {"form": form, "template": template, "assessment": assessment}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "plans/plan_new.html", context, status=400)
        data = form.cleaned_data
        target = data["target_date"]
        if request.POST.get("use_earliest"):
            target = None
        try:
            plan = services.create_plan(
                member=request.user,
                template=template,
                title=data["title"],
                start_date=data["start_date"],
                target_date=target,
                weekly_hours=data["weekly_hours"],
                review_interval_weeks=data["review_interval_weeks"],
                already_done=form.already_done(),
                source_assessment=assessment,
            )
        except services.Infeasible as error:
            context["earliest"] = error.earliest
            form.add_error(
                "target_date",
                f"At {data['weekly_hours']} hours a week the open milestones need "
                f"until {error.earliest:%-d %B %Y}. Choose a later date, more hours, "
                "or use the earliest date.",
            )
            return render(request, "plans/plan_new.html", context, status=400)
        messages.success(request, "Your plan is ready. The next milestone is first.")
        return see_other(plan)
    return render(request, "plans/plan_new.html", context)


MILESTONE_ACTIONS = ["status", "details", "move", "edit", "delete"]
STATUS_CHOICES = Milestone.Status.choices


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


def _milestones(plan: Plan) -> list[Milestone]:
    milestones = with_urls(plan, list(plan.milestones.with_overdue().with_resources()))
    options = _status_options()
    for milestone in milestones:
        milestone.status_options = options[milestone.status]
        milestone.problem = ""
    return milestones


def _detail_context(plan: Plan) -> dict:
    today = timezone.localdate()
    milestones = _milestones(plan)
    reviews = list(plan.reviews.all())
    feedback = list(plan.feedback.select_related("milestone", "coach"))
    review_dates = plan.review_dates()
    decided = {r.date for r in reviews}
    return {
        "plan": plan,
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


@member_required
@require_safe
def plan_detail(request, pk: int) -> HttpResponse:
    plan = _own_plan(request, pk)
    return render(request, DETAIL, _detail_context(plan))


def _changed_rows(
    request, plan: Plan, *, rows: str, status: int = 200, problem: str = "",
    **context,
) -> HttpResponse:  # fmt: skip
    """After an htmx change: the changed row(s) and, out of band, the plan's
    progress. ``rows`` is which: "row" (``context["pk"]``'s, with ``problem``
    shown in it), "list" (all, after a move) or "none" (after a delete)."""
    milestones = _milestones(plan)
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
    return HttpResponse(html, status=status)


def _row_changed(request, milestone: Milestone, **context) -> HttpResponse:
    """The milestone's new row in place of whatever the request targeted (the
    row itself, or its open editor)."""
    response = _changed_rows(request, milestone.plan, rows="row", pk=milestone.pk,
                             **context)  # fmt: skip
    return reswap(retarget(response, f"#milestone-{milestone.pk}"), "outerHTML")


CONFLICT_MESSAGE = (
    "This milestone was changed elsewhere (another tab or device) after you "
    "opened it. Here is its latest state: please make your change again."
)


def _refuse(
    request, plan: Plan, message: str, *, status: int = 400,
    problems: dict[int, str] | None = None, **context,
) -> HttpResponse:  # fmt: skip
    """The plan page again, with why the change was refused: in a message, in
    the failed form (``context``), and in the rows concerned (``problems``)."""
    messages.error(request, message)
    context = {**_detail_context(plan), **context}
    for milestone in context["milestones"]:
        milestone.problem = (problems or {}).get(milestone.pk, "")
    return render(request, DETAIL, context, status=status)


def _after_change(request, milestone: Milestone, message: str) -> HttpResponse:
    if _wants_fragment(request):
        return _row_changed(request, milestone)
    messages.success(request, message)
    return see_other(f"{milestone.plan.get_absolute_url()}#milestone-{milestone.pk}")


def _plan_editor(
    request, template: str, plan: Plan, status: int = 200, **context
) -> HttpResponse:
    """A form opened on demand: alone for htmx (fetched into the plan page),
    else its own page with the same form."""
    in_row = _wants_fragment(request)
    context = {"plan": plan, "in_row": in_row, **context}
    if in_row:
        template += "#editor"
    return render(request, template, context, status=status)


def _editor(
    request, template: str, milestone: Milestone, status: int = 200, **context
) -> HttpResponse:
    """A milestone's editor, opened inside its row or on its own page."""
    return _plan_editor(
        request, template, milestone.plan, status, milestone=milestone, **context
    )


@member_required
@require_POST
@vary_on_headers("HX-Request")
def milestone_status(request, pk: int, milestone_pk: int) -> HttpResponse:
    """The one form each row carries."""
    milestone = _own_milestone(request, pk, milestone_pk)
    form = MilestoneStatusForm(request.POST)
    if form.is_valid():
        try:
            milestone = services.update_milestone(
                milestone=milestone,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
            )
        except services.Conflict:
            if _wants_fragment(request):
                return _row_changed(request, milestone, status=409,
                                    problem=CONFLICT_MESSAGE)  # fmt: skip
            return _refuse(request, milestone.plan, CONFLICT_MESSAGE, status=409,
                           problems={milestone.pk: CONFLICT_MESSAGE})  # fmt: skip
        return _after_change(
            request,
            milestone,
            f"“{milestone.title}” is now {milestone.get_status_display().lower()}.",
        )
    if _wants_fragment(request):
        return _row_changed(request, milestone, status=400, problem=_errors(form))
    return _refuse(
        request, milestone.plan, "That change was not saved: please correct it below.",
        problems={milestone.pk: _errors(form)},
    )  # fmt: skip


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


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
def milestone_details(request, pk: int, milestone_pk: int) -> HttpResponse:
    """Notes and evidence: opened on demand in the row, or on their own page."""
    milestone = _own_milestone(request, pk, milestone_pk)
    template = "plans/milestone_details.html"
    form = _details_form(milestone, posted(request))
    if request.method != "POST":
        return _editor(request, template, milestone, form=form)
    if not form.is_valid():
        return _editor(request, template, milestone, status=400, form=form)
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
        return _editor(request, template, milestone, status=409, form=form,
                       conflict=CONFLICT_MESSAGE)  # fmt: skip
    return _after_change(request, milestone, "Notes and evidence saved.")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_move(request, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = _own_milestone(request, pk, milestone_pk)
    template = "plans/milestone_move.html"
    if request.method != "POST":
        return _editor(request, template, milestone)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return _editor(request, template, milestone, status=400,
                       error="Move a milestone up or down.")  # fmt: skip
    services.move_milestone(milestone=milestone, direction=direction)
    if _wants_fragment(request):
        response = _changed_rows(request, milestone.plan, rows="list")
        return reswap(retarget(response, "#milestone-list"), "innerHTML")
    return see_other(f"{milestone.plan.get_absolute_url()}#milestone-{milestone.pk}")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_add(request, pk: int) -> HttpResponse:
    """The add form: opened on demand under the list, or on its own page; it
    posts normally either way."""
    plan = _own_plan(request, pk)
    template = "plans/milestone_add.html"
    form = MilestoneForm(posted(request), auto_id="add-%s")
    if request.method != "POST":
        return _plan_editor(request, template, plan, form=form)
    if not form.is_valid():
        return _plan_editor(request, template, plan, status=400, form=form)
    milestone = services.add_milestone(plan=plan, **form.cleaned_data)
    messages.success(request, f"Added “{milestone.title}”.")
    return see_other(f"{plan.get_absolute_url()}#milestone-{milestone.pk}")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_edit(request, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = _own_milestone(request, pk, milestone_pk)
    template = "plans/milestone_edit.html"
    initial = {"version": milestone.version}
    form = MilestoneEditForm(posted(request), instance=milestone, initial=initial,
                             auto_id=f"m{milestone.pk}-edit-%s")  # fmt: skip
    if request.method != "POST":
        return _editor(request, template, milestone, form=form)
    if not form.is_valid():
        return _editor(request, template, milestone, status=400, form=form)
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
        return _editor(request, template, milestone, status=409, form=form)
    return _after_change(request, milestone, "Milestone saved.")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def milestone_delete(request, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = _own_milestone(request, pk, milestone_pk)
    if request.method != "POST":
        return _editor(request, "plans/milestone_delete.html", milestone)
    services.delete_milestone(milestone=milestone)
    if _wants_fragment(request):
        response = _changed_rows(request, milestone.plan, rows="none")
        return reswap(retarget(response, f"#milestone-{milestone_pk}"), "outerHTML")
    messages.success(request, f"Deleted “{milestone.title}”.")
    return see_other(milestone.plan)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_settings(request, pk: int) -> HttpResponse:
    plan = _own_plan(request, pk)
    form = PlanSettingsForm(posted(request), instance=plan)
    context = {"plan": plan, "form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "plans/plan_settings.html", context, status=400)
        try:
            services.update_plan_settings(plan=plan, **form.cleaned_data)
        except services.Infeasible as error:
            plan.refresh_from_db()
            form.add_error(
                "target_date",
                f"The open milestones need until {error.earliest:%-d %B %Y} at "
                f"{form.cleaned_data['weekly_hours']} hours a week. Choose a later "
                "date or more hours; nothing was changed.",
            )
            return render(request, "plans/plan_settings.html", context, status=400)
        messages.success(request, "Plan updated and open milestones rescheduled.")
        return see_other(plan)
    return render(request, "plans/plan_settings.html", context)


@member_required
@require_POST
def plan_reschedule(request, pk: int) -> HttpResponse:
    plan = _own_plan(request, pk)
    try:
        services.reschedule(plan=plan)
    except services.Infeasible as error:
        return _refuse(
            request,
            plan,
            f"The open milestones no longer fit before {plan.target_date:%-d %B %Y}: "
            f"at {plan.weekly_hours} hours a week they need until "
            f"{error.earliest:%-d %B %Y}. Change the target date or weekly hours.",
            status=409,
        )
    messages.success(request, "Open milestones rescheduled from today.")
    return see_other(plan)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def review_add(request, pk: int) -> HttpResponse:
    """The review form: opened on demand in the reviews section, or on its own
    page; it posts normally either way."""
    plan = _own_plan(request, pk)
    template = "plans/review_add.html"
    form = ReviewForm(posted(request), auto_id="review-%s")
    if request.method != "POST":
        return _plan_editor(request, template, plan, form=form)
    if not form.is_valid():
        return _plan_editor(request, template, plan, status=400, form=form)
    review = services.record_review(plan=plan, **form.cleaned_data)
    messages.success(request, f"Review recorded: {review.get_decision_display()}.")
    return see_other(f"{plan.get_absolute_url()}#reviews")


@member_required
@require_safe
def plan_calendar_ics(request, pk: int) -> HttpResponse:
    plan = _own_plan(request, pk)
    response = HttpResponse(
        plan_calendar(plan, request.build_absolute_uri(plan.get_absolute_url())),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.ics"'
    return response


@member_required
@require_safe
def plan_evidence(request, pk: int) -> HttpResponse:
    plan = _own_plan(request, pk)
    milestones = [m for m in plan.milestones.all() if m.evidence_url]
    return render(request, "plans/plan_evidence.html",
                  {"plan": plan, "milestones": milestones})  # fmt: skip
