import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from coaching.models import AccessLog, CoachFeedback
from plans.models import Milestone
from tests.coaching.conftest import read_form
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def coach_urls(world: dict) -> dict[str, tuple[str, str]]:
    """Every admin URL a coach can reach for one client's data, each with a
    piece of that client's data the page shows."""
    client, plan, assessment = world["client"], world["plan"], world["assessment"]
    return {
        "client": (
            reverse("admin:accounts_client_change", args=[client.pk]),
            client.email,
        ),
        "client history": (
            reverse("admin:accounts_client_history", args=[client.pk]),
            client.email,
        ),
        "plan": (reverse("admin:plans_plan_change", args=[plan.pk]), plan.title),
        "plan history": (
            reverse("admin:plans_plan_history", args=[plan.pk]),
            plan.title,
        ),
        "assessment": (
            reverse("admin:assessments_assessment_change", args=[assessment.pk]),
            client.email,
        ),
        "assessment history": (
            reverse("admin:assessments_assessment_history", args=[assessment.pk]),
            client.email,
        ),
    }


def test_coach_sees_own_clients_data(client, coaching):
    mine = coaching["a"]
    client.force_login(mine["coach"])
    for name, (url, marker) in coach_urls(mine).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert marker in response.content.decode(), name


def test_every_coach_url_hides_another_coachs_client(client, coaching):
    theirs = coaching["b"]
    client.force_login(coaching["a"]["coach"])
    for name, (url, marker) in coach_urls(theirs).items():
        response = client.get(url, follow=True)
        assert marker not in response.content.decode(), name
        assert response.redirect_chain or response.status_code in {403, 404}, name


@pytest.mark.parametrize(
    "changelist",
    ["admin:accounts_client_changelist", "admin:plans_plan_changelist",
     "admin:assessments_assessment_changelist"],
)  # fmt: skip
def test_lists_and_search_show_only_own_clients(client, coaching, changelist):
    client.force_login(coaching["a"]["coach"])
    url = reverse(changelist)
    html = client.get(url).content.decode()
    assert "client-a@example.com" in html
    assert "client-b@example.com" not in html
    html = client.get(url, {"q": "client-b"}).content.decode()
    assert "client-b@example.com" not in html
    # Filtering by another member's id finds nothing either.
    if "client" not in changelist:
        html = client.get(url, {"member__id__exact": coaching["b"]["client"].pk})
        assert "client-b@example.com" not in html.content.decode()


