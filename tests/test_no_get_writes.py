"""GET and HEAD never write: every URL of the permission matrix, fetched by
every role, leaves every table as it was — the same row count and the same
checksum of its rows, so an update that adds no row is caught too.

Sessions are included: a flash message stored on a GET would be caught."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path, reverse
from django.views.decorators.http import require_safe

from accounts.models import User
from coaching.models import CoachFeedback
from plans.models import Milestone
from tests import test_permission_matrix
from tests.test_permission_matrix import MATRIX, ROLES, admin_changelists

# The permission matrix's users and objects.
world = test_permission_matrix.world


def snapshot() -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of its rows."""
    state = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - our own tables
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.blake2b("\n".join(rows).encode(), digest_size=16)
            state[table] = (len(rows), digest.hexdigest())
    return state


def changed_tables(before: dict, after: dict) -> dict[str, tuple]:
    return {
        table: (before.get(table), after.get(table))
        for table in before.keys() | after.keys()
        if before.get(table) != after.get(table)
    }


def signed_in_clients(users: dict) -> dict[str, Client]:
    """One client per role, signed in before anything is measured (signing
    in writes the session and the last-login time)."""
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if users[role] is not None:
            clients[role].force_login(users[role])
    return clients


def fetch_everything(clients: dict[str, Client], url: str, query: dict) -> None:
    for client in clients.values():
        for method in (client.get, client.head):
            method(url, query)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_get_and_head_write_nothing(world, name):
    users, kwargs, ids = world
    entry = MATRIX[name]
    url = reverse(name, kwargs=kwargs[entry.kwargs])
    query = {k: ids.get(v, v) for k, v in entry.query.items()}
    clients = signed_in_clients(users)
    before = snapshot()
    fetch_everything(clients, url, query)
    assert not changed_tables(before, snapshot()), f"GET or HEAD of {name} wrote"


def test_admin_lists_write_nothing_for_any_role(world):
    """The matrix's admin lists too. (Opening one client's record in the admin
    is the one read that writes, by design: the coach access log.)"""
    users, _, _ = world
    clients = signed_in_clients(users)
    before = snapshot()
    for url in admin_changelists().values():
        fetch_everything(clients, url, {})
    assert not changed_tables(before, snapshot())


# The check itself must be able to fail: a GET view that writes, mounted on a
# URL of its own, is caught whether it adds a row or only updates one.


@require_safe
def _marks_feedback_read(request) -> HttpResponse:
    CoachFeedback.objects.update(read_at="2026-01-01T00:00:00Z")
    return HttpResponse("read")


@require_safe
def _adds_a_milestone(request) -> HttpResponse:
    plan = request.user.plans.first()
    Milestone.objects.create(plan=plan, title="Sneaky", effort_hours=1)
    return HttpResponse("added")


@require_safe
def _touches_a_user(request) -> HttpResponse:
    User.objects.filter(pk=request.user.pk).update(name="Renamed by a GET")
    return HttpResponse("renamed")


urlpatterns = [
    path("read/", _marks_feedback_read, name="writes-read"),
    path("add/", _adds_a_milestone, name="writes-add"),
    path("touch/", _touches_a_user, name="writes-touch"),
    path("", include("config.urls")),
]


@pytest.mark.urls("tests.test_no_get_writes")
@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("writes-read", CoachFeedback._meta.db_table),
        ("writes-add", Milestone._meta.db_table),
        ("writes-touch", User._meta.db_table),
    ],
)
def test_the_check_catches_a_get_that_writes(world, name, table):
    users, _, _ = world
    client = Client()
    client.force_login(users["member_a"])
    before = snapshot()
    fetch_everything({"member_a": client}, reverse(name), {})
    changed = changed_tables(before, snapshot())
    assert table in changed
