from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from accounts.decorators import member_required
from assessments.models import Assessment
from config.http import HtmxHttpRequest, id_in_range, posted, see_other
from guides.models import Guide

from .. import choice, services
from ..calendar import plan_calendar
from ..forms import PlanCreateForm, PlanSettingsForm
from ..models import Plan, PlanTemplate
from .page import (
    DETAIL,
    detail_context,
    own_plan,
    own_plan_page,
    pending_undo,
    refuse,
)


@member_required
@require_safe
def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    plans = Plan.objects.for_member(request.user).with_progress()
    return render(request, "plans/plan_list.html", {"plans": plans})


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_new(request: HtmxHttpRequest) -> HttpResponse:
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
        towards = str(request.GET.get("towards") or request.POST.get("towards"))
        chosen = choice.choose(
            assessment,
            member_role=request.user.current_role,
            towards_id=(
                int(towards)
                if towards.isdigit() and id_in_range(int(towards))
                else None
            ),
        )
        template = chosen.template
    else:
        template = None
    if template is None:
        # On the page, not as a message: a message in the session is a write.
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


@member_required
@require_safe
def plan_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = own_plan_page(request, pk)
    context = detail_context(plan)
    context["undo"] = pending_undo(request, plan)
    return render(request, DETAIL, context)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_settings(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = own_plan(request, pk)
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
def plan_reschedule(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = own_plan(request, pk)
    try:
        services.reschedule(plan=plan)
    except services.Infeasible as error:
        return refuse(
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
@require_safe
def plan_calendar_ics(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = own_plan(request, pk)
    response = HttpResponse(
        plan_calendar(plan, request.build_absolute_uri(plan.get_absolute_url())),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.ics"'
    return response


@member_required
@require_safe
def plan_evidence(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = own_plan(request, pk)
    milestones = [m for m in plan.milestones.all() if m.evidence_url]
    return render(request, "plans/plan_evidence.html",
                  {"plan": plan, "milestones": milestones})  # fmt: skip
