"""Plans start where the member stands: the template by current role and
leaning, or the choice page saying why."""

import pytest
from django.urls import reverse

from plans.models import MilestoneTemplate, PlanTemplate
from publishing.importer import import_content
from tests.content_data import MAIN_GUIDE_SLUG
from tests.factories import (
    RoleFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
)

pytestmark = pytest.mark.django_db


def template(guide, from_role, to_role) -> PlanTemplate:
    made = PlanTemplate.objects.create(
        guide=guide, from_role=from_role, to_role=to_role,
        title=f"Path {from_role} to {to_role}", summary="A path.",
    )  # fmt: skip
    MilestoneTemplate.objects.create(template=made, order=1, title="Step",
                                     kind="skill", effort_hours=10)  # fmt: skip
    return made


@pytest.fixture
def guide():
    guide = guide_with_assessment()
    a, b = guide.role_a, guide.role_b
    guide.paths = {(f, t): template(guide, f, t) for f in (a, b) for t in (a, b)}
    return guide


def result_for(client, guide, *, role, position, towards=None):
    member = UserFactory(current_role=role)
    client.force_login(member)
    assessment = completed_assessment(member, guide, position=position)
    query = {"assessment": assessment.pk}
    if towards is not None:
        query["towards"] = towards.pk
    response = client.get(reverse("plans:new"), query)
    assert response.status_code == 200
    return assessment, response.content.decode()


def picked(html: str) -> int | None:
    marker = '<input type="hidden" name="template" value="'
    if "Set up your plan" not in html:
        return None
    start = html.index(marker) + len(marker)
    return int(html[start : html.index('"', start)])


@pytest.mark.parametrize(
    ("current", "position", "expected"),
    [
        ("a", 2, ("a", "b")),  # role A leaning B: the switch
        ("b", -2, ("b", "a")),  # role B leaning A: the switch back
        ("a", -2, ("a", "a")),  # role A leaning A: deepen
        ("b", 2, ("b", "b")),  # role B leaning B: deepen
    ],
)
def test_the_template_starts_at_the_members_role(client, guide, current, position,
                                                 expected):  # fmt: skip
    roles = {"a": guide.role_a, "b": guide.role_b}
    _, html = result_for(client, guide, role=roles[current], position=position)
    want = guide.paths[(roles[expected[0]], roles[expected[1]])]
    assert picked(html) == want.pk
    if expected[0] == expected[1]:
        assert f"Growing as {roles[expected[0]]}" in html


def test_a_role_no_template_starts_from_gets_the_choice_and_why(client, guide):
    analyst = RoleFactory(name="Data Analyst", slug="data-analyst")
    _, html = result_for(client, guide, role=analyst, position=2)
    assert picked(html) is None
    assert 'id="choice-reason"' in html
    assert "No plan in this guide starts from Data Analyst" in html
    # Only the plans leading where the result points.
    assert f'value="{guide.paths[(guide.role_a, guide.role_b)].pk}"' in html
    assert f'value="{guide.paths[(guide.role_b, guide.role_b)].pk}"' in html
    assert f'value="{guide.paths[(guide.role_b, guide.role_a)].pk}"' not in html


def test_no_role_set_gets_the_choice_and_why(client, guide):
    _, html = result_for(client, guide, role=None, position=-2)
    assert picked(html) is None
    assert "You haven’t told us your current role" in html
    assert reverse("accounts:profile") in html
    assert f'value="{guide.paths[(guide.role_b, guide.role_a)].pk}"' in html


def test_the_role_set_since_the_result_counts(client, guide):
    member = UserFactory(current_role=None)
    client.force_login(member)
    assessment = completed_assessment(member, guide, position=2)
    member.current_role = guide.role_a
    member.save()
    html = client.get(reverse("plans:new"), {"assessment": assessment.pk})
    assert picked(html.content.decode()) == guide.paths[(guide.role_a,
                                                         guide.role_b)].pk  # fmt: skip


def test_a_hybrid_result_offers_both_directions_then_follows_the_pick(client, guide):
    assessment, html = result_for(client, guide, role=guide.role_a, position=0)
    assert picked(html) is None
    assert "leans neither way" in html
    for path in guide.paths.values():
        assert f'value="{path.pk}"' in html
    # The result page's "towards" links pick the member's own starting point.
    response = client.get(
        reverse("plans:new"), {"assessment": assessment.pk, "towards": guide.role_b.pk}
    )
    assert picked(response.content.decode()) == (
        guide.paths[(guide.role_a, guide.role_b)].pk
    )
    # A role outside the guide is no direction: the choice again.
    other = RoleFactory()
    response = client.get(
        reverse("plans:new"), {"assessment": assessment.pk, "towards": other.pk}
    )
    assert picked(response.content.decode()) is None


def test_someone_elses_result_is_a_404(client, guide):
    assessment, _ = result_for(client, guide, role=guide.role_a, position=2)
    client.force_login(UserFactory())
    response = client.get(reverse("plans:new"), {"assessment": assessment.pk})
    assert response.status_code == 404


def test_the_guide_has_a_template_from_each_of_its_roles_each_way():
    import_content()
    paths = {
        (t.from_role.slug, t.to_role.slug): t
        for t in PlanTemplate.objects.with_roles().filter(guide__slug=MAIN_GUIDE_SLUG)
    }
    roles = ["data-scientist", "machine-learning-engineer"]
    assert set(paths) == {(f, t) for f in roles for t in roles}
    for path in paths.values():
        hours = [m.effort_hours for m in path.milestones.all()]
        assert len(hours) >= 6 and all(2 <= h <= 120 for h in hours)
        # Months of part-time work, not a weekend or several years.
        assert 100 <= sum(hours) <= 700
