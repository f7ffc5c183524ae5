"""The plan as iCalendar: its open milestones as a one-off download, and a
subscribable feed that adds the review dates and the weekly check-in."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from config.validators import strip_control_characters

from .models import Plan


def plan_calendar(plan: Plan, plan_url: str) -> bytes:
    return _calendar(plan, plan_url).to_ical()


def plan_feed(plan: Plan, plan_url: str, checkin_url: str) -> bytes:
    """Due dates, review dates and a weekly check-in, for a calendar app to
    subscribe to; stable UIDs let it update rather than duplicate."""
    calendar = _calendar(plan, plan_url)
    calendar.add(
        "refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"}
    )
    calendar.add("x-published-ttl", "PT12H")
    stamp = plan.updated_at or timezone.now()
    for day in plan.review_dates():
        event = Event()
        event.add("uid", f"plan-{plan.pk}-review-{day:%Y%m%d}@{_uid_domain()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", f"Review: {_line(plan.title)}")
        event.add("description", "Carry on, go hybrid, or stop: record your decision.")
        event.add("url", plan_url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    if plan.status == Plan.Status.ACTIVE:
        first = max(plan.start_date, timezone.localdate())
        # Fridays: the end of the working week, when the week can be told.
        first += dt.timedelta(days=(4 - first.weekday()) % 7)
        event = Event()
        event.add("uid", f"plan-{plan.pk}-checkin@{_uid_domain()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", first)
        event.add("dtend", first + dt.timedelta(days=1))
        event.add("rrule", {"freq": "weekly", "until": plan.target_date})
        event.add("summary", "Weekly check-in: hours, blocker, confidence")
        event.add("url", checkin_url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def _calendar(plan: Plan, plan_url: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Crossroads//Switching plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _line(plan.title))
    for milestone in plan.milestones.open().exclude(due_date=None):
        event = Event()
        # Stable across downloads so calendar apps update rather than duplicate.
        event.add("uid", f"milestone-{milestone.pk}@{_uid_domain()}")
        event.add("dtstamp", milestone.updated_at or timezone.now())
        event.add("dtstart", milestone.due_date)
        event.add("dtend", milestone.due_date + dt.timedelta(days=1))
        event.add("summary", f"Due: {_line(milestone.title)}")
        description = f"{milestone.get_kind_display()} · {milestone.effort_hours} h"
        if milestone.description:
            description += "\n\n" + strip_control_characters(
                milestone.description, keep_newlines=True
            )
        event.add("description", description)
        event.add("url", plan_url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar


def _line(text: str) -> str:
    # Titles are validated as single lines, but rows written before that (or
    # by any other path) must still give a calendar file, never an error.
    return strip_control_characters(text)


def _uid_domain() -> str:
    hosts = [
        h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*", "["))
    ]
    return hosts[0] if hosts else "crossroads.local"
