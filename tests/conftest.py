import pytest
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import UserFactory

# Properties are checked by their examples, not by wall time: CI machines are
# shared and a slow example is not a failure.
hypothesis_settings.register_profile("crossroads", deadline=None)
hypothesis_settings.load_profile("crossroads")


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
