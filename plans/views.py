import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from accounts import revisions
from accounts.decorators import member_required
from assessments.models import Assessment
from coaching.models import CoachFeedback
from config import fragments
from config.http import posted, see_other
from guides.models import Guide

from . import choice, services
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
    chosen = None
    if template_id:
        template = get_object_or_404(
            templates, pk=template_id if str(template_id).isdigit() else 0
        )
    elif assessment is not None:
        towards = request.GET.get("towards") or request.POST.get("towards")
        chosen = choice.choose(
            assessment,
            member_role=request.user.current_role,
            towards_id=int(towards) if str(towards).isdigit() else None,
        )
        template = chosen.template
    else:
        template = None
    if template is None:
        context = {"templates": templates, "assessment": assessment, "choice": chosen}
        if chosen is not None:
            context["templates"] = chosen.templates
        return render(request, "plans/plan_choose.html", context)
    form = PlanCreateForm(
        posted(request),
        template=template,
        initial={"title": template.title, "start_date": timezone.localdate(),
                 "weekly_hours": 6, "review_interval_weeks": 4},
    )  # fmt: skip
    context = {"form": form, "template": template, "assessment": assessment,
               "choice": chosen}  # fmt: skip
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


def _render_rows(milestones: list[Milestone], today: dt.date) -> None:
    """Give each milestone its row's HTML, cached until the milestone changes
    (every write bumps its version) or the day does (overdue marks)."""

    def render_row(m: Milestone, csrf_token) -> str:
        context = {"m": m, "status_choices": STATUS_CHOICES, "csrf_token": csrf_token}
        return render_to_string(f"{DETAIL}#milestone-row", context)

    rows = fragments.render_many(
        milestones,
        template_name=DETAIL,
        key=lambda m: (m.pk, m.version, m.updated_at.timestamp(), today),
        render=render_row,
    )
    for milestone, html in zip(milestones, rows, strict=True):
        milestone.row_html = html


def _blank_forms(plan: Plan) -> dict[str, str]:
    """The empty add-milestone and review forms, rendered once per plan and
    cached: form rendering was a quarter of the page's time."""

    def render_form(name: str, csrf_token) -> str:
        context = {"plan": plan, "add_form": MilestoneForm(),
                   "review_form": ReviewForm(), "csrf_token": csrf_token}  # fmt: skip
        return render_to_string(f"{DETAIL}#{name}-form", context)

    names = ["add", "review"]
    html = fragments.render_many(
        names,
        template_name=DETAIL,
        key=lambda name: (name, plan.pk),
        render=render_form,
    )
    return dict(zip(names, html, strict=True))


def _detail_context(plan: Plan) -> dict:
    today = timezone.localdate()
    milestones = with_urls(plan, list(plan.milestones.with_resources()))
    _render_rows(milestones, today)
    reviews = list(plan.reviews.all())
    feedback = list(plan.feedback.select_related("milestone", "coach"))
    progress = plan_progress(milestones, today=today)
    review_dates = plan.review_dates()
    decided = {r.date for r in reviews}
    return {
        "plan": plan,
        "milestones": milestones,
        "progress": progress,
        "today": today,
        "reviews": reviews,
        "feedback": feedback,
        "unread_feedback": sum(1 for f in feedback if f.read_at is None),
        "next_review": next((d for d in review_dates if d >= today), None),
        "due_reviews": [d for d in review_dates if d <= today and d not in decided],
        "review_dates": review_dates,
        "status_choices": STATUS_CHOICES,
        "add_form": MilestoneForm(),
        "review_form": ReviewForm(),
        "blank_forms": _blank_forms(plan),
    }


@member_required
@require_safe
def plan_detail(request, pk: int) -> HttpResponse:
    def build(csrf_token) -> dict[str, str]:
        plan = _own_plan(request, pk)
        context = {**_detail_context(plan), "csrf_token": csrf_token}
        body = render_to_string(f"{DETAIL}#body", context, request)
        return {"title": plan.title, "body": body}

    page = fragments.member_page(request, DETAIL, pk, build=build)
    return fragments.render_page(request, page)


def _row_response(
    request,
    milestone: Milestone,
    *,
    status: int = 200,
    status_form=None,
    details_form=None,
    conflict: bool = False,
) -> HttpResponse:
    """The milestone's row plus, out of band, the plan's progress."""
    plan = milestone.plan
    milestones = with_urls(plan, list(plan.milestones.with_resources()))
    milestone = next(m for m in milestones if m.pk == milestone.pk)
    context = {
        "plan": plan,
        "m": milestone,
        "today": timezone.localdate(),
        "status_form": status_form,
        "details_form": details_form,
        "progress": plan_progress(milestones),
        "oob": True,
        "conflict_message": CONFLICT_MESSAGE if conflict else "",
        "status_choices": STATUS_CHOICES,
        "failed_pk": milestone.pk if (status_form or details_form) else None,
    }
    html = render_to_string(f"{DETAIL}#milestone-row", context, request)
    html += render_to_string(f"{DETAIL}#progress", context, request)
    return HttpResponse(html, status=status)


CONFLICT_MESSAGE = (
    "This milestone was changed elsewhere (another tab or device) after you "
    "opened it. Here is its latest state: please make your change again."
)