def test_coach_cannot_reach_users_or_content(client, coaching):
    client.force_login(coaching["a"]["coach"])
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    assert client.get(reverse("admin:guides_guide_changelist")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:accounts_client_changelist") in index
    assert reverse("admin:accounts_user_changelist") not in index
    assert reverse("admin:guides_guide_changelist") not in index


def test_client_list_shows_progress_overdue_activity_and_leaning(client, coaching):
    mine = coaching["a"]
    milestone = mine["plan"].milestones.first()
    Milestone.objects.filter(pk=milestone.pk).update(
        due_date="2000-01-01", status="todo"
    )
    client.force_login(mine["coach"])
    url = reverse("admin:accounts_client_changelist")
    html = client.get(url).content.decode()
    assert "0% of 60 h" in html
    assert "Leans" in html
    assert client.get(url, {"overdue": "yes"}).content.decode().count("client-a@") >= 1
    assert "client-a@" not in client.get(url, {"overdue": "no"}).content.decode()
    assert client.get(url, {"o": "3"}).status_code == 200  # sortable


def test_opening_a_clients_data_is_audited_and_superusers_read_it(client, coaching):
    mine = coaching["a"]
    client.force_login(mine["coach"])
    client.get(reverse("admin:plans_plan_change", args=[mine["plan"].pk]))
    client.get(
        reverse("admin:assessments_assessment_change", args=[mine["assessment"].pk])
    )
    log = list(AccessLog.objects.values_list("coach", "client", "what"))
    assert log == [
        (mine["coach"].pk, mine["client"].pk, "assessment"),
        (mine["coach"].pk, mine["client"].pk, "plan"),
    ]
    assert client.get(reverse("admin:coaching_accesslog_changelist")).status_code == 403
    client.force_login(StaffFactory(is_superuser=True))
    html = client.get(reverse("admin:coaching_accesslog_changelist")).content.decode()
    assert "coach-a@example.com" in html


def _plan_post(client, plan, **overrides) -> tuple[str, dict]:
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    data = read_form(client.get(url).content.decode(), "plan_form")
    data.update(overrides)
    return url, data


def test_coach_leaves_feedback_and_the_member_is_emailed(
    client, coaching, mailoutbox, django_capture_on_commit_callbacks
):
    mine = coaching["a"]
    client.force_login(mine["coach"])
    milestone = mine["plan"].milestones.first()
    url, data = _plan_post(client, mine["plan"], **{
        "feedback-0-milestone": str(milestone.pk),
        "feedback-0-body": "Great start — add tests to the repo.",
    })  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    feedback = CoachFeedback.objects.get()
    assert (feedback.coach, feedback.plan, feedback.milestone) == (
        mine["coach"], mine["plan"], milestone,
    )  # fmt: skip
    assert feedback.read_at is None
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [mine["client"].email]
    assert "Great start" in email.body
    assert feedback.get_absolute_url() in email.body
    assert email.alternatives[0].mimetype == "text/html"


def test_feedback_on_another_clients_milestone_is_refused(client, coaching):
    mine, theirs = coaching["a"], coaching["b"]
    client.force_login(mine["coach"])
    url, data = _plan_post(client, mine["plan"], **{
        "feedback-0-milestone": str(theirs["plan"].milestones.first().pk),
        "feedback-0-body": "Sneaky",
    })  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CoachFeedback.objects.exists()


def test_empty_feedback_is_refused(client, coaching):
    mine = coaching["a"]
    client.force_login(mine["coach"])
    url, data = _plan_post(client, mine["plan"], **{
        "feedback-0-milestone": str(mine["plan"].milestones.first().pk),
        "feedback-0-body": "   ",
    })  # fmt: skip
    response = client.post(url, data)
    assert "This field is required" in response.content.decode()
    assert not CoachFeedback.objects.exists()


def test_crafted_post_cannot_change_the_members_plan_or_milestones(client, coaching):
    mine = coaching["a"]
    plan = mine["plan"]
    milestone = plan.milestones.first()
    client.force_login(mine["coach"])
    url, data = _plan_post(client, plan)
    data.update({
        "title": "Hijacked", "status": "archived", "weekly_hours": "60",
        "milestones-TOTAL_FORMS": "1", "milestones-INITIAL_FORMS": "1",
        "milestones-0-id": str(milestone.pk), "milestones-0-plan": str(plan.pk),
        "milestones-0-title": "Hijacked", "milestones-0-status": "done",
        "milestones-0-DELETE": "on",
    })  # fmt: skip
    client.post(url, data)
    plan.refresh_from_db()
    milestone.refresh_from_db()
    assert (plan.title, plan.status, plan.weekly_hours) == ("Plan of a", "active", 10)
    assert (milestone.title, milestone.status) == ("Step 1", "todo")


def test_coach_cannot_post_to_another_coachs_client(client, coaching):
    theirs = coaching["b"]
    client.force_login(coaching["a"]["coach"])
    url = reverse("admin:plans_plan_change", args=[theirs["plan"].pk])
    response = client.post(url, {"feedback-TOTAL_FORMS": "1", "feedback-INITIAL_FORMS": "0",
                                 "feedback-0-body": "x"})  # fmt: skip
    assert response.status_code in {302, 403, 404}
    assert not CoachFeedback.objects.exists()


def test_coach_cannot_use_the_admin_autocomplete_to_find_members(client, coaching):
    client.force_login(coaching["a"]["coach"])
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "user", "field_name": "coach",
         "term": "client"},
    )  # fmt: skip
    assert response.status_code == 403
    assert b"client-b@example.com" not in response.content


def test_only_staff_coaches_can_be_assigned(coaching):
    from django.core.exceptions import ValidationError

    from tests.factories import UserFactory

    member = coaching["a"]["client"]
    member.coach = UserFactory()  # not staff, not a coach
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "Coaches group" in str(error.value)
    member.coach = member
    with pytest.raises(ValidationError):
        member.full_clean()
    member.coach = coaching["b"]["coach"]
    member.full_clean()


def test_superuser_assigns_a_coach_in_the_admin(client, coaching):
    member = coaching["a"]["client"]
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("admin:accounts_user_change", args=[member.pk])
    data = read_form(client.get(url).content.decode(), "user_form")
    data["coach"] = str(coaching["b"]["coach"].pk)
    response = client.post(url, data)
    errors = response.context and response.context["adminform"].form.errors
    assert response.status_code == 302, errors
    member.refresh_from_db()
    assert member.coach == coaching["b"]["coach"]


def test_only_active_staff_in_the_coaches_group_are_coaches(db):
    assert StaffFactory(group="Coaches").is_coach
    assert not StaffFactory(group="Content managers").is_coach
    assert not StaffFactory(group="Coaches", is_active=False).is_coach
    assert not UserFactory().is_coach


def test_staff_who_do_not_coach_are_not_logged_as_coaches(client, coaching):
    """The access log uses the one is_coach rule: group membership."""
    mine = coaching["a"]
    mine["coach"].groups.clear()
    # Still allowed to read the plan, but no longer a member of the Coaches.
    mine["coach"].user_permissions.add(
        Permission.objects.get(codename="view_plan", content_type__app_label="plans")
    )
    client.force_login(mine["coach"])
    response = client.get(reverse("admin:plans_plan_change", args=[mine["plan"].pk]))
    assert response.status_code == 200
    assert not AccessLog.objects.exists()
