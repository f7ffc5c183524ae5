"""In-process timings and profiles of the benchmarked pages.

Median time per signed-in request through Django's test client, and
optionally the top functions from cProfile. Run against a benchmark database
(after `make bench` has filled it), with the benchmark's environment:

    .venv/bin/python bench/timings.py            # medians
    .venv/bin/python bench/timings.py plan -p    # plus a profile of one page,
                                                 # saved as $TMPDIR/plan.prof
    .venv/bin/python bench/timings.py --json     # first and repeat views

A first view is the page with an empty cache, as after any change to what it
shows; a repeat view is the same page asked again right after.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*")
    parser.add_argument("-p", "--profile", action="store_true")
    parser.add_argument("-n", type=int, default=60)
    parser.add_argument("--size", type=int, default=10)
    parser.add_argument("--database", help="default: crossroads_bench_<size>")
    parser.add_argument("--json", action="store_true", help="first and repeat views")
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    from run import environment

    os.environ.update(environment(args.database or f"crossroads_bench_{args.size}"))
    probe = json.loads(
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "probe.py")],
            check=True, capture_output=True, text=True, env=os.environ,
        ).stdout.strip().splitlines()[-1]
    )  # fmt: skip
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    if args.json:
        print(json.dumps(first_and_repeat(probe, args.n, Client, cache)))
        return
    for name, page in probe.items():
        if args.pages and name.split()[0] not in args.pages:
            continue
        client = Client()
        client.cookies["sessionid"] = page["session"]
        for _ in range(5):
            client.get(page["url"])
        times = []
        for _ in range(args.n):
            started = time.perf_counter()
            client.get(page["url"])
            times.append((time.perf_counter() - started) * 1000)
        print(f"{name:<26} median {statistics.median(times):6.2f} ms")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(30):
                client.get(page["url"])
            profiler.disable()
            stats = pstats.Stats(profiler)
            print(f"  {stats.total_calls} calls / 30 requests")
            stats.dump_stats(Path(tempfile.gettempdir()) / f"{name.split()[0]}.prof")
            stats.sort_stats("cumulative").print_stats(40)


def first_and_repeat(probe: dict, n: int, client_class, cache) -> dict:
    """Median in-process ms of each page's first view and repeat view."""

    def timed(client, url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return (time.perf_counter() - started) * 1000

    out = {}
    for name, page in probe.items():
        # One client per page: a new test client would also pay for loading
        # the middleware, which a server does once per process.
        client = client_class()
        client.cookies["sessionid"] = page["session"]
        timed(client, page["url"])
        first, repeat = [], []
        for _ in range(n):
            cache.clear()
            first.append(timed(client, page["url"]))
            repeat.append(timed(client, page["url"]))
        out[name] = {
            "first_ms": statistics.median(first),
            "repeat_ms": statistics.median(repeat),
        }
    return out


if __name__ == "__main__":
    main()
