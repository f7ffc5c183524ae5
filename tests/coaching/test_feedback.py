import pytest
from django.urls import reverse

from coaching.models import CoachFeedback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback(coaching):
    mine = coaching["a"]
    return CoachFeedback.objects.create(
        plan=mine["plan"], milestone=mine["plan"].milestones.first(),
        coach=mine["coach"], body="Ship the demo before polishing it.",
    )  # fmt: skip


def test_member_opens_feedback_then_marks_it_read_with_a_post(
    client, coaching, feedback
):
    member = coaching["a"]["client"]
    client.force_login(member)
    dashboard = client.get("/").content.decode()
    assert "1 unread" in dashboard and "Ship the demo" in dashboard
    assert coaching["a"]["coach"].email in dashboard  # their coach is shown
    plan_page = client.get(coaching["a"]["plan"].get_absolute_url()).content.decode()
    assert "1 new" in plan_page and feedback.get_absolute_url() in plan_page
    page = client.get(feedback.get_absolute_url()).content.decode()
    assert "Ship the demo before polishing it." in page
    assert "Mark as read" in page
    feedback.refresh_from_db()
    assert feedback.read_at is None  # opening it writes nothing
    response = client.post(feedback.get_absolute_url())
    assert response.status_code == 303
    assert response["Location"].endswith("#feedback")
    feedback.refresh_from_db()
    assert feedback.read_at is not None
    first_read = feedback.read_at
    client.post(feedback.get_absolute_url())  # again: the first time stays
    feedback.refresh_from_db()
    assert feedback.read_at == first_read
    assert (
        "Mark as read" not in client.get(feedback.get_absolute_url()).content.decode()
    )
    assert "unread" not in client.get("/").content.decode()
    assert (
        "1 new"
        not in client.get(coaching["a"]["plan"].get_absolute_url()).content.decode()
    )


def test_other_members_cannot_open_feedback(client, feedback):
    client.force_login(UserFactory())
    assert client.get(feedback.get_absolute_url()).status_code == 404
    assert client.post(feedback.get_absolute_url()).status_code == 404
    feedback.refresh_from_db()
    assert feedback.read_at is None


def test_feedback_url_must_match_its_plan(client, coaching, feedback):
    member = coaching["a"]["client"]
    client.force_login(member)
    other_plan = coaching["b"]["plan"]
    url = reverse("coaching:feedback", args=[other_plan.pk, feedback.pk])
    assert client.get(url).status_code == 404
