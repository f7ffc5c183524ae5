"""The mixed workload: simulated members, each with their own session, each
looping dashboard → plan → a milestone status change (an htmx POST with its
CSRF token) → plan → result → guide, for a fixed time.

Two steps, run with the benchmark's environment against a running server:

    .venv/bin/python bench/journey.py prepare --users 32 > members.json
    .venv/bin/python bench/journey.py run members.json --port 8765 --seconds 10
    .venv/bin/python bench/journey.py run members.json --floor ...  # the floor

``prepare`` signs the members in (one session each; with fewer members than
users, members are shared and each user changes a milestone of its own) and
prints their URLs. ``run`` prints one JSON object: requests/s, latency
percentiles, errors (any status other than 200 and 3xx, and failed
connections) and completed journeys. With ``--floor`` every user loops over
the floor page instead, so the two figures come from the same load generator.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(users: int) -> list[dict]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from accounts.models import User
    from bench.probe import session_for
    from plans.models import Milestone
    from plans.seed import DEMO_GUIDE_SLUG as MAIN_GUIDE_SLUG

    members = list(
        User.objects.filter(email__endswith="@bench.test", is_staff=False)
        .exclude(plans=None)
        .order_by("pk")[:users]
    )
    out = []
    for index in range(users):
        member = members[index % len(members)]
        plan = member.plans.first()
        open_ones = list(plan.milestones.open().order_by("order"))
        milestone = open_ones[(index // len(members)) % len(open_ones)]
        Milestone.objects.filter(pk=milestone.pk).update(status="todo")
        result = member.assessments.completed().first()
        out.append({
            "session": session_for(member),
            "dashboard": "/",
            "plan": plan.get_absolute_url(),
            "status": f"/plans/{plan.pk}/milestones/{milestone.pk}/status/",
            "milestone": milestone.pk,
            "result": result.get_absolute_url(),
            "guide": f"/guides/{MAIN_GUIDE_SLUG}/",
        })  # fmt: skip
    return out


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class User:
    """One simulated member: their own connection, cookies and latencies."""

    def __init__(self, port: int, member: dict, floor: bool) -> None:
        self.port, self.member, self.floor = port, member, floor
        self.cookies = {"sessionid": member["session"]}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.latencies: list[float] = []
        self.errors = 0
        self.journeys = 0

    def request(self, method: str, path: str, body: str = "", headers=None) -> str:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Cookie": cookie, "Host": "127.0.0.1", **(headers or {})}
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body or None, headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.errors += 1
            return ""
        self.latencies.append(time.perf_counter() - started)
        if response.status != 200 and not 300 <= response.status < 400:
            self.errors += 1
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return data.decode("utf-8", "replace")

    def journey(self, step: int) -> None:
        m = self.member
        self.request("GET", m["dashboard"])
        page = self.request("GET", m["plan"])
        row = page.partition(f'id="milestone-{m["milestone"]}"')[2]
        version = re.search(r'name="version" value="(\d+)"', row)
        token = TOKEN.search(page)
        if not (version and token):
            self.errors += 1
            return
        body = urllib.parse.urlencode({
            "csrfmiddlewaretoken": token.group(1), "version": version.group(1),
            "status": "doing" if step % 2 == 0 else "todo",
        })  # fmt: skip
        self.request("POST", m["status"], body, {
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true", "X-CSRFToken": token.group(1),
        })  # fmt: skip
        self.request("GET", m["plan"])
        self.request("GET", m["result"])
        self.request("GET", m["guide"])
        self.journeys += 1

    def loop(self, until: float) -> None:
        step = 0
        while time.monotonic() < until:
            if self.floor:
                self.request("GET", "/bench/floor/")
            else:
                self.journey(step)
            step += 1


def run(members: list[dict], port: int, seconds: float, floor: bool) -> dict:
    users = [User(port, m, floor) for m in members]
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=u.loop, args=(until,)) for u in users]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies = sorted(x for u in users for x in u.latencies)

    def pct(p: float) -> float:
        if not latencies:
            return 0.0
        return 1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    return {
        "users": len(users),
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "errors": sum(u.errors for u in users),
        "journeys": sum(u.journeys for u in users),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--users", type=int, default=32)
    r = sub.add_parser("run")
    r.add_argument("members")
    r.add_argument("--port", type=int, default=8765)
    r.add_argument("--seconds", type=float, default=10)
    r.add_argument("--floor", action="store_true")
    args = parser.parse_args()
    if args.command == "prepare":
        print(json.dumps(prepare(args.users)))
    else:
        members = json.loads(Path(args.members).read_text())
        print(json.dumps(run(members, args.port, args.seconds, args.floor)))


if __name__ == "__main__":
    main()
