"""Settings from a bare checkout: code-only commands run, servers refuse."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    extra = env or {}
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    env["DJANGO_TESTING"] = "0"
    env.update(extra)
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_migration_checks_need_no_secret():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_anything_else_without_a_secret_is_refused():
    result = manage("check")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def trusted_proxy_count(**env: str) -> str:
    result = manage(
        "shell", "-c", "from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
        env={"DJANGO_DEBUG": "1", **env},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_behind_the_proxy_exactly_the_configured_proxies_are_trusted():
    assert trusted_proxy_count(DJANGO_BEHIND_PROXY="1") == "1"
    assert (
        trusted_proxy_count(DJANGO_BEHIND_PROXY="1", DJANGO_TRUSTED_PROXY_COUNT="2")
        == "2"
    )
    # Straight on the internet, a forwarded address is never believed.
    assert (
        trusted_proxy_count(DJANGO_BEHIND_PROXY="0", DJANGO_TRUSTED_PROXY_COUNT="2")
        == "0"
    )
