from pathlib import Path

import pytest
from django.apps import apps as installed_apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from tests.factories import UserFactory

# Properties are checked by their examples, not by wall time: CI machines are
# shared and a slow example is not a failure.
hypothesis_settings.register_profile("crossroads", deadline=None)
hypothesis_settings.load_profile("crossroads")


def _our_apps() -> set[str]:
    return {
        config.label
        for config in installed_apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    }


def replay_data_migrations() -> None:
    """Run our data migrations' RunPython code again (each is idempotent).

    A transactional test (browser tests, live servers) ends by flushing the
    database, which empties what data migrations made: the staff groups and
    their permissions. Every later test must still find them.
    """
    ours = _our_apps()
    loader = MigrationLoader(connection)
    state_apps = loader.project_state().apps
    plan: list = []
    for leaf in loader.graph.leaf_nodes():
        if leaf[0] in ours:
            plan += [n for n in loader.graph.forwards_plan(leaf) if n not in plan]
    for node in plan:
        if node[0] in ours:
            for operation in loader.graph.nodes[node].operations:
                if isinstance(operation, RunPython):
                    operation.code(state_apps, None)


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(
        {"transactional_db", "live_server"} & fixtures
        or (marker and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a transactional test's flush, put back what data migrations made,
    so that every later test still finds the staff groups and permissions."""
    yield
    # After the last test the test database itself is gone.
    if nextitem is not None and _is_transactional(item):
        with item.config.stash[blocking_manager_key].unblock():
            replay_data_migrations()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits and the rendered-Markdown cache live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def other_member(db):
    return UserFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


# `make mutation` runs the tests hundreds of times on a busy machine: there, a
# slow example must not count as a failure (it would pass a mutant as killed).
hypothesis_settings.register_profile(
    "mutation", deadline=None, suppress_health_check=list(HealthCheck)
)
