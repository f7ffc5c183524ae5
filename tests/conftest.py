import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from tests.factories import CoachedClient, UserFactory, coached_client

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


@pytest.fixture
def coach_and_client(db) -> CoachedClient:
    """A coach with one client, who has a completed assessment and a plan."""
    return coached_client()
