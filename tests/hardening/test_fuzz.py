"""Arbitrary input into every member-facing form and htmx endpoint: never a 5xx,
and nothing changes unless the input was valid."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.models import Milestone
from tests.factories import UserFactory, guide_with_assessment, make_plan, plan_template

pytestmark = pytest.mark.django_db

anything = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(str),
    st.sampled_from(["", " ", "0", "-1", "61", "2026-02-30", "javascript:alert(1)",
                     "https://ok.example/x", "todo", "done", "up", "down", "x" * 6000]),
)  # fmt: skip
FIELDS = ["title", "notes", "evidence_url", "status", "version", "effort_hours", "kind",
          "due_date", "target_date", "start_date", "weekly_hours", "review_interval_weeks",
          "decision", "note", "name", "level", "target_market", "current_role",
          "question", "option", "step", "statements", "template", "direction",
          "description", "q", "tag"]  # fmt: skip
payloads = st.dictionaries(st.sampled_from(FIELDS), anything, max_size=8)

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def fuzz_world(db):
    member = UserFactory()
    guide = guide_with_assessment()
    plan_template(guide)
    plan = make_plan(member)
    assessment = member.assessments.create(guide=guide)
    milestone = plan.milestones.first()
    client = Client()
    client.force_login(member)
    urls = [
        reverse("accounts:profile"),
        reverse("plans:new"),
        reverse("plans:settings", args=[plan.pk]),
        reverse("plans:review-add", args=[plan.pk]),
        reverse("plans:milestone-add", args=[plan.pk]),
        reverse("plans:milestone-status", args=[plan.pk, milestone.pk]),
        reverse("plans:milestone-details", args=[plan.pk, milestone.pk]),
        reverse("plans:milestone-move", args=[plan.pk, milestone.pk]),
        reverse("plans:milestone-edit", args=[plan.pk, milestone.pk]),
        reverse("assessments:answer", args=[assessment.pk]),
        reverse("assessments:finish", args=[assessment.pk]),
    ]
    return client, urls, milestone


@FUZZ
@given(payload=payloads, htmx=st.booleans(), index=st.integers(0, 10))
def test_member_forms_never_fail_on_arbitrary_input(fuzz_world, payload, htmx, index):
    client, urls, milestone = fuzz_world
    url = urls[index]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    before = Milestone.objects.filter(pk=milestone.pk).values().get()
    response = client.post(url, payload, **headers)
    assert response.status_code < 500, (url, payload)
    if response.status_code in {400, 409} and "milestones/" in url:
        # Refused: the milestone is exactly as it was.
        after = Milestone.objects.filter(pk=milestone.pk).values().get()
        assert after == before


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["q", "tag", "step", "a", "b"]), anything,
                              max_size=3))  # fmt: skip
def test_read_pages_never_fail_on_arbitrary_query_strings(fuzz_world, params):
    client, _, _ = fuzz_world
    for url in (reverse("guides:list"), reverse("assessments:compare"), "/"):
        assert client.get(url, params).status_code < 500, (url, params)
