"""Template variable lookups per milestone row on the plan page.

Counts calls to Django's ``Variable._resolve_lookup`` (every ``{{ x.y }}``,
``{% if %}`` operand and filter argument) while rendering the plan page with
20 and with 40 milestones, with an empty cache; the difference over 20 is the
cost of one row. Uses a throwaway SQLite database, so it needs no benchmark
database and does not depend on machine load:

    .venv/bin/python bench/lookups.py
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = Path(tempfile.gettempdir()) / f"crossroads-lookups-{os.getpid()}.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DJANGO_TESTING="1",
    DATABASE_URL=f"sqlite:///{DATABASE}",
)

import django

django.setup()

from django.core.cache import cache
from django.core.management import call_command
from django.template import base
from django.test import Client
from django.test.utils import setup_test_environment


def count_lookups(client: Client, url: str) -> int:
    calls = 0
    original = base.Variable._resolve_lookup

    def counting(self, context):
        nonlocal calls
        calls += 1
        return original(self, context)

    base.Variable._resolve_lookup = counting
    try:
        cache.clear()
        response = client.get(url)
    finally:
        base.Variable._resolve_lookup = original
    assert response.status_code == 200, response.status_code
    return calls


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from tests.factories import UserFactory, make_plan, plan_template

    counts = {}
    for size in (20, 40):
        member = UserFactory()
        plan = make_plan(member, plan_template(efforts=(2,) * size))
        client = Client()
        client.force_login(member)
        client.get(plan.get_absolute_url())  # warm up: templates compiled
        counts[size] = count_lookups(client, plan.get_absolute_url())
    per_row = (counts[40] - counts[20]) / 20
    print(f"plan page, 20 milestones: {counts[20]} lookups")
    print(f"plan page, 40 milestones: {counts[40]} lookups")
    print(f"per row: {per_row:.1f} lookups")


if __name__ == "__main__":
    try:
        main()
    finally:
        DATABASE.unlink(missing_ok=True)
