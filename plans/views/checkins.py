"""Weekly check-ins and the plan's private calendar feed."""

import re

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from accounts.decorators import member_required
from config.http import posted, see_other

from ..calendar import plan_feed
from ..checkins import CheckInForm, record_checkin, rotate_feed
from ..models import CalendarFeed, Plan, week_of

CHECKIN = "plans/checkin.html"
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _own_plan(request, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.for_member(request.user), pk=pk)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def checkin(request, pk: int) -> HttpResponse:
    """This week's check-in: asked on the dashboard, or on its own page. With
    htmx the dashboard card is swapped for its thanks (or its errors)."""
    plan = _own_plan(request, pk)
    week = week_of(timezone.localdate())
    current = plan.checkins.filter(week=week).first()
    initial = (
        {"hours": current.hours, "blocker": current.blocker,
         "confidence": current.confidence} if current else None
    )  # fmt: skip
    form = CheckInForm(posted(request), initial=initial)
    fragment = bool(request.htmx) and not request.htmx.boosted
    context = {"plan": plan, "checkin_form": form, "week": week, "current": current}
    if request.method == "POST":
        if not form.is_valid():
            template = f"{CHECKIN}#card" if fragment else CHECKIN
            return render(request, template, context, status=400)
        context["current"] = record_checkin(plan=plan, **form.cleaned_data)
        context["saved"] = True
        if fragment:
            return render(request, f"{CHECKIN}#card", context)
        messages.success(request, "Check-in saved. Thank you.")
        return see_other(f"{plan.get_absolute_url()}#pace")
    return render(request, CHECKIN, context)


@member_required
@require_POST
def feed_rotate(request, pk: int) -> HttpResponse:
    """A new private feed address; the old one answers 404 from now on."""
    plan = _own_plan(request, pk)
    rotate_feed(plan=plan)
    messages.success(
        request,
        "Your calendar has a new private address. Subscribe to it in your "
        "calendar app; the old address no longer works.",
    )
    return see_other(f"{reverse('plans:settings', args=[plan.pk])}#feed")


@require_safe
def feed(request, token: str) -> HttpResponse:
    """The subscribable calendar: the token is the only key, it signs no one
    in, and a wrong or revoked token is a 404 like any unknown address."""
    # Only what ``secrets.token_urlsafe`` makes reaches the database: a NUL
    # or an overlong token would be a 500 on PostgreSQL instead of a 404.
    found = (
        CalendarFeed.objects.select_related("plan").filter(token=token).first()
        if TOKEN.fullmatch(token)
        else None
    )
    if found is None:
        raise Http404
    plan = found.plan
    body = plan_feed(
        plan,
        request.build_absolute_uri(plan.get_absolute_url()),
        request.build_absolute_uri(reverse("plans:checkin", args=[plan.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
