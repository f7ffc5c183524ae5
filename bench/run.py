"""Benchmark: throughput, latency, queries and page weight against a floor.

For two database sizes (10 and 1,000 members, each with 3 assessments and a
20-milestone plan) it fills a fresh PostgreSQL database, starts gunicorn with
2 workers on 127.0.0.1, and loads each page with wrk at 32 connections,
comparing it with a trivial signed-in page through the same middleware (the
floor); then runs the mixed journey (bench/journey.py: 32 members, each with
their own session, looping dashboard → plan → status change → plan → result →
guide) against the floor looped by the same generator; and times each page's
first and repeat view in process (bench/timings.py). It writes BENCHMARKS.md.

    make bench        # or: .venv/bin/python bench/run.py [--seconds 10]

Needs PostgreSQL (started here when it is the local Debian cluster) and wrk
(installed with apt-get when missing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PORT = 8765
CONNECTIONS = 32
SIZES = [10, 1000]
PG_ROLE = "crossroads"
DATABASE_PREFIX = "crossroads_bench"
USERS = 32
TARGETS = {"plan": 0.4, "dashboard": 0.5, "assessment result": 0.5, "guide": 0.7,
           "coach's clients (admin)": 0.3}  # fmt: skip
JOURNEY_TARGET = 0.4
MAX_P99 = 2.5
MAX_QUERIES = 8
MAX_KB = 60


def sh(*args: str, env: dict | None = None, stdin: str | None = None) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env=env, check=True, text=True, input=stdin,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    return result.stdout


def start_postgres() -> None:
    """The local Debian cluster, running, with the benchmark's role."""
    subprocess.run(["pg_ctlcluster", "15", "main", "start"], capture_output=True)
    for _ in range(30):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0:
            break
        time.sleep(1)
    sql = (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{PG_ROLE}')"
        f" THEN CREATE ROLE {PG_ROLE} LOGIN CREATEDB PASSWORD '{PG_ROLE}'; END IF;"
        " END $$;"
    )
    sh("su", "postgres", "-c", "psql -q -v ON_ERROR_STOP=1", stdin=sql)


def ensure_tools() -> None:
    if not shutil.which("wrk"):
        sh("apt-get", "install", "-y", "-qq", "wrk")
    start_postgres()


def environment(database: str) -> dict:
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_TESTING": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-0123456789abcdefghijkl",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_BEHIND_PROXY": "0",
        "DJANGO_BENCH_FLOOR": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"postgresql://{PG_ROLE}:{PG_ROLE}@127.0.0.1:5432/{database}",
    }


def fresh_database(database: str) -> dict:
    """``database`` dropped, created and migrated; its environment."""
    admin_env = environment("postgres")
    for statement in (
        f"DROP DATABASE IF EXISTS {database}",
        f"CREATE DATABASE {database}",
    ):
        sh(PYTHON, "-c", (
            "import psycopg, os; c = psycopg.connect(os.environ['DATABASE_URL'], "
            f"autocommit=True); c.execute('{statement}')"
        ), env=admin_env)  # fmt: skip
    env = environment(database)
    sh(PYTHON, "manage.py", "migrate", "--no-input", env=env)
    return env


def prepare(size: int, prefix: str = DATABASE_PREFIX, database: str = "") -> dict:
    """A fresh database (``<prefix>_<size>`` unless named) with ``size``
    members; its environment."""
    env = fresh_database(database or f"{prefix}_{size}")
    started = time.monotonic()
    sh(PYTHON, "bench/populate.py", str(size), env=env)
    print(f"  {size} members populated in {time.monotonic() - started:.0f} s")
    return env