def _refuse(request, plan: Plan, message: str, *, status: int = 400, **context):
    """The plan page again, with why the change was refused and the failed form."""
    messages.error(request, message)
    return render(request, DETAIL, {**_detail_context(plan), **context}, status=status)


def _conflict(request, milestone: Milestone) -> HttpResponse:
    if _wants_fragment(request):
        milestone.refresh_from_db()
        return _row_response(request, milestone, status=409, conflict=True)
    return _refuse(request, milestone.plan, CONFLICT_MESSAGE, status=409)


def _invalid(request, milestone: Milestone, **forms) -> HttpResponse:
    if _wants_fragment(request):
        return _row_response(request, milestone, status=400, **forms)
    return _refuse(
        request, milestone.plan, "That change was not saved: please correct it below.",
        failed_pk=milestone.pk, **forms,
    )  # fmt: skip


def _after_change(request, milestone: Milestone, message: str) -> HttpResponse:
    if _wants_fragment(request):
        return _row_response(request, milestone)
    messages.success(request, message)
    return see_other(f"{milestone.plan.get_absolute_url()}#milestone-{milestone.pk}")


@member_required
@require_POST
@vary_on_headers("HX-Request")
def milestone_status(request, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = _own_milestone(request, pk, milestone_pk)
    form = MilestoneStatusForm(request.POST)
    if not form.is_valid():
        return _invalid(request, milestone, status_form=form)
    try:
        milestone = services.update_milestone(
            milestone=milestone,
            version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
        )
    except services.Conflict:
        return _conflict(request, milestone)
    return _after_change(
        request,
        milestone,
        f"“{milestone.title}” is now {milestone.get_status_display().lower()}.",
    )


@member_required
@require_POST
@vary_on_headers("HX-Request")
def milestone_details(request, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = _own_milestone(request, pk, milestone_pk)
    form = MilestoneDetailsForm(request.POST)
    if not form.is_valid():
        return _invalid(request, milestone, details_form=form)
    try:
        milestone = services.update_milestone(
            milestone=milestone,
            version=form.cleaned_data["version"],
            notes=form.cleaned_data["notes"],
            evidence_url=form.cleaned_data["evidence_url"],
        )
    except services.Conflict:
        return _conflict(request, milestone)
    return _after_change(request, milestone, "Notes and evidence saved.")


@member_required
@require_POST
def milestone_move(request, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = _own_milestone(request, pk, milestone_pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return _refuse(request, milestone.plan, "Move a milestone up or down.")
    services.move_milestone(milestone=milestone, direction=direction)
    return see_other(f"{milestone.plan.get_absolute_url()}#milestone-{milestone.pk}")


@member_required
@require_POST
def milestone_add(request, pk: int) -> HttpResponse:
    plan = _own_plan(request, pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return _refuse(
            request, plan, "The milestone was not added: please correct it below.",
            add_form=form,
        )  # fmt: skip
    milestone = services.add_milestone(plan=plan, **form.cleaned_data)
    messages.success(request, f"Added “{milestone.title}”.")
    return see_other(f"{plan.get_absolute_url()}#milestone-{milestone.pk}")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_edit(request, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = _own_milestone(request, pk, milestone_pk)
    initial = {"version": milestone.version}
    form = MilestoneEditForm(posted(request), instance=milestone, initial=initial)
    context = {"plan": milestone.plan, "milestone": milestone, "form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "plans/milestone_edit.html", context, status=400)
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if data["due_date"] is None:
            data["due_date"] = milestone.plan.target_date
        try:
            services.update_milestone(milestone=milestone, version=version, **data)
        except services.Conflict:
            form.add_error(
                None,
                "This milestone was changed elsewhere after you opened it. "
                "Reload the page to see the latest version.",
            )
            return render(request, "plans/milestone_edit.html", context, status=409)
        messages.success(request, "Milestone saved.")
        return see_other(
            f"{milestone.plan.get_absolute_url()}#milestone-{milestone.pk}"
        )
    return render(request, "plans/milestone_edit.html", context)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_delete(request, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = _own_milestone(request, pk, milestone_pk)
    if request.method == "POST":
        services.delete_milestone(milestone=milestone)
        messages.success(request, f"Deleted “{milestone.title}”.")
        return see_other(milestone.plan)
    return render(request, "plans/milestone_delete.html",
                  {"plan": milestone.plan, "milestone": milestone})  # fmt: skip


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
@require_POST
def review_add(request, pk: int) -> HttpResponse:
    plan = _own_plan(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _refuse(
            request, plan, "The review was not saved: please choose a decision.",
            review_form=form,
        )  # fmt: skip
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


@member_required
@require_safe
def feedback_detail(request, pk: int, feedback_pk: int) -> HttpResponse:
    """One piece of coach feedback; opening it marks it read."""
    feedback = get_object_or_404(
        CoachFeedback.objects.for_member(request.user).select_related(
            "plan", "milestone", "coach"
        ),
        pk=feedback_pk,
        plan_id=pk,
    )
    if feedback.read_at is None:
        feedback.read_at = timezone.now()
        CoachFeedback.objects.filter(pk=feedback.pk).update(read_at=feedback.read_at)
        revisions.bump(request.user.pk)
    return render(request, "plans/feedback_detail.html", {"feedback": feedback})
