"""Lighthouse on the home page, a guide, the dashboard and a plan.

The site runs as in production (debug off, a secret, allowed hosts, gunicorn,
whitenoise's compressed and fingerprinted static files) on a fresh PostgreSQL
database with the benchmark's content; Lighthouse (from npm) drives Debian's
Chromium. The scores go into BENCHMARKS.md, under "Lighthouse".

    make lighthouse   # or: .venv/bin/python bench/lighthouse.py [--runs 3]

Needs PostgreSQL (started here when it is the local Debian cluster), Chromium
at /usr/bin/chromium and lighthouse on the PATH (`npm install -g lighthouse`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run
from run import PYTHON, ROOT, machine, sh, start_postgres, start_server

PORT = 8766
DATABASE = "crossroads_lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
HEADING = "## Lighthouse"


def prepare() -> dict:
    env = run.prepare(10, database=DATABASE)
    sh(PYTHON, "manage.py", "collectstatic", "--no-input", "--clear", env=env)
    return env


def lighthouse(url: str, session: str | None, out: Path) -> dict[str, int]:
    command = [
        shutil.which("lighthouse") or "lighthouse", url,
        "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ]  # fmt: skip
    if session:
        headers = out.with_suffix(".headers.json")
        headers.write_text(json.dumps({"Cookie": f"sessionid={session}"}))
        command.append(f"--extra-headers={headers}")
    env = {
        **os.environ,
        "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
    }
    for attempt in range(3):
        # Lighthouse now and then fails to record a trace (NO_NAVSTART): retry.
        if subprocess.run(command, env=env, cwd=ROOT).returncode == 0:
            break
        if attempt == 2:
            raise RuntimeError(f"lighthouse failed three times on {url}")
    report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    scores["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    scores["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    scores["failed"] = sorted(
        a["id"] for a in audits.values()
        if a.get("score") is not None and a["score"] < 1
        and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )  # fmt: skip
    return scores


def report(results: dict[str, list[dict]], runs: int) -> str:
    lines = [
        HEADING,
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine()}, "
        f"Lighthouse {lighthouse_version()} (default mobile profile, simulated "
        f"throttling) with Debian's Chromium; the median of {runs} runs per page.",
        "The site runs with production settings behind gunicorn (2 workers): debug "
        "off, whitenoise serving compressed, fingerprinted static files. "
        "Reproduce with `make lighthouse`.",
        "",
        "| page | performance (each run) | accessibility | best practices | SEO "
        "| TBT ms | LCP ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, runs_ in results.items():
        med = {k: statistics.median(r[k] for r in runs_)
               for k in [*CATEGORIES, "tbt_ms", "lcp_ms"]}  # fmt: skip
        each = ", ".join(str(r["performance"]) for r in runs_)
        lines.append(
            f"| {name} | {med['performance']:.0f} ({each}) "
            f"| {med['accessibility']:.0f} | {med['best-practices']:.0f} "
            f"| {med['seo']:.0f} | {med['tbt_ms']:.0f} | {med['lcp_ms']:.0f} |"
        )
    lines += ["", "Audits below full marks in at least one run:", ""]
    for name, runs_ in results.items():
        missed = sorted({audit for r in runs_ for audit in r["failed"]})
        lines.append(f"- {name}: {', '.join(missed) if missed else 'none'}")
    lines += [
        "",
        "The runs share the machine's two cores with other work, so a run can "
        "lose a few points of performance to a slower htmx start-up (total "
        "blocking time). The one stylesheet is reported as render blocking; "
        "inlining it would need a per-response nonce, which cached pages cannot "
        "carry. Signed-in pages are sent with `Cache-Control: private, no-store` "
        "so that a shared or back-button copy never shows one member's page, "
        "which is why the browser keeps no back/forward copy of them "
        "(`bf-cache`).",
    ]
    # A blank line before the next section, which write() keeps after this one.
    return "\n".join(lines) + "\n\n"


def lighthouse_version() -> str:
    return subprocess.run(
        [shutil.which("lighthouse") or "lighthouse", "--version"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip


def write(section: str) -> None:
    """Replace (or add) the Lighthouse section of BENCHMARKS.md."""
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if HEADING in text:
        before, _, rest = text.partition(HEADING)
        after = rest[rest.find("\n## ") :] if "\n## " in rest else ""
        text = before + section + after.lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    start_postgres()
    env = prepare()
    probe = json.loads(sh(PYTHON, "bench/probe.py", env=env).strip().splitlines()[-1])
    base = f"http://localhost:{PORT}"
    pages = {
        "home (visitor)": ("/", None),
        "guide (visitor)": (probe["guide"]["url"], None),
        "dashboard": ("/", probe["dashboard"]["session"]),
        "plan": (probe["plan"]["url"], probe["plan"]["session"]),
    }
    server = start_server(env, PORT)
    results: dict[str, list[dict]] = {name: [] for name in pages}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for run in range(args.runs):
                for name, (url, session) in pages.items():
                    out = Path(tmp) / f"{run}-{len(results[name])}-{name[:4]}.json"
                    scores = lighthouse(base + url, session, out)
                    results[name].append(scores)
                    print(f"  {name:<16} {scores}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    section = report(results, args.runs)
    write(section)
    print(section)


if __name__ == "__main__":
    main()