def start_server(env: dict, port: int | None = None) -> subprocess.Popen:
    """gunicorn with 2 workers on ``port`` (the run's port by default), once
    its health check answers."""
    port = port or PORT
    server = subprocess.Popen(
        [GUNICORN, "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def load(url: str, session: str, seconds: int) -> dict:
    common = ["-H", f"Cookie: sessionid={session}", f"http://127.0.0.1:{PORT}{url}"]
    subprocess.run(["wrk", "-t2", "-c8", "-d2s", *common], capture_output=True)
    output = sh("wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency",
                "-s", "bench/report.lua", *common)  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def last_json(output: str):
    return json.loads(output.strip().splitlines()[-1])


def measure(size: int, seconds: int, prefix: str, users: int, n: int) -> dict:
    env = prepare(size, prefix)
    sh(PYTHON, "manage.py", "collectstatic", "--no-input", env=env)
    probe = last_json(sh(PYTHON, "bench/probe.py", env=env))
    timings = last_json(sh(PYTHON, "bench/timings.py", "--json", "-n", str(n),
                           "--database", f"{prefix}_{size}", env=env))  # fmt: skip
    for name, page in probe.items():
        page.update(timings[name])
    members = Path(tempfile.gettempdir()) / f"crossroads-journey-{os.getpid()}.json"
    members.write_text(sh(PYTHON, "bench/journey.py", "prepare", "--users",
                          str(users), env=env).strip().splitlines()[-1])  # fmt: skip
    journey = {}
    server = start_server(env)
    try:
        for name, page in probe.items():
            page.update(load(page["url"], page["session"], seconds))
            print(
                f"  {name:<26} {page['rps']:>7.1f} req/s  p99 {page['p99_ms']:.0f} ms"
            )
        for name, extra in (("floor (same generator)", ["--floor"]),
                            ("mixed journey", [])):  # fmt: skip
            journey[name] = last_json(sh(
                PYTHON, "bench/journey.py", "run", str(members), "--port", str(PORT),
                "--seconds", str(seconds), *extra,
            ))  # fmt: skip
            j = journey[name]
            print(f"  {name:<26} {j['rps']:>7.1f} req/s  p99 {j['p99_ms']:.0f} ms "
                  f"errors {j['errors']}")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
        members.unlink(missing_ok=True)
    return {"pages": probe, "journey": journey}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}"


def report(results: dict[int, dict], seconds: int) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
        f"gunicorn with 2 workers on 127.0.0.1, PostgreSQL, wrk at {CONNECTIONS} "
        f"connections for {seconds} s per page (after a 2 s warm-up), load generator "
        "on the same machine. Reproduce with `make bench`.",
        "",
        "Ratios compare each page with the floor measured in the same run: a "
        "signed-in page with a one-line template through the same middleware.",
        "Bytes are what a first visit transfers, gzip-compressed: the HTML plus the "
        "stylesheet and scripts it links to.",
        "Queries and in-process times (medians through Django's test client, "
        "bench/timings.py) are for a first view, with an empty cache as after "
        "any change to what the page shows, and a repeat view. "
        "Member pages are rendered fresh on every request; only the guide pages "
        "are cached (see bench/PROFILE.md).",
        "",
    ]
    failures = []
    for size, result in results.items():
        pages = result["pages"]
        floor = pages["floor"]
        lines += [
            f"## {size} members (each with 3 assessments and a 20-milestone plan)",
            "",
            "| page | req/s | × floor | p50 ms | p95 ms | p99 ms | p99 × floor | errors "
            "| queries (first / repeat) | in-process ms (first / repeat) "
            "| HTML KB (gz) | total KB (gz) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, p in pages.items():
            ratio = p["rps"] / floor["rps"]
            p99_ratio = p["p99_ms"] / floor["p99_ms"]
            total_kb = (p["html_gz"] + p["assets_gz"]) / 1024
            lines.append(
                f"| {name} | {p['rps']:.0f} | {ratio:.2f} | {p['p50_ms']:.1f} | "
                f"{p['p95_ms']:.1f} | {p['p99_ms']:.1f} | {p99_ratio:.2f} | "
                f"{p['errors']} | {p['queries_cold']} / {p['queries']} | "
                f"{p['first_ms']:.1f} / {p['repeat_ms']:.1f} | "
                f"{p['html_gz'] / 1024:.1f} | "
                f"{total_kb:.1f} |"
            )
            if name in TARGETS and ratio < TARGETS[name]:
                failures.append(f"{size}: {name} throughput {ratio:.2f} × floor")
            if name != "floor" and p99_ratio > MAX_P99:
                failures.append(f"{size}: {name} p99 {p99_ratio:.2f} × floor")
            if p["errors"]:
                failures.append(f"{size}: {name} had {p['errors']} errors")
            if max(p["queries"], p["queries_cold"]) > MAX_QUERIES:
                failures.append(f"{size}: {name} ran {p['queries_cold']} queries")
            if total_kb > MAX_KB:
                failures.append(f"{size}: {name} transfers {total_kb:.0f} KB")
        journey = result["journey"]
        j_floor, mixed = journey["floor (same generator)"], journey["mixed journey"]
        lines += [
            "",
            f"Mixed journey: {mixed['users']} simulated members with their own "
            "sessions, each looping dashboard → plan → status change (htmx POST "
            "with CSRF) → plan → result → guide; the floor looped by the same "
            "Python load generator for comparison.",
            "",
            "| run | req/s | × floor | p50 ms | p95 ms | p99 ms | p99 × floor "
            "| errors | journeys |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, j in journey.items():
            ratio = j["rps"] / j_floor["rps"]
            p99_ratio = j["p99_ms"] / j_floor["p99_ms"]
            lines.append(
                f"| {name} | {j['rps']:.0f} | {ratio:.2f} | {j['p50_ms']:.1f} | "
                f"{j['p95_ms']:.1f} | {j['p99_ms']:.1f} | {p99_ratio:.2f} | "
                f"{j['errors']} | {j['journeys']} |"
            )
        ratio = mixed["rps"] / j_floor["rps"]
        if ratio < JOURNEY_TARGET:
            failures.append(f"{size}: mixed journey throughput {ratio:.2f} × floor")
        if mixed["p99_ms"] / j_floor["p99_ms"] > MAX_P99:
            failures.append(f"{size}: mixed journey p99 above {MAX_P99} × floor")
        if mixed["errors"] or j_floor["errors"]:
            failures.append(f"{size}: mixed journey had {mixed['errors']} errors")
        lines.append("")
    sizes = list(results)
    first, last = results[sizes[0]]["pages"], results[sizes[-1]]["pages"]
    same = all(
        first[n][count] == last[n][count]
        for n in first
        for count in ("queries", "queries_cold")
    )
    lines += [
        "## Targets",
        "",
        "Throughput against the floor: plan ≥ 0.4 ×, dashboard and result ≥ 0.5 ×, "
        "guide ≥ 0.7 ×, coach's clients ≥ 0.3 ×, the mixed journey ≥ 0.4 × (against "
        f"the floor looped by the same generator); every p99 ≤ {MAX_P99} × the "
        f"floor's; 0 errors; queries the same at both sizes and ≤ {MAX_QUERIES}; "
        f"every page ≤ {MAX_KB} KB transferred.",
        "",
        f"- Queries identical at both sizes: {'yes' if same else 'NO'}",
    ]
    lines += [f"- Missed: {f}" for f in failures] or ["- All targets met in this run."]
    return "\n".join(lines) + "\n"


def main() -> None:
    global PORT  # one setting for the whole run
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("-n", type=int, default=40, help="in-process samples")
    parser.add_argument("--database-prefix", default=DATABASE_PREFIX)
    parser.add_argument("--output", default="BENCHMARKS.md")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    PORT = args.port
    ensure_tools()
    results = {}
    for size in args.sizes:
        print(f"{size} members")
        results[size] = measure(
            size, args.seconds, args.database_prefix, args.users, args.n
        )
    text = report(results, args.seconds)
    (ROOT / args.output).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
