"""In-process measurements for the benchmark: sign-in sessions, queries per
page (on a first view with empty caches, and on a repeat view) and bytes a
first visit transfers (HTML, CSS and JS, gzip).

Prints one JSON object. Run with the benchmark's environment.
"""

import gzip
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from assessments.models import Assessment
from plans.models import Plan
from plans.seed import DEMO_GUIDE_SLUG as MAIN_GUIDE_SLUG


def session_for(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def asset_bytes(html: str) -> int:
    """gzip size of the stylesheets and scripts the page links to."""
    total = 0
    for path in re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        clean = re.sub(r"\.[0-9a-f]{12}\.", ".", path)  # manifest hashes
        found = finders.find(clean)
        if found:
            with open(found, "rb") as fh:
                total += gz(fh.read())
    return total


def main() -> None:
    member = User.objects.get(email="member0@bench.test")
    coach = User.objects.get(email="coach@bench.test")
    plan = Plan.objects.filter(member=member).first()
    result = Assessment.objects.filter(member=member).completed().first()
    pages = {
        "floor": ("/bench/floor/", member),
        "guide list": ("/guides/", member),
        "guide": (f"/guides/{MAIN_GUIDE_SLUG}/", member),
        "dashboard": ("/", member),
        "plan": (f"/plans/{plan.pk}/", member),
        "assessment result": (f"/assessments/{result.pk}/", member),
        "coach's clients (admin)": ("/admin/accounts/client/", coach),
    }
    sessions = {member.pk: session_for(member), coach.pk: session_for(coach)}
    out = {}
    for name, (url, user) in pages.items():
        client = Client()
        client.cookies["sessionid"] = sessions[user.pk]
        cache.clear()  # a first view, as after a change to what the page shows
        with CaptureQueriesContext(connection) as cold:
            client.get(url)
        with CaptureQueriesContext(connection) as queries:  # a repeat view
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        html = response.content
        out[name] = {
            "url": url,
            "session": sessions[user.pk],
            "queries": len(queries),
            "queries_cold": len(cold),
            "html_bytes": len(html),
            "html_gz": gz(html),
            "assets_gz": asset_bytes(html.decode()),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
