"""Every URL of ours, for every kind of user, with GET and POST.

The URL list comes from the resolver: a new URL in one of our apps without an
entry below fails the suite. Member A's objects answer 404 to everyone else —
other members, coaches (A's own included: they read A's data in the admin),
content managers and superusers — and send visitors to sign in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coaching.models import CoachFeedback
from market import services as market_services
from plans.checkins import rotate_feed
from publishing import revisions
from tests.factories import (
    GuideFactory,
    StaffFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
    make_plan,
    plan_template,
)

# Every app that lives in this repository, so a new app's URLs count too.
OUR_APPS = tuple(
    f"{config.name}."
    for config in apps.get_app_configs()
    if Path(config.path) == Path(settings.BASE_DIR) / config.name
)
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
    "guides:preview": Entry(
        get={**everyone(404), "content_manager": 200, "superuser": 200},
        post=everyone(405),
        kwargs="guide",
    ),
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
    "coaching:feedback": Entry(get=owned(200), post=owned(303), kwargs="feedback"),
    "coaching:thread": Entry(get=owned(200), post=owned(400), kwargs="plan"),
    "coaching:thread-read": Entry(get=signed_in(405), post=owned(303), kwargs="plan"),
    "plans:checkin": Entry(get=owned(200), post=owned(400), kwargs="plan"),
    "plans:feed-rotate": Entry(get=signed_in(405), post=owned(303), kwargs="plan"),
    # The token is the key: it signs no one in, and anyone holding it reads
    # that plan's dates (a wrong or rotated token: tests/plans/test_checkins.py).
    "plans:feed": Entry(get=everyone(200), post=everyone(405), kwargs="feed"),
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
    "plans:milestone-restore": Entry(
        get=signed_in(405), post=owned(409), kwargs="plan"
    ),
    "plans:guide-change-add": Entry(get=signed_in(405), post=owned(303), kwargs="plan"),
    "plans:guide-change-dismiss": Entry(
        get=signed_in(405), post=signed_in(404), kwargs="guide_pk"
    ),
    "market:check": Entry(get=signed_in(200), post=signed_in(400)),
    "market:save": Entry(get=signed_in(405), post=signed_in(400)),
    "market:detail": Entry(get=owned(200), post=signed_in(405), kwargs="check"),
    "market:carry": Entry(get=signed_in(405), post=owned(303), kwargs="check"),
    "market:delete": Entry(get=signed_in(405), post=owned(303), kwargs="check"),
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
    feed = rotate_feed(plan=plan)
    check = market_services.save_check(member=member_a, guide=guide, postings=["x"])
    revisions.start_draft(guide=guide, author=None)  # for the preview URL
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
        "check": {"pk": check.pk},
        "guide_pk": {"guide_pk": guide.pk},
        "feed": {"token": feed.token},
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
           "plans.plantemplate", "plans.milestonetemplate",
           "market.marketsignal"}  # fmt: skip
COACHING = {"accounts.client", "plans.plan", "assessments.assessment"}
#: Coaches' own rows (their private notes), scoped to the coach who wrote them.
COACH_OWN = {"coaching.coachnote"}


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
    return 200 if label in COACHING | COACH_OWN else 403


def test_coach_notes_list_refuses_every_typed_lookup(client, world):
    users, _, _ = world
    client.force_login(users["coach_a"])
    url = admin_changelists()["coaching.coachnote"]
    for lookup in ("client__password__startswith", "body__regex", "coach__email"):
        assert client.get(url, {lookup: "pbkdf2"}).status_code == 400, lookup


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


# Ids out of any database's range answer 404, in the path, the query string
# or a form, as a missing row does (SQLite would overflow, a 500).
OUT_OF_RANGE = 2**63


@pytest.mark.parametrize("name", sorted(n for n in MATRIX if MATRIX[n].kwargs))
def test_out_of_range_ids_in_the_path_answer_404(client, world, name):
    users, kwargs, _ = world
    entry = MATRIX[name]
    client.force_login(users["member_a"])
    ids = {k: v for k, v in kwargs[entry.kwargs].items() if isinstance(v, int)}
    if not ids:
        pytest.skip("no id in this URL")
    url = reverse(
        name, kwargs={**kwargs[entry.kwargs], **dict.fromkeys(ids, OUT_OF_RANGE)}
    )
    for method in ("get", "post"):
        if getattr(entry, method)["member_a"] == 405:
            continue
        assert getattr(client, method)(url).status_code == 404, (method, url)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("assessments:compare", {"a": OUT_OF_RANGE, "b": "done_1"}),
        ("assessments:compare", {"a": OUT_OF_RANGE, "b": OUT_OF_RANGE}),
        ("assessments:compare", {"a": -OUT_OF_RANGE - 1, "b": "done_1"}),
        ("plans:new", {"assessment": OUT_OF_RANGE}),
        ("plans:new", {"template": OUT_OF_RANGE}),
    ],
)
def test_out_of_range_ids_in_a_query_or_form_answer_404(client, world, name, query):
    users, _, ids = world
    client.force_login(users["member_a"])
    query = {k: ids.get(v, v) for k, v in query.items()}
    assert client.get(reverse(name), query).status_code == 404
    if name == "plans:new":
        assert client.post(reverse(name), query).status_code == 404


# Responses within a session are never stored by a cache.


def test_every_signed_in_page_is_private_and_never_stored(client, world):
    users, kwargs, ids = world
    client.force_login(users["member_a"])
    checked = []
    for name, entry in MATRIX.items():
        if entry.get["member_a"] != 200:
            continue
        query = {k: ids.get(v, v) for k, v in entry.query.items()}
        response = client.get(reverse(name, kwargs=kwargs[entry.kwargs]), query)
        assert response.status_code == 200, name
        cache_control = {
            part.strip() for part in response.get("Cache-Control", "").split(",")
        }
        assert {"private", "no-store"} <= cache_control, (name, cache_control)
        assert "public" not in cache_control
        checked.append(name)
    assert {"plans:calendar", "accounts:data", "plans:detail", "home"} <= set(checked)


# The admin: the second factor whatever the script prefix, and lookups only
# through each coach-scoped list's own filters.


def gunicorn_environ(request_head: bytes) -> dict[str, str]:
    """SCRIPT_NAME and PATH_INFO as gunicorn builds them from raw bytes."""
    from gunicorn.config import Config
    from gunicorn.http.message import Request
    from gunicorn.http.unreader import IterUnreader
    from gunicorn.http.wsgi import create

    cfg = Config()
    peer = ("127.0.0.1", 50000)
    request = Request(cfg, IterUnreader([request_head]), peer)
    _, environ = create(request, None, peer, ("127.0.0.1", "8000"), cfg)
    return {k: environ[k] for k in ("SCRIPT_NAME", "PATH_INFO")}


@pytest.fixture
def coach_without_authenticator(db):
    coach = StaffFactory(group="Coaches", totp=False)
    member = UserFactory(coach=coach)
    return coach, make_plan(member)


@pytest.mark.parametrize("how", ["script prefix", "header through gunicorn"])
def test_staff_without_a_second_factor_never_reach_the_admin_under_a_prefix(
    client, coach_without_authenticator, how
):
    coach, plan = coach_without_authenticator
    client.force_login(coach)
    paths = [
        reverse("admin:index"),
        reverse("admin:accounts_client_changelist"),
        reverse("admin:plans_plan_change", args=[plan.pk]),
    ]
    for path in paths:
        if how == "script prefix":  # e.g. SCRIPT_NAME=/cr gunicorn config.wsgi
            environ = {"SCRIPT_NAME": "/cr", "PATH_INFO": path}
        else:  # a client's "SCRIPT_NAME: /x" header, sent straight to gunicorn
            environ = gunicorn_environ(
                f"GET /x{path} HTTP/1.1\r\nHost: testserver\r\n"
                "SCRIPT_NAME: /x\r\n\r\n".encode()
            )
        prefix = environ["SCRIPT_NAME"]
        response = client.get(path, **environ)
        assert response.status_code == 302, path
        # The test client leaves reverse() without the prefix; the place is
        # what matters: the authenticator set-up, coming back to the admin.
        assert response["Location"].endswith(
            f"{reverse('mfa_activate_totp')}?next={prefix}{path}"
        )
    # Nor does a POST through the prefix leave feedback on the plan.
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    response = client.post(
        url,
        {"feedback-TOTAL_FORMS": "1", "feedback-INITIAL_FORMS": "0",
         "feedback-0-body": "Written without a second factor"},
        SCRIPT_NAME="/cr", PATH_INFO=url,
    )  # fmt: skip
    assert response.status_code == 302
    assert not CoachFeedback.objects.filter(plan=plan).exists()


SECRET_LOOKUPS = {
    # The client list is of users: their own credentials and second factor.
    "accounts.client": ["password__startswith", "password__regex", "email__startswith",
                        "authenticator__data__icontains", "authenticator__type",
                        "coach__password__startswith", "last_login__gte"],
    # Plans and results: through the member to the same secrets.
    "plans.plan": ["member__password__startswith", "member__email__startswith",
                   "member__authenticator__data__icontains", "title__regex",
                   "milestones__evidence_url__startswith", "status__regex"],
    "assessments.assessment": ["member__password__startswith", "member__email__regex",
                               "member__authenticator__data__icontains",
                               "result__icontains", "started_at__gte"],
}  # fmt: skip


def coach_scoped_admins() -> dict[str, object]:
    from django.contrib import admin

    from coaching.mixins import CoachScopedAdminMixin

    return {
        model._meta.label_lower: model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, CoachScopedAdminMixin)
    }


def test_every_coach_scoped_admin_has_secret_lookups_listed():
    assert set(coach_scoped_admins()) == set(SECRET_LOOKUPS) == COACHING


@pytest.mark.parametrize("label", sorted(SECRET_LOOKUPS))
@pytest.mark.parametrize("role", ["coach_a", "superuser"])
def test_coach_scoped_admins_refuse_lookups_beyond_their_filters(
    client, world, label, role
):
    users, _, _ = world
    client.force_login(users[role])
    url = admin_changelists()[label]
    assert client.get(url).status_code == 200
    for lookup in SECRET_LOOKUPS[label]:
        response = client.get(url, {lookup: "pbkdf2"})
        assert response.status_code == 400, (label, lookup)
        html = response.content.decode()
        assert "result" not in html and users["member_a"].email not in html


@pytest.mark.parametrize(
    ("label", "query"),
    [
        ("accounts.client", {"overdue": "yes"}),
        ("accounts.client", {"level__exact": "senior"}),
        ("plans.plan", {"status__exact": "active"}),
        ("plans.plan", {"member__id__exact": "member_a"}),
        ("assessments.assessment", {"completed_at__isempty": "0"}),
        ("assessments.assessment", {"member__id__exact": "member_a"}),
    ],
)
def test_coach_scoped_admins_keep_their_own_filters(client, world, label, query):
    users, _, _ = world
    client.force_login(users["coach_a"])
    query = {k: users[v].pk if v in users else v for k, v in query.items()}
    response = client.get(admin_changelists()[label], query)
    assert response.status_code == 200, (label, query)


# The admin's "view on site" redirect answers only for what the user can open.


def test_view_on_site_redirect_hides_other_coaches_clients_and_drafts(client, world):
    from django.contrib.contenttypes.models import ContentType

    from guides.models import Guide
    from plans.models import Plan

    users, kwargs, _ = world
    plan = Plan.objects.get(pk=kwargs["plan"]["pk"])
    draft = GuideFactory(status=Guide.Status.DRAFT)
    plan_url = reverse(
        "admin:view_on_site",
        args=[ContentType.objects.get_for_model(Plan).pk, plan.pk],
    )
    draft_url = reverse(
        "admin:view_on_site",
        args=[ContentType.objects.get_for_model(Guide).pk, draft.pk],
    )
    expected = {
        "coach_a": (302, 404),
        "coach_b": (404, 404),
        "content_manager": (404, 302),
        "superuser": (302, 302),
    }
    for role, (plan_status, draft_status) in expected.items():
        client.force_login(users[role])
        on_plan, on_draft = client.get(plan_url), client.get(draft_url)
        assert (on_plan.status_code, on_draft.status_code) == (
            plan_status, draft_status,
        ), role  # fmt: skip
        if on_draft.status_code == 404:
            assert draft.slug not in on_draft.content.decode()
        if on_plan.status_code == 302:
            assert on_plan["Location"].endswith(plan.get_absolute_url())
    for bad in ([0, plan.pk], [OUT_OF_RANGE, 1], ["x", "y"]):
        client.force_login(users["superuser"])
        response = client.get(reverse("admin:view_on_site", args=bad))
        assert response.status_code == 404
