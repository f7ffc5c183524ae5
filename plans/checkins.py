"""Weekly check-ins and the private calendar feed: their form, their writes
(service functions) and the pace figures a plan page shows.

Kept beside ``services.py`` rather than in it so these features stay in their
own module.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django import forms
from django.db import transaction
from django.utils import timezone

from config.validators import single_line

from .burnup import BurnUp, burn_up
from .forecast import Forecast, forecast
from .models import CalendarFeed, CheckIn, Milestone, Plan, week_of

CONFIDENCE_CHOICES = [
    (1, "1 — not at all"),
    (2, "2"),
    (3, "3 — fairly"),
    (4, "4"),
    (5, "5 — very"),
]


class CheckInForm(forms.Form):
    hours = forms.IntegerField(
        label="Hours spent on your plan this week",
        min_value=0,
        max_value=100,
        error_messages={"required": "Enter the hours, 0 if none."},
    )
    blocker = forms.CharField(
        label="One thing in your way (optional)",
        required=False,
        max_length=300,
        validators=[single_line],
    )
    confidence = forms.TypedChoiceField(
        label="How confident are you of reaching your target date?",
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how confident you are, 1 to 5."},
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "checkin-%s")
        super().__init__(*args, **kwargs)
        self.fields["hours"].widget.attrs.update({"inputmode": "numeric"})


def record_checkin(
    *,
    plan: Plan,
    hours: int,
    confidence: int,
    blocker: str = "",
    today: dt.date | None = None,
) -> CheckIn:
    """This week's check-in for the plan; answering again the same week
    replaces the answer rather than adding a second one."""
    week = week_of(today or timezone.localdate())
    with transaction.atomic():
        checkin, _ = CheckIn.objects.update_or_create(
            plan=plan,
            week=week,
            defaults={"hours": hours, "confidence": confidence, "blocker": blocker},
        )
    return checkin


def rotate_feed(*, plan: Plan) -> CalendarFeed:
    """Give the plan a new private feed address; the old one stops at once."""
    with transaction.atomic():
        CalendarFeed.objects.filter(plan=plan).delete()
        return CalendarFeed.objects.create(plan=plan, token=secrets.token_urlsafe(32))


def revoke_feed(*, plan: Plan) -> None:
    """Turn the private feed off: its address answers 404 from now on."""
    with transaction.atomic():
        CalendarFeed.objects.filter(plan=plan).delete()


def due_checkin(plan: Plan | None) -> bool:
    """Whether the dashboard should ask for this week's check-in, for a plan
    read with ``PlanQuerySet.with_checkin_for`` this week."""
    if plan is None or plan.status != Plan.Status.ACTIVE:
        return False
    return not plan.checked_in


def pace(plan: Plan, milestones: list[Milestone], today: dt.date | None = None) -> dict:
    """The forecast and the burn-up for a plan whose milestones are loaded
    (one query for the check-ins)."""
    today = today or timezone.localdate()
    checkins = list(plan.checkins.order_by("-week"))
    counted = [m for m in milestones if m.status != Milestone.Status.SKIPPED]
    total = sum(m.effort_hours for m in counted)
    remaining = sum(m.effort_hours for m in counted if m.is_open)
    hours_by_week = [(c.week, c.hours) for c in checkins]
    return {
        "checkins": checkins,
        "forecast": plan_forecast(plan, remaining, hours_by_week, today),
        "burnup": plan_burnup(plan, total, hours_by_week, today),
    }


def plan_forecast(
    plan: Plan, remaining: int, hours_by_week: list, today: dt.date
) -> Forecast:
    return forecast(
        remaining_hours=remaining,
        hours_by_week=hours_by_week,
        today=today,
        target=plan.target_date,
    )


def plan_burnup(plan: Plan, total: int, hours_by_week: list, today: dt.date) -> BurnUp:
    return burn_up(
        start=plan.start_date,
        target=plan.target_date,
        weekly_hours=plan.weekly_hours,
        total_hours=total,
        hours_by_week=hours_by_week,
        today=today,
    )
