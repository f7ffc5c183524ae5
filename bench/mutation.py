"""Mutation score of the core modules: mutmut 3, then a table in BENCHMARKS.md.

The modules and the tests that guard them are listed in pyproject.toml under
[tool.mutmut] (only_mutate and pytest_add_cli_args_test_selection); add a module
there and it is mutated and scored here. Mutants that behave exactly like the
original are listed, each with a reason, in bench/equivalent_mutants.toml and
left out of the score; so are the few in its [excluded] table, which no test
here can reliably tell apart (each with its reason). A timeout counts as killed
(the mutant loops).

    make mutation                       # or: .venv/bin/python bench/mutation.py
    .venv/bin/python bench/mutation.py --report   # score the last run again

Set DATABASE_URL to a PostgreSQL database to run faster: the test database is
then created once and reused (--reuse-db) instead of migrated for every mutant.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = str(ROOT / ".venv" / "bin" / "mutmut")
EQUIVALENTS = ROOT / "bench" / "equivalent_mutants.toml"
SECTION = "## Mutation score"
TARGET = 90.0
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests",
          None: "not checked"}  # fmt: skip
TIMEOUTS = {24, -24, 36, 152, 255}


def modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    return config["only_mutate"]


def dotted(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def equivalents(table: str = "mutants") -> dict[str, str]:
    if not EQUIVALENTS.exists():
        return {}
    return tomllib.loads(EQUIVALENTS.read_text()).get(table, {})


def left_out() -> dict[str, str]:
    return {**equivalents(), **equivalents("excluded")}


def results(path: str) -> dict[str, str]:
    meta = ROOT / "mutants" / f"{path}.meta"
    if not meta.exists():
        return {}
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    return {
        name: "timeout" if code in TIMEOUTS else STATUS.get(code, "other")
        for name, code in codes.items()
    }


def score_rows(paths: list[str]) -> tuple[list[str], list[str], bool]:
    known = left_out()
    rows, survivors, ok = [], [], True
    for path in paths:
        statuses = results(path)
        if not statuses:
            rows.append(f"| `{path}` | not run | | | | | | |")
            ok = False
            continue
        counted = {
            n: s for n, s in statuses.items() if n not in known and s != "not checked"
        }
        unchecked = sum(s == "not checked" for s in statuses.values())
        tally = Counter(counted.values())
        killed = tally["killed"] + tally["timeout"]
        total = len(counted)
        score = 100 * killed / total if total else 100.0
        ok = ok and score >= TARGET and not unchecked
        rows.append(
            f"| `{path}` | {len(statuses)} | {unchecked} "
            f"| {len(statuses) - total - unchecked} | {killed} "
            f"| {tally['survived']} | {tally['no tests'] + tally['other']} "
            f"| {score:.1f} % |"
        )
        survivors += [n for n, s in counted.items() if s not in {"killed", "timeout"}]
    return rows, survivors, ok


def write(paths: list[str], minutes: float | None) -> bool:
    rows, survivors, ok = score_rows(paths)
    known, excluded = equivalents(), equivalents("excluded")
    lines = [
        SECTION,
        "",
        f"`make mutation` (mutmut 3), {dt.date.today().isoformat()}"
        + (f", {minutes:.0f} min on this machine" if minutes else "")
        + f". Target: ≥ {TARGET:.0f} % of non-equivalent mutants killed per module.",
        "",
        "| module | mutants | not checked | left out | killed | survived "
        "| not reached | score |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"Left out: {len(known)} equivalent and {len(excluded)} excluded mutants, "
        "each with its reason in `bench/equivalent_mutants.toml`.",
    ]
    if survivors:
        lines += ["", "Surviving: " + ", ".join(f"`{n}`" for n in survivors)]
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    text = re.sub(rf"\n{re.escape(SECTION)}\n.*?(?=\n## |\Z)", "", text, flags=re.S)
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n")
    print("\n".join(lines))
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="only score")
    parser.add_argument("--max-children", type=int, default=2)
    args = parser.parse_args()
    paths = modules()
    minutes = None
    if not args.report:
        env = {**os.environ, "DJANGO_TESTING": "1"}
        started = time.monotonic()
        subprocess.run(
            ["nice", "-n", "10", MUTMUT, "run", "--max-children",
             str(args.max_children), *(f"{dotted(p)}.*" for p in paths)],
            cwd=ROOT, env=env, check=False,
        )  # fmt: skip
        minutes = (time.monotonic() - started) / 60
    return 0 if write(paths, minutes) else 1


if __name__ == "__main__":
    sys.exit(main())
