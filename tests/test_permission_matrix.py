"""Every URL of ours, for every kind of user, with GET and POST.

The URL list comes from the resolver: a new URL in one of our apps without an
entry below fails the suite. Member A's objects answer 404 to everyone else —
other members, coaches (A's own included: they read A's data in the admin),
content managers and superusers — and send visitors to sign in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plans.models import CoachFeedback
from tests.factories import (
    StaffFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)

OUR_APPS = ("accounts.", "guides.", "assessments.", "plans.")
ROLES = ["visitor", "member_a", "member_b", "coach_a", "coach_b", "content_manager",
         "superuser"]  # fmt: skip
SIGNED_IN = ROLES[1:]
STAFF = ["coach_a", "coach_b", "content_manager", "superuser"]


def our_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver) and p.namespace == "admin":
                continue  # the admin's own permissions: tests/coaching, tests/guides
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                module = getattr(p.callback, "__module__", "")
                if module.startswith(OUR_APPS):
                    names.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns)
    return names


@dataclass
class Entry:
    """Expected status per role for GET and POST (with an empty body)."""

    get: dict[str, int]
    post: dict[str, int]
    kwargs: str = ""  # which object the URL is about
    query: dict = field(default_factory=dict)


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, **overrides: int) -> dict[str, int]:
    """Pages of one's own: visitors go to sign in."""
    return {"visitor": 302, **dict.fromkeys(SIGNED_IN, status), **overrides}


def owned(owner: int) -> dict[str, int]:
    """Member A's object: only A gets through."""
    return {"visitor": 302, **dict.fromkeys(SIGNED_IN, 404), "member_a": owner}


MATRIX: dict[str, Entry] = {
    "home": Entry(get=everyone(200), post=everyone(405)),
    "healthz": Entry(get=everyone(200), post=everyone(405)),
    "guides:list": Entry(get=everyone(200), post=everyone(405)),
    "guides:detail": Entry(get=everyone(200), post=everyone(405), kwargs="guide"),
    "account_signup": Entry(
        get={"visitor": 200, **dict.fromkeys(SIGNED_IN, 302)},
        post={"visitor": 400, **dict.fromkeys(SIGNED_IN, 302)},
    ),
    "accounts:profile": Entry(get=signed_in(200), post=signed_in(303)),
    "accounts:data": Entry(get=signed_in(200), post=signed_in(405)),
    "accounts:delete": Entry(
        get=signed_in(200),
        post=signed_in(400, **dict.fromkeys(STAFF, 303)),
    ),
    "assessments:start": Entry(get=signed_in(200), post=signed_in(303), kwargs="guide"),
    "assessments:list": Entry(get=signed_in(200), post=signed_in(405)),
    "assessments:compare": Entry(
        get={"visitor": 302, **dict.fromkeys(SIGNED_IN, 404), "member_a": 200},
        post=signed_in(405),
        query={"a": "done_1", "b": "done_2"},
    ),
    "assessments:detail": Entry(
        get=owned(200), post=signed_in(405), kwargs="assessment"
    ),
    "assessments:answer": Entry(
        get=signed_in(405), post=owned(400), kwargs="assessment"
    ),
    "assessments:finish": Entry(
        get=signed_in(405), post=owned(400), kwargs="assessment"
    ),
    "plans:list": Entry(get=signed_in(200), post=signed_in(405)),
    "plans:new": Entry(get=signed_in(200), post=signed_in(200)),
    "plans:detail": Entry(get=owned(200), post=signed_in(405), kwargs="plan"),
    "plans:settings": Entry(get=owned(200), post=owned(400), kwargs="plan"),
    "plans:reschedule": Entry(get=signed_in(405), post=owned(303), kwargs="plan"),
    "plans:review-add": Entry(get=owned(200), post=owned(400), kwargs="plan"),
    "plans:calendar": Entry(get=owned(200), post=signed_in(405), kwargs="plan"),
    "plans:evidence": Entry(get=owned(200), post=signed_in(405), kwargs="plan"),
    "plans:feedback": Entry(get=owned(200), post=owned(303), kwargs="feedback"),
    "plans:milestone-add": Entry(get=owned(200), post=owned(400), kwargs="plan"),
    "plans:milestone-status": Entry(
        get=signed_in(405), post=owned(400), kwargs="milestone"
    ),
    "plans:milestone-details": Entry(
        get=owned(200), post=owned(400), kwargs="milestone"
    ),
    "plans:milestone-move": Entry(get=owned(200), post=owned(400), kwargs="milestone"),
    "plans:milestone-edit": Entry(get=owned(200), post=owned(400), kwargs="milestone"),
    "plans:milestone-delete": Entry(
        get=owned(200), post=owned(303), kwargs="milestone"
    ),
}


