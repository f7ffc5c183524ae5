"""Load test: 10,000 signed-in requests over the guide, dashboard and plan
pages from 32 concurrent users against gunicorn on 127.0.0.1; 0 errors.

    make load        # or: .venv/bin/python bench/load.py [--requests 10000]

Uses the benchmark's 10-member PostgreSQL database and server settings.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PORT, PYTHON, ensure_tools, prepare, sh, start_server

PAGES = ["guide", "dashboard", "plan"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=32)
    args = parser.parse_args()
    ensure_tools()
    env = prepare(10)
    sh(PYTHON, "manage.py", "collectstatic", "--no-input", env=env)
    probe = json.loads(sh(PYTHON, "bench/probe.py", env=env).strip().splitlines()[-1])
    targets = [(probe[name]["url"], probe[name]["session"]) for name in PAGES]
    work = itertools.islice(itertools.cycle(targets), args.requests)
    lock = threading.Lock()
    outcomes: Counter = Counter()

    def user() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while True:
            with lock:
                item = next(work, None)
            if item is None:
                return
            url, session = item
            try:
                connection.request(
                    "GET", url, headers={"Cookie": f"sessionid={session}"}
                )
                response = connection.getresponse()
                response.read()
                key = str(response.status)
            except (OSError, http.client.HTTPException) as error:
                key = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            with lock:
                outcomes[key] += 1

    server = start_server(env)
    try:
        started = time.monotonic()
        threads = [threading.Thread(target=user) for _ in range(args.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(outcomes.values())
    errors = total - outcomes["200"]
    print(f"{total} requests in {elapsed:.1f} s ({total / elapsed:.0f}/s) from "
          f"{args.users} users over {', '.join(PAGES)}: {dict(outcomes)}; "
          f"{errors} errors")  # fmt: skip
    sys.exit(1 if errors or total != args.requests else 0)


if __name__ == "__main__":
    main()
