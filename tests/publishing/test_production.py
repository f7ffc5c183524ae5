"""import_content runs with production settings (debug off) in a subprocess."""

import os
import subprocess
import sys

from django.conf import settings


def _manage(*args: str, database: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_TESTING": "0",
        "DJANGO_SECRET_KEY": "import-content-test-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "crossroads.example",
        "DATABASE_URL": database,
    }
    env.pop("REDIS_URL", None)
    return subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_import_content_runs_with_debug_off(tmp_path):
    database = f"sqlite:///{tmp_path / 'production.sqlite3'}"
    migrate = _manage("migrate", "--no-input", database=database)
    assert migrate.returncode == 0, migrate.stderr

    first = _manage("import_content", database=database)
    assert first.returncode == 0, first.stderr
    assert "Done: 6 created." in first.stdout

    again = _manage("import_content", database=database)
    assert again.returncode == 0, again.stderr
    assert "Done: 6 unchanged." in again.stdout

    # The demo seed still refuses on the same settings.
    seed = _manage("seed", database=database)
    assert seed.returncode != 0
    assert "Refusing" in seed.stderr
