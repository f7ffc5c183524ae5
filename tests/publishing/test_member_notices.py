"""A published change reaches the members whose plan or result it concerns."""

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.tasks import send_reminder_email
from guides.models import Guide
from plans import guide_changes
from plans.models import Milestone, MilestoneTemplate, PlanTemplate
from publishing import revisions
from publishing.importer import import_content
from tests.factories import StaffFactory, UserFactory, completed_assessment, make_plan

SLUG = "data-scientist-vs-machine-learning-engineer-2026"
NOTICE = "This guide changed since your plan"
NOTE = "We added a portfolio step to the DS to MLE plan."


@pytest.fixture
def guide(db):
    import_content()
    return Guide.objects.get(slug=SLUG)


@pytest.fixture
def editor(db):
    return StaffFactory(group="Content managers")


def _template(guide) -> PlanTemplate:
    return PlanTemplate.objects.get(
        guide=guide, from_role=guide.role_a, to_role=guide.role_b
    )


def _publish_new_step(guide, editor, title="Ship a model to production", note=NOTE):
    draft = revisions.start_draft(guide=guide, author=editor)
    template = _template(draft)
    MilestoneTemplate.objects.create(
        template=template, order=99, title=title, kind="project", effort_hours=20
    )
    return revisions.publish_draft(guide=guide, author=editor, note=note)


@pytest.fixture
def planner(guide):
    member = UserFactory(email="planner@example.com")
    plan = make_plan(member, _template(guide))
    return member, plan


def test_notice_shows_once_to_the_affected_member_only(guide, editor, planner, client):
    member, plan = planner
    bystander = UserFactory()
    make_plan(bystander, _template(guide))
    client.force_login(member)
    assert NOTICE not in client.get("/").content.decode()
    # Someone else's plan is created after the change: nothing to tell them.
    _publish_new_step(guide, editor)
    late = UserFactory()
    make_plan(late, _template(guide))

    html = unescape(client.get("/").content.decode())
    assert html.count(NOTICE) == 1
    assert NOTE in html and "new milestone 'Ship a model to production'" in html
    assert client.get(plan.get_absolute_url()).content.decode().count(NOTICE) == 1
    client.force_login(late)
    assert NOTICE not in client.get("/").content.decode()
    assert guide_changes.changes_for(bystander)  # the other early planner is told


def test_body_only_change_does_not_disturb_plan_holders(guide, editor, planner):
    member, _ = planner
    draft = revisions.start_draft(guide=guide, author=editor)
    draft.body += "\n\nOne more paragraph."
    draft.save()
    revisions.publish_draft(guide=guide, author=editor, note="Wording.")
    assert guide_changes.changes_for(member) == []


def test_adding_new_milestones_keeps_existing_ones(guide, editor, planner, client):
    member, plan = planner
    mine = list(
        plan.milestones.values_list("pk", "title", "due_date", "status", "order")
    )
    first = plan.milestones.first()
    Milestone.objects.filter(pk=first.pk).update(status="done")
    _publish_new_step(guide, editor)
    client.force_login(member)

    response = client.post(reverse("plans:guide-change-add", args=[plan.pk]))

    assert response.status_code == 303
    after = {m.pk: m for m in plan.milestones.all()}
    for pk, title, due, _status, order in mine:
        kept = after.pop(pk)
        assert (kept.title, kept.due_date, kept.order) == (title, due, order)
    (new,) = after.values()
    assert new.title == "Ship a model to production"
    last_open_due = max(d for _, _, d, _, _ in mine if d)
    assert new.due_date > last_open_due and new.order > max(o for *_, o in mine)
    assert NOTICE not in client.get("/").content.decode()
    # Repeating the action adds nothing.
    client.post(reverse("plans:guide-change-add", args=[plan.pk]))
    assert plan.milestones.count() == len(mine) + 1


def test_other_member_cannot_add_to_my_plan(guide, editor, planner, client):
    _, plan = planner
    _publish_new_step(guide, editor)
    client.force_login(UserFactory())
    assert (
        client.post(reverse("plans:guide-change-add", args=[plan.pk])).status_code
        == 404
    )


def test_dismissed_notice_returns_only_for_a_later_change(
    guide, editor, planner, client
):
    member, _ = planner
    _publish_new_step(guide, editor)
    client.force_login(member)
    dismiss = reverse("plans:guide-change-dismiss", args=[guide.pk])
    assert client.post(dismiss).status_code == 303
    assert NOTICE not in client.get("/").content.decode()
    assert client.post(dismiss).status_code == 404  # nothing left to dismiss
    _publish_new_step(
        guide, editor, title="Pair with an ML platform team", note="Another step."
    )
    html = client.get("/").content.decode()
    assert html.count(NOTICE) == 1 and "Another step." in html
    assert "Ship a model to production" not in html


