"""In-process timings and profiles of the benchmarked pages.

Median time per signed-in request through Django's test client, and
optionally the top functions from cProfile. Run against a benchmark database
(after `make bench` has filled it), with the benchmark's environment:

    .venv/bin/python bench/timings.py            # medians
    .venv/bin/python bench/timings.py plan -p    # plus a profile of one page,
                                                 # saved as $TMPDIR/plan.prof
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
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    from run import environment

    os.environ.update(environment(f"crossroads_bench_{args.size}"))
    probe = json.loads(
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "probe.py")],
            check=True, capture_output=True, text=True, env=os.environ,
        ).stdout.strip().splitlines()[-1]
    )  # fmt: skip
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.test import Client

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


if __name__ == "__main__":
    main()
