import datetime as dt
import json
import re

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.data import admin_log_about, delete_member, export_member_data
from accounts.models import User
from assessments import services as assessment_services
from assessments.models import Assessment
from coaching.models import AccessLog, CoachFeedback, ReminderLog
from guides.models import Guide, Role
from plans.models import Milestone, Plan
from tests.coaching.conftest import read_form
from tests.factories import (
    PASSWORD,
    StaffFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_member():
    """A member with something in every part of the product."""
    coach = StaffFactory(group="Coaches")
    member = UserFactory(coach=coach, target_market="Lisbon")
    guide = guide_with_assessment()
    completed_assessment(member, guide, position=1)
    plan = make_plan(member, plan_template(guide))
    plan.reviews.create(decision="continue", note="Fine")
    CoachFeedback.objects.create(plan=plan, coach=coach, body="Keep going")
    return member


def owned_rows(user: User) -> list[models.Model]:
    """The member's own rows, for what points at them by type and id."""
    plans = list(Plan.objects.filter(member=user))
    return [
        user,
        *plans,
        *Milestone.objects.filter(plan__in=plans),
        *CoachFeedback.objects.filter(plan__in=plans),
        *Assessment.objects.filter(member=user),
    ]


def rows_pointing_at(user: User, owned: list[models.Model] = ()) -> dict[str, int]:
    """Every row in every model that references ``user``, directly or via a plan,
    assessment or milestone of theirs — the admin's change log included, which
    names a row by content type and id."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model is User:
                count = model._default_manager.filter(**{field.name: user}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    about = sum(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(row),
            object_id=str(row.pk),
        ).count()
        for row in owned
    )
    if about:
        found["admin.LogEntry (content_type, object_id)"] = about
    return found


def test_export_contains_every_row_of_mine_and_no_secrets(client, busy_member):
    client.force_login(busy_member)
    response = client.get(reverse("accounts:data"))
    assert response["Content-Disposition"].startswith("attachment;")
    payload = json.loads(response.content)
    data = payload["data"]
    assert payload["account"] == busy_member.email
    for label in ["accounts.user", "assessments.assessment", "assessments.answer",
                  "plans.plan", "plans.milestone", "plans.reviewdecision",
                  "coaching.coachfeedback", "account.emailaddress"]:  # fmt: skip
        assert data.get(label), label
    assert data["accounts.user"][0]["target_market"] == "Lisbon"
    assert "password" not in data["accounts.user"][0]
    assert len(data["assessments.answer"]) == 5
    assert data["coaching.coachfeedback"][0]["body"] == "Keep going"
    # Someone else's rows never appear.
    other = UserFactory(email="someone-else@example.com")
    make_plan(other)
    again = client.get(reverse("accounts:data")).content.decode()
    assert "someone-else@example.com" not in again


def test_export_includes_the_rows_deletion_removes_in_bulk(busy_member):
    """Rows Django deletes with one query (no signals, nothing below them) are
    exported too: reminders sent, coach visits, chosen statements, the
    authenticator (without its secret)."""
    staff = StaffFactory()
    ReminderLog.objects.create(member=staff, date=dt.date(2026, 5, 4))
    AccessLog.objects.create(coach=busy_member.coach, client=staff, what="plan")
    guide = guide_with_assessment()
    assessment, _ = assessment_services.start_or_resume(member=staff, guide=guide)
    for question in guide.questions.all():
        assessment_services.record_answer(
            assessment=assessment, question=question,
            option=question.options.get(position=1),
        )  # fmt: skip
    liked = guide.fit_statements.filter(kind="likes").first()
    assessment_services.complete_assessment(assessment=assessment,
                                            fit_statement_ids=[liked.pk])  # fmt: skip
    data = export_member_data(staff)["data"]
    assert [r["date"] for r in data["coaching.reminderlog"]] == [dt.date(2026, 5, 4)]
    assert [r["what"] for r in data["coaching.accesslog"]] == ["plan"]
    chosen = data["assessments.assessment_fit_statements"]
    assert [r["fitstatement"] for r in chosen] == [liked.pk]
    authenticators = data["mfa.authenticator"]
    assert [a["type"] for a in authenticators] == ["totp"]
    assert "data" not in authenticators[0]
    # Nothing of the other member's.
    assert [u["email"] for u in data["accounts.user"]] == [staff.email]
    assert "plans.plan" not in data


def test_export_keys_and_order(busy_member):
    before = timezone.now()
    ReminderLog.objects.bulk_create(
        ReminderLog(id=pk, member=busy_member, date=dt.date(2026, 1, day))
        for day, pk in enumerate([9_999_999, 10_000_000], start=1)
    )
    payload = export_member_data(busy_member)
    assert list(payload) == ["exported_at", "account", "data"]
    assert before <= dt.datetime.fromisoformat(payload["exported_at"]) <= timezone.now()
    assert payload["account"] == busy_member.email
    labels = list(payload["data"])
    assert labels == sorted(labels)
    # Rows come by id as text, the same in every export.
    assert [r["id"] for r in payload["data"]["coaching.reminderlog"]] == [
        10_000_000, 9_999_999,
    ]  # fmt: skip
    assert export_member_data(busy_member)["data"] == payload["data"]


def test_delete_member_reports_what_it_removed(busy_member):
    plans = busy_member.plans.count()
    counts = delete_member(user=busy_member)
    assert counts["accounts.User"] == 1
    assert counts["plans.Plan"] == plans
    assert not User.objects.filter(pk=busy_member.pk).exists()


def test_deleting_my_account_removes_every_row_of_mine(client, busy_member):
    assert rows_pointing_at(busy_member)
    coach = busy_member.coach
    client.force_login(busy_member)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "Delete your account" in page
    response = client.post(reverse("accounts:delete"),
                           {"password": PASSWORD, "confirm": "on"})  # fmt: skip
    assert response.status_code == 303
    assert not User.objects.filter(pk=busy_member.pk).exists()
    assert rows_pointing_at(busy_member) == {}
    for model in apps.get_models():
        if model._meta.app_label in {"plans", "assessments"} and hasattr(
            model, "member"
        ):
            assert not model._default_manager.filter(member_id=busy_member.pk).exists()
    assert not CoachFeedback.objects.exists()
    assert User.objects.filter(pk=coach.pk).exists()  # the coach stays
    # Signed out: the dashboard is the visitors' landing page again.
    assert "Create a free account" in client.get("/").content.decode()


@pytest.mark.parametrize(
    "data", [{"password": "wrong", "confirm": "on"}, {"password": PASSWORD}]
)
def test_deletion_needs_the_password_and_the_tick(client, busy_member, data):
    client.force_login(busy_member)
    response = client.post(reverse("accounts:delete"), data)
    assert response.status_code == 400
    assert User.objects.filter(pk=busy_member.pk).exists()


def test_visitors_are_sent_to_sign_in(client):
    for name in ("accounts:data", "accounts:delete"):
        assert client.get(reverse(name)).status_code == 302


def test_deletion_removes_the_admins_log_of_my_rows(client, busy_member):
    plan = Plan.objects.get(member=busy_member)
    Plan.objects.filter(pk=plan.pk).update(title="Secret switch to Acme")
    coach = busy_member.coach
    # The coach leaves feedback through the admin, which logs the change with
    # the plan's title and the feedback's first words.
    client.force_login(coach)
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    data = read_form(client.get(url).content.decode(), "plan_form")
    extra = data["feedback-INITIAL_FORMS"]  # the first empty feedback form
    data.update({f"feedback-{extra}-body": "Your salary talk with Acme went badly"})
    assert client.post(url, data).status_code == 302
    # Someone else's plan, changed in the admin too: its log stays.
    other_plan = make_plan(UserFactory(coach=coach))
    other_url = reverse("admin:plans_plan_change", args=[other_plan.pk])
    other_data = read_form(client.get(other_url).content.decode(), "plan_form")
    other_data.update({"feedback-0-body": "Someone else's feedback"})
    assert client.post(other_url, other_data).status_code == 302
    mine = LogEntry.objects.filter(object_repr__contains="Secret switch")
    assert mine.exists()
    assert any("Your salary talk" in e.change_message for e in mine), [
        e.change_message for e in mine
    ]
    owned = owned_rows(busy_member)
    assert "admin.LogEntry (content_type, object_id)" in rows_pointing_at(
        busy_member, owned
    )

    client.force_login(busy_member)
    response = client.post(
        reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 303
    assert rows_pointing_at(busy_member, owned) == {}
    logged = " ".join(
        f"{e.object_repr} {e.change_message}" for e in LogEntry.objects.all()
    )
    assert not re.search("Secret switch|salary talk", logged)
    assert "Someone else" in logged


def log_change(*, by: User, about: models.Model | type, object_id: object, repr: str):
    return LogEntry.objects.create(
        user=by,
        content_type=ContentType.objects.get_for_model(about),
        object_id=str(object_id),
        object_repr=repr,
        action_flag=CHANGE,
        change_message=f"Changed {repr}",
    )


@pytest.mark.parametrize("member_wrote_entries", [False, True])
def test_delete_member_counts_each_log_entry_once_and_keeps_the_others(
    member_wrote_entries,
):
    """The admin's log of the member's rows goes, and so does whatever the
    member logged themselves; each removed entry is counted once. Entries
    about a row of another type that happens to share an id stay."""
    coach = StaffFactory()
    member = UserFactory(coach=coach)
    plan = make_plan(member, plan_template(efforts=(10, 20)))
    first = plan.milestones.first()
    log_change(by=coach, about=plan, object_id=plan.pk, repr="Mine: plan")
    log_change(by=coach, about=first, object_id=first.pk, repr="Mine: milestone")
    log_change(by=coach, about=member, object_id=member.pk, repr="Mine: account")
    # The ids of the member's plan, milestone and account, in types of which
    # the member has no rows.
    log_change(by=coach, about=Guide, object_id=plan.pk, repr="Guide")
    log_change(by=coach, about=Role, object_id=first.pk, repr="Role")
    log_change(by=coach, about=Group, object_id=member.pk, repr="Group")
    other_plan = make_plan(UserFactory(coach=coach))
    log_change(by=coach, about=other_plan, object_id=other_plan.pk, repr="Theirs")
    if member_wrote_entries:
        log_change(by=member, about=coach, object_id=coach.pk, repr="By member")
        log_change(by=member, about=plan, object_id=plan.pk, repr="Mine: by member")

    assert set(admin_log_about(member).values_list("object_repr", flat=True)) == (
        {"Mine: plan", "Mine: milestone", "Mine: account"}
        | ({"Mine: by member"} if member_wrote_entries else set())
    )
    counts = delete_member(user=member)

    log_entries = 5 if member_wrote_entries else 3
    assert counts == {
        "accounts.User": 1,
        "account.EmailAddress": 1,
        "plans.Plan": 1,
        "plans.Milestone": 2,
        "admin.LogEntry": log_entries,
    }
    assert sorted(LogEntry.objects.values_list("object_repr", flat=True)) == [
        "Group", "Guide", "Role", "Theirs",
    ]  # fmt: skip
