"""The coach's client list: every figure of one page of clients in one query.

Why SQL written out rather than ORM subqueries: the list needs eleven
correlated subqueries (plan effort, overdue, the check-in pace, unread
messages, last activity, the latest leaning), and building and compiling them
through the ORM cost about 14,000 Python function calls a request, four times
a whole simple page. The text below is fixed; only the chosen filters, the
sort column (from a fixed list) and values passed as parameters vary. What
"overdue" means still comes from ``MilestoneQuerySet.overdue_condition``,
compiled by the ORM, so it has one definition.

The forecast follows ``plans.forecast.forecast`` (tested against it): the pace
is the mean of the hours of the latest ``WINDOW`` check-ins of the active
plan; the finish is today plus ceil(remaining hours × 7 / pace) days; with no
check-ins, or no hours in them, there is no forecast; with nothing remaining
the finish is today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import User
from plans.forecast import WINDOW
from plans.models import Milestone, Plan

#: Columns a coach can sort by, by the admin's ``o=`` number (its position in
#: the list, counted from 1), with the SQL it sorts on.
SORTS = {
    1: "email",
    2: "progress_pct",
    3: "overdue_count",
    4: "late_days",
    5: "unread_count",
    6: "last_activity_at",
    7: "leaning",
}
PER_PAGE = 25

#: The few places where SQLite and PostgreSQL write the same thing differently.
DIALECTS = {
    "postgresql": {
        "greatest": "GREATEST",
        "days_to_target": "(ap.target_date - %s)",
    },
    "sqlite": {
        "greatest": "MAX",
        "days_to_target": "CAST(julianday(ap.target_date) - julianday(%s) AS INTEGER)",
    },
}

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class ClientRow:
    pk: int
    name: str
    email: str
    effort_total: int | None
    progress_pct: int | None
    overdue_count: int
    #: Days the forecast finish lies past the target (negative: early);
    #: None without a forecast.
    late_days: int | None
    unread_count: int
    last_activity_at: dt.datetime | None
    leaning: str | None
    leaning_role: str | None


@dataclass(frozen=True, slots=True)
class ClientPage:
    rows: list[ClientRow]
    #: Clients matching the filters, on every page.
    count: int


def _overdue_sql() -> tuple[str, list]:
    """The WHERE of ``overdue_condition`` as the ORM compiles it (columns
    qualified with the milestone table's name), for today."""
    query = Milestone.objects.filter(Milestone.objects.overdue_condition()).query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(query.where)
    return sql, list(params)


def _timestamp(value) -> dt.datetime | None:
    if isinstance(value, str):  # SQLite hands back text
        value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = value.replace(tzinfo=dt.UTC)
    if value is None or value <= EPOCH:
        return None
    return value


def client_page(
    *,
    user: User,
    today: dt.date | None = None,
    search: str = "",
    level: str = "",
    overdue: str = "",
    order: int = 1,
    descending: bool = False,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> ClientPage:
    """One page of the clients ``user`` coaches (all coached clients for a
    superuser), with their figures, in one query.

    ``order`` is a key of ``SORTS``; ``overdue`` is "yes", "no" or "".
    """
    today = today or timezone.localdate()
    sql_of = DIALECTS[connection.vendor]
    ops = connection.ops
    epoch = ops.adapt_datetimefield_value(EPOCH)
    overdue_where, overdue_params = _overdue_sql()
    cutoff = (
        "COALESCE((SELECT k2.week FROM plans_checkin k2 WHERE k2.plan_id = ap.id"
        " ORDER BY k2.week DESC LIMIT 1 OFFSET %s), %s)"
    )
    cutoff_params = [WINDOW - 1, ops.adapt_datefield_value(dt.date(1, 1, 1))]
    latest = (
        "(SELECT {} FROM assessments_assessment a WHERE a.member_id = u.id"
        " AND a.completed_at IS NOT NULL ORDER BY a.completed_at DESC, a.id DESC"
        " LIMIT 1)"
    )
    # Only fixed text goes into the SQL; every value is a parameter.
    figures = f"""
        SELECT u.id, u.name, u.email, u.users_count, ap.id AS plan_id,
          {sql_of["days_to_target"]} AS days_to_target,
          (SELECT SUM(m.effort_hours) FROM plans_milestone m
            WHERE m.plan_id = ap.id AND m.status <> %s) AS effort_total,
          (SELECT SUM(m.effort_hours) FROM plans_milestone m
            WHERE m.plan_id = ap.id AND m.status = %s) AS effort_done,
          (SELECT COUNT(*) FROM plans_milestone
            WHERE plans_milestone.plan_id = ap.id AND {overdue_where}
          ) AS overdue_count,
          (SELECT COUNT(*) FROM plans_checkin k
            WHERE k.plan_id = ap.id AND k.week >= {cutoff}) AS pace_weeks,
          (SELECT SUM(k.hours) FROM plans_checkin k
            WHERE k.plan_id = ap.id AND k.week >= {cutoff}) AS pace_hours,
          (SELECT COUNT(*) FROM coaching_message g
            JOIN plans_plan gp ON gp.id = g.plan_id
            WHERE gp.member_id = u.id AND g.from_coach = %s AND g.read_at IS NULL
          ) AS unread_count,
          {sql_of["greatest"]}(
            COALESCE(u.last_login, %s),
            COALESCE((SELECT MAX(m.updated_at) FROM plans_milestone m
              JOIN plans_plan mp ON mp.id = m.plan_id WHERE mp.member_id = u.id), %s),
            COALESCE((SELECT MAX(a.updated_at) FROM assessments_assessment a
              WHERE a.member_id = u.id), %s)
          ) AS last_activity_at,
          {latest.format("a.result ->> 'leaning'")} AS leaning,
          {latest.format("a.result -> 'leaning_role' ->> 'name'")} AS leaning_role
        FROM ({{users}}) u
        LEFT JOIN plans_plan ap ON ap.id = (
          SELECT p.id FROM plans_plan p WHERE p.member_id = u.id AND p.status = %s
          ORDER BY p.created_at DESC, p.id DESC LIMIT 1)
    """  # noqa: S608
    where, where_params = [], []
    if user.is_superuser:
        where.append("u.coach_id IS NOT NULL")
    else:
        where.append("u.coach_id = %s")
        where_params.append(user.pk)
    for term in search.split():
        pattern = "%" + _escape_like(term.lower()) + "%"
        where.append(
            "(LOWER(u.email) LIKE %s ESCAPE '\\' OR LOWER(u.name) LIKE %s ESCAPE '\\')"
        )
        where_params += [pattern, pattern]
    if level:
        where.append("u.level = %s")
        where_params.append(level)
    column = SORTS.get(order, "email")
    direction = "DESC" if descending else "ASC"
    offset = (page - 1) * per_page
    # Sorted by email with every client shown, the page is known before any
    # figure: the figures are then worked out for its rows alone, so the list
    # costs the same for 10 clients or 1,000. Sorting by a figure, or
    # filtering on one, needs every client's.
    early = column == "email" and not overdue
    users = (  # fixed text: the conditions' values are parameters
        "SELECT u.id, u.name, u.email, u.last_login, COUNT(*) OVER () AS users_count"  # noqa: S608
        " FROM accounts_user u WHERE " + " AND ".join(where)
    )
    if early:
        users += f" ORDER BY u.email {direction}, u.id {direction} LIMIT %s OFFSET %s"
        where_params += [per_page, offset]
        offset = 0
    figures = figures.replace("{users}", users)
    params: list = [
        ops.adapt_datefield_value(today),
        Milestone.Status.SKIPPED,
        Milestone.Status.DONE,
        *overdue_params,
        *cutoff_params,
        *cutoff_params,
        False,
        epoch,
        epoch,
        epoch,
        *where_params,
        Plan.Status.ACTIVE,
    ]

    having = ""
    if overdue == "yes":
        having = "WHERE overdue_count > 0"
    elif overdue == "no":
        having = "WHERE overdue_count = 0"
    count = "r.users_count" if early else "COUNT(*) OVER ()"
    # Nulls sort as the smallest value on both databases; the id breaks ties
    # so that pages never overlap.
    sql = f"""
        SELECT r.*, {count} AS full_count FROM (
          SELECT f.*,
            COALESCE(f.effort_done, 0) * 100 / NULLIF(f.effort_total, 0)
              AS progress_pct,
            CASE
              WHEN f.plan_id IS NULL OR f.pace_weeks = 0 THEN NULL
              WHEN f.remaining = 0 THEN -f.days_to_target
              WHEN f.pace_hours <= 0 THEN NULL
              ELSE (f.remaining * 7 * f.pace_weeks + f.pace_hours - 1) / f.pace_hours
                - f.days_to_target
            END AS late_days
          FROM (
            SELECT x.*,
              COALESCE(x.effort_total, 0) - COALESCE(x.effort_done, 0) AS remaining
            FROM ({figures}) x
          ) f
        ) r
        {having}
        ORDER BY CASE WHEN r.{column} IS NULL THEN 0 ELSE 1 END {direction},
          r.{column} {direction}, r.id {direction}
        LIMIT %s OFFSET %s
    """  # noqa: S608
    params += [per_page, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    rows = [
        ClientRow(
            pk=r["id"],
            name=r["name"],
            email=r["email"],
            effort_total=r["effort_total"],
            progress_pct=r["progress_pct"],
            overdue_count=r["overdue_count"] or 0,
            late_days=r["late_days"],
            unread_count=r["unread_count"] or 0,
            last_activity_at=_timestamp(r["last_activity_at"]),
            leaning=r["leaning"],
            leaning_role=r["leaning_role"],
        )
        for r in found
    ]
    return ClientPage(rows, found[0]["full_count"] if found else 0)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
