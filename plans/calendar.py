"""The plan's open milestones as an iCalendar feed."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from config.validators import strip_control_characters

from .models import Plan


def plan_calendar(plan: Plan, plan_url: str) -> bytes:
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
    return calendar.to_ical()


def _line(text: str) -> str:
    # Titles are validated as single lines, but rows written before that (or
    # by any other path) must still give a calendar file, never an error.
    return strip_control_characters(text)


def _uid_domain() -> str:
    hosts = [
        h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*", "["))
    ]
    return hosts[0] if hosts else "crossroads.local"