def test_every_url_of_ours_has_an_entry():
    assert our_url_names() == set(MATRIX)


@pytest.fixture
def world(db):
    coach_a = StaffFactory(group="Coaches")
    member_a = UserFactory(coach=coach_a, current_role=None)
    guide = guide_with_assessment()
    plan_template(guide)
    done_1 = completed_assessment(member_a, guide, position=-1)
    done_2 = completed_assessment(member_a, guide, position=1)
    open_assessment = member_a.assessments.create(guide=guide)
    plan = make_plan(member_a)
    feedback = CoachFeedback.objects.create(plan=plan, coach=coach_a, body="Nice")
    users = {
        "visitor": None,
        "member_a": member_a,
        "member_b": UserFactory(),
        "coach_a": coach_a,
        "coach_b": StaffFactory(group="Coaches"),
        "content_manager": StaffFactory(group="Content managers"),
        "superuser": StaffFactory(is_superuser=True),
    }
    milestone = plan.milestones.first()
    kwargs = {
        "": {},
        "guide": {"slug": guide.slug},
        "assessment": {"pk": open_assessment.pk},
        "plan": {"pk": plan.pk},
        "feedback": {"pk": plan.pk, "feedback_pk": feedback.pk},
        "milestone": {"pk": plan.pk, "milestone_pk": milestone.pk},
    }
    ids = {"done_1": done_1.pk, "done_2": done_2.pk}
    return users, kwargs, ids


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, world, name):
    users, kwargs, ids = world
    entry = MATRIX[name]
    url = reverse(name, kwargs=kwargs[entry.kwargs])
    query = {k: ids.get(v, v) for k, v in entry.query.items()}
    results = {}
    for method in ("get", "post"):
        expected = getattr(entry, method)
        # The owner goes last: their POST may delete or change the object.
        for role in sorted(ROLES, key=lambda r: r == "member_a"):
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            response = getattr(client, method)(url, query if method == "get" else {})
            results[(method, role)] = (response.status_code, expected[role])
    wrong = {k: v for k, v in results.items() if v[0] != v[1]}
    assert not wrong, f"{name}: (got, expected) {wrong}"


# The admin: every registered model's list, for every role. Content managers
# reach content, coaches their clients' records, members and visitors nothing.
CONTENT = {"guides.guide", "guides.role", "guides.tag", "assessments.decisionquestion",
           "plans.plantemplate"}  # fmt: skip
COACHING = {"accounts.client", "plans.plan", "assessments.assessment"}


def admin_changelists() -> dict[str, str]:
    from django.contrib import admin

    return {
        model._meta.label_lower: reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        )
        for model in admin.site._registry
    }


def expected_admin_status(label: str, role: str) -> int:
    if role in {"visitor", "member_a", "member_b"}:
        return 302  # to sign in
    if role == "superuser":
        return 200
    if role == "content_manager":
        return 200 if label in CONTENT else 403
    return 200 if label in COACHING else 403


def test_every_admin_list_for_every_role(client, world):
    users, _, _ = world
    wrong = {}
    for label, url in admin_changelists().items():
        for role in ROLES:
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            status = client.get(url).status_code
            if status != expected_admin_status(label, role):
                wrong[(label, role)] = (status, expected_admin_status(label, role))
    assert not wrong, f"(got, expected) {wrong}"
