"""The dashboard flags an active plan the latest result contradicts and
offers the review decision."""

import datetime as dt

import pytest
from django.urls import reverse

from plans.models import Plan, ReviewDecision
from tests.factories import (
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    """A member of role A with an active A → B plan."""
    guide = guide_with_assessment()
    member = UserFactory(current_role=guide.role_a)
    client.force_login(member)
    plan = make_plan(member, plan_template(guide), target_date=None)
    return guide, member, plan


def dashboard(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_result_leaning_the_other_way_flags_the_plan(client, setup):
    guide, member, plan = setup
    completed_assessment(member, guide, position=-2)
    html = dashboard(client)
    assert 'id="plan-review"' in html
    assert f"leads to {guide.role_b}" in html
    assert f"leans towards {guide.role_a}" in html
    action = reverse("plans:review-add", args=[plan.pk])
    assert f'<form method="post" action="{action}"' in html
    for decision in ("continue", "hybrid", "stop"):
        assert f'name="decision" value="{decision}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_a_result_agreeing_with_the_plan_or_hybrid_raises_nothing(client, setup):
    guide, member, _ = setup
    completed_assessment(member, guide, position=2)
    assert 'id="plan-review"' not in dashboard(client)
    completed_assessment(member, guide, position=0)
    assert 'id="plan-review"' not in dashboard(client)


def test_deciding_from_the_dashboard_records_the_review_and_clears_the_flag(
    client, setup
):
    guide, member, plan = setup
    completed_assessment(member, guide, position=-2)
    response = client.post(
        reverse("plans:review-add", args=[plan.pk]),
        {"decision": "hybrid", "note": "Trying an applied-AI team first."},
    )
    assert response.status_code == 303
    review = ReviewDecision.objects.get(plan=plan)
    assert review.decision == "hybrid"
    assert 'id="plan-review"' not in dashboard(client)
    # A newer contradicting result raises it again.
    later = completed_assessment(member, guide, position=-1)
    ReviewDecision.objects.filter(pk=review.pk).update(
        created_at=later.completed_at - dt.timedelta(minutes=1)
    )
    assert 'id="plan-review"' in dashboard(client)


def test_stopping_from_the_dashboard_archives_the_plan(client, setup):
    guide, member, plan = setup
    completed_assessment(member, guide, position=-2)
    client.post(reverse("plans:review-add", args=[plan.pk]), {"decision": "stop"})
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.ARCHIVED
    assert 'id="plan-review"' not in dashboard(client)


def test_no_decision_is_refused_and_nothing_is_kept(client, setup):
    guide, member, plan = setup
    completed_assessment(member, guide, position=-2)
    response = client.post(reverse("plans:review-add", args=[plan.pk]), {"note": "x"})
    assert response.status_code == 400
    assert "please choose a decision" in response.content.decode()
    assert not ReviewDecision.objects.exists()


def test_another_members_plan_cannot_be_reviewed(client, setup):
    plan = setup[2]
    client.force_login(UserFactory())
    response = client.post(
        reverse("plans:review-add", args=[plan.pk]), {"decision": "stop"}
    )
    assert response.status_code == 404
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.ACTIVE


def test_dashboard_query_budget_with_the_flag(client, setup,
                                             django_assert_max_num_queries):  # fmt: skip
    guide, member, _ = setup
    for _ in range(5):
        completed_assessment(member, guide, position=-2)
    with django_assert_max_num_queries(14):
        html = dashboard(client)
    assert 'id="plan-review"' in html