def test_result_holder_sees_changed_questions(guide, editor):
    member = UserFactory()
    completed_assessment(member, guide)
    draft = revisions.start_draft(guide=guide, author=editor)
    question = draft.questions.order_by("order")[4]
    question.options.create(label="Mostly hybrid roles", position=0, order=9)
    revisions.publish_draft(guide=guide, author=editor, note="A new answer.")
    (change,) = guide_changes.changes_for(member)
    assert change.parts == ["Question 5 · new option 'Mostly hybrid roles'"]


def test_reminder_mentions_a_change_once(guide, editor, planner, mailoutbox):
    member, plan = planner
    today = timezone.localdate()
    plan.milestones.update(due_date=today + dt.timedelta(days=2))
    _publish_new_step(guide, editor)
    send_reminder_email.call(member.pk, today.isoformat())
    send_reminder_email.call(member.pk, (today + dt.timedelta(days=1)).isoformat())
    assert len(mailoutbox) == 2
    assert (
        NOTE in mailoutbox[0].body
        and "A guide you rely on changed" in mailoutbox[0].body
    )
    assert NOTE not in mailoutbox[1].body


def test_admin_counts_what_depends_on_a_guide(guide, planner, client):
    completed_assessment(planner[0], guide)
    client.force_login(StaffFactory(group="Content managers"))
    html = client.get(reverse("admin:guides_guide_changelist")).content.decode()
    assert "1 active plans, 1 results" in html


def _page_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the first view after a change refills the shared cache
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_a_change_that_concerns_no_one_costs_the_pages_no_query(
    guide, editor, planner, client
):
    member, plan = planner
    completed_assessment(member, guide)
    client.force_login(member)
    before = {url: _page_queries(client, url) for url in ("/", plan.get_absolute_url())}
    draft = revisions.start_draft(guide=guide, author=editor)
    draft.body += "\n\nOne more paragraph."
    draft.save()
    revisions.publish_draft(guide=guide, author=editor, note="Wording.")
    after = {url: _page_queries(client, url) for url in before}
    assert after == before
    assert NOTICE not in client.get("/").content.decode()


def _dashboard_rows(member):
    from assessments.models import Assessment
    from plans.models import Plan

    plans = list(guide_changes.with_news(Plan.objects.for_member(member).active()))
    result = (
        guide_changes.results_with_news(Assessment.objects.for_member(member))
        .completed()
        .order_by("-completed_at")
        .first()
    )
    return plans, result


def _change_questions(guide, editor):
    draft = revisions.start_draft(guide=guide, author=editor)
    question = draft.questions.order_by("order")[4]
    question.options.create(label="Mostly hybrid roles", position=0, order=9)
    revisions.publish_draft(guide=guide, author=editor, note="A new answer.")


def _change_prose(guide, editor):
    draft = revisions.start_draft(guide=guide, author=editor)
    draft.body += "\n\nOne more paragraph."
    draft.save()
    revisions.publish_draft(guide=guide, author=editor, note="Wording.")


def _change_other_direction(guide, editor):
    draft = revisions.start_draft(guide=guide, author=editor)
    other = PlanTemplate.objects.get(
        guide=draft, from_role=draft.role_b, to_role=draft.role_a
    )
    other.milestones.create(order=99, title="Mentor a DS", kind="project",
                            effort_hours=5)  # fmt: skip
    revisions.publish_draft(guide=guide, author=editor, note="Other way.")


def _dismiss_then_prose(guide, editor, member=None):
    _publish_new_step(guide, editor)
    guide_changes.dismiss(member=member, guide_id=guide.pk)
    _change_prose(guide, editor)


def _revert(guide, editor, member=None):
    first = guide.revisions.order_by("number").first()
    _publish_new_step(guide, editor)
    revisions.revert(guide=guide, revision=first, author=editor)


@pytest.mark.parametrize(
    "change",
    [_change_prose, _change_questions, _change_other_direction, _publish_new_step,
     _dismiss_then_prose, _revert],
)  # fmt: skip
def test_the_quick_check_never_hides_a_notice(guide, editor, planner, change):
    """The pages decide from their own rows whether to look closer; what
    they then show is exactly what the full comparison finds."""
    member, plan = planner
    completed_assessment(member, guide)
    if change in (_dismiss_then_prose, _revert):
        change(guide, editor, member=member)
    else:
        change(guide, editor)
    plans, result = _dashboard_rows(member)
    full = guide_changes.changes_for(member)
    quick = guide_changes.notices(member, plans=plans, result=result)
    assert [c.parts for c in quick] == [c.parts for c in full]
    (page_plan,) = plans
    assert [c.parts for c in guide_changes.notices(plans=[page_plan])] == [
        c.parts for c in guide_changes.changes_for(member, plan=plan)
    ]
    # A change to nothing the member relies on is settled without a snapshot.
    if change in (_change_prose, _change_other_direction, _dismiss_then_prose):
        assert not full
        assert not any(guide_changes.may_concern(row) for row in [*plans, result])
