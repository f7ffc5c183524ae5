"""A brand-new member's dashboard says what to do first."""

import re

import pytest

from tests.factories import (
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)

pytestmark = pytest.mark.django_db


def _h1(html: str) -> str:
    return re.search(r"<h1>\s*(.*?)\s*</h1>", html, re.S).group(1)


def test_new_member_is_welcomed_and_led_to_guide_and_assessment(client):
    guide = guide_with_assessment(questions=4)
    member = UserFactory(name="Robin")
    client.force_login(member)
    html = client.get("/").content.decode()
    assert _h1(html) == "Welcome, Robin"
    assert "Welcome back" not in html
    start = f'href="/guides/{guide.slug}/assessment/">Take the assessment</a>'
    assert f'class="button" {start}' in html
    assert f'href="{guide.get_absolute_url()}">Read the guide' in html
    assert "4 questions" in html
    # No plan without a result: the main button is the assessment's.
    assert "Create a switching plan" not in html
    assert html.count('class="button"') == 2  # assessment, profile


def test_member_with_a_result_is_welcomed_back_and_offered_a_plan(client):
    guide = guide_with_assessment()
    member = UserFactory(name="Robin")
    result = completed_assessment(member, guide)
    client.force_login(member)
    html = client.get("/").content.decode()
    assert _h1(html) == "Welcome back, Robin"
    assert "Start here" not in html
    assert f'href="/plans/new/?assessment={result.pk}">Create a switching plan' in html


def test_member_with_a_plan_is_welcomed_back(client):
    member = UserFactory(name="Robin")
    make_plan(member, plan_template())
    client.force_login(member)
    html = client.get("/").content.decode()
    assert _h1(html) == "Welcome back, Robin"
    assert "Start here" not in html
