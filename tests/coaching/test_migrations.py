"""Moving the coaching models out of accounts and plans keeps every row.

The database is taken back to the last state before the move, filled there
through the historical models, and migrated forward again.
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_MOVE = [
    ("accounts", "0005_data_revision"),
    ("plans", "0004_coach_permissions"),
    ("coaching", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_rows_and_permissions_survive_the_move_to_coaching():
    executor = migrate(BEFORE_MOVE)
    old = executor.loader.project_state(BEFORE_MOVE[:2]).apps
    assert "coaching" not in {m._meta.app_label for m in old.get_models()}
    User = old.get_model("accounts", "User")
    coach = User.objects.create(email="coach@example.com", is_staff=True)
    member = User.objects.create(email="member@example.com", coach=coach)
    plan = old.get_model("plans", "Plan").objects.create(
        member=member, title="Switch", start_date=dt.date(2026, 1, 5),
        target_date=dt.date(2026, 6, 1), weekly_hours=6,
    )  # fmt: skip
    milestone = old.get_model("plans", "Milestone").objects.create(
        plan=plan, order=1, title="Ship a model", effort_hours=10
    )
    old.get_model("plans", "CoachFeedback").objects.create(
        plan=plan, milestone=milestone, coach=coach, body="Nice progress"
    )
    old.get_model("plans", "ReminderLog").objects.create(
        member=member, date=dt.date(2026, 2, 2)
    )
    old.get_model("accounts", "AccessLog").objects.create(
        coach=coach, client=member, what="plan", object_repr="Switch"
    )
    coaches = old.get_model("auth", "Group").objects.get(name="Coaches")
    granted = set(coaches.permissions.values_list("codename", flat=True))
    assert {"add_coachfeedback", "view_coachfeedback"} <= granted

    executor = migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state().apps
    feedback = new.get_model("coaching", "CoachFeedback").objects.get()
    assert (feedback.body, feedback.plan_id, feedback.milestone_id, feedback.coach_id) == (
        "Nice progress", plan.pk, milestone.pk, coach.pk,
    )  # fmt: skip
    reminder = new.get_model("coaching", "ReminderLog").objects.get()
    assert (reminder.member_id, reminder.date) == (member.pk, dt.date(2026, 2, 2))
    log = new.get_model("coaching", "AccessLog").objects.get()
    assert (log.coach_id, log.client_id, log.what) == (coach.pk, member.pk, "plan")
    # The Coaches' grants followed the model to its new app.
    coaches = new.get_model("auth", "Group").objects.get(name="Coaches")
    moved = set(
        coaches.permissions.filter(content_type__app_label="coaching").values_list(
            "codename", flat=True
        )
    )
    assert {"add_coachfeedback", "view_coachfeedback"} <= moved
