"""Read and check the content files: no database here.

Layout of ``content/``:

- ``roles.toml``: ``[[role]]`` tables with ``slug``, ``name`` and ``summary``.
- ``guides/<slug>.md``: a guide. A TOML front matter block between two ``+++``
  lines, then the Markdown body.
- ``guides/<slug>.toml`` (optional): that guide's decision questions, fit
  statements and switching plans.

TOML is read with the standard library's ``tomllib``: strict (no implicit
types), with real dates, and nothing to install. A file that breaks a rule
raises ``ContentError`` naming the file, the place in it and the reason.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accounts.models import Level

FENCE = "+++"
GUIDE_STATUSES = {"draft", "published"}
FIT_KINDS = {"likes", "dislikes"}
MILESTONE_KINDS = {"skill", "project", "pipeline", "collaboration", "resume",
                   "interview"}  # fmt: skip
RESOURCE_KINDS = {"documentation", "book", "course", "practice"}
LEVELS = [value for value, _label in Level.choices]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Problem:
    path: Path
    place: str
    reason: str

    def __str__(self) -> str:
        try:
            name = self.path.resolve().relative_to(Path.cwd())
        except ValueError:
            name = self.path
        return f"{name}: {self.place}: {self.reason}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class GuideFile:
    """One guide as the files describe it, in the shape ``export`` produces."""

    slug: str
    path: Path
    data: dict[str, Any]
    sources: list[Path] = field(default_factory=list)


def _toml(text: str, path: Path, place: str, line_offset: int = 0) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if found:
            reason = message[: found.start()].strip()
            line = int(found.group(1)) + line_offset
            place = f"{place}, line {line}, column {found.group(2)}"
        else:
            reason = message
        raise ContentError(
            [Problem(path, place, f"not valid TOML: {reason}")]
        ) from None


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(
            [Problem(path, "line 1", f"the file must start with a '{FENCE}' line")]
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return _toml(front, path, "front matter", line_offset=1), body.strip()
    raise ContentError([Problem(path, "front matter", f"no closing '{FENCE}' line")])


class _Checker:
    """Collects problems while reading values out of a parsed table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, place: str, reason: str) -> None:
        self.problems.append(Problem(self.path, place, reason))

    def text(self, table: dict, key: str, place: str, *, required: bool = True,
             max_length: int | None = None) -> str:  # fmt: skip
        value = table.get(key, "")
        if not isinstance(value, str):
            self.fail(f"{place}{key}", "must be text")
            return ""
        value = value.strip()
        if required and not value:
            self.fail(f"{place}{key}", "is missing")
        if max_length and len(value) > max_length:
            self.fail(f"{place}{key}", f"is longer than {max_length} characters")
        return value

    def integer(self, table: dict, key: str, place: str, *, required: bool = True
                ) -> int | None:  # fmt: skip
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"{place}{key}", "must be a whole number")
            return None
        return value

    def date(self, table: dict, key: str, place: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.fail(f"{place}{key}", "must be a date such as 2026-11-30")
            return None
        return value.isoformat()

    def boolean(self, table: dict, key: str, place: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{place}{key}", "must be true or false")
            return False
        return value

    def tables(self, table: dict, key: str, place: str) -> list[dict]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(f"{place}{key}", f"must be a list of [[{key}]] tables")
            return []
        return value

    def role(self, table: dict, key: str, place: str, roles: set[str]) -> str:
        value = self.text(table, key, place)
        if value and value not in roles:
            self.fail(f"{place}{key}", f"unknown role '{value}'")
        return value

    def choice(self, table: dict, key: str, place: str, choices) -> str:
        value = self.text(table, key, place)
        if value and value not in choices:
            allowed = ", ".join(sorted(choices))
            self.fail(f"{place}{key}", f"unknown {key} '{value}' (one of: {allowed})")
        return value


def read_roles(path: Path) -> dict[str, dict[str, str]]:
    data = _toml(path.read_text(encoding="utf-8"), path, "file")
    check = _Checker(path)
    roles: dict[str, dict[str, str]] = {}
    for index, table in enumerate(check.tables(data, "role", ""), start=1):
        place = f"[[role]] {index}: "
        slug = check.text(table, "slug", place)
        if slug and not SLUG.match(slug):
            check.fail(f"{place}slug", "use lowercase letters, digits and hyphens")
        if slug in roles:
            check.fail(f"{place}slug", f"role '{slug}' is listed twice")
        roles[slug] = {
            "name": check.text(table, "name", place, max_length=100),
            "summary": check.text(table, "summary", place, required=False),
        }
    if check.problems:
        raise ContentError(check.problems)
    return roles


def read_guide(path: Path, *, roles: set[str], guides: set[str]) -> GuideFile:
    """Parse and check one guide (and its sibling ``.toml``, if any).

    ``roles`` and ``guides`` are the slugs a guide may refer to.
    """
    front, body = split_front_matter(path.read_text(encoding="utf-8"), path)
    slug = path.stem
    check = _Checker(path)
    if not SLUG.match(slug):
        check.fail("file name", "use lowercase letters, digits and hyphens")
    role_a = check.role(front, "role_a", "", roles)
    role_b = check.role(front, "role_b", "", roles)
    if role_a and role_a == role_b:
        check.fail("role_b", "a guide compares two different roles")
    guide_roles = {role_a, role_b}
    status = check.text(front, "status", "") or "draft"
    if status not in GUIDE_STATUSES:
        check.fail("status", f"unknown status '{status}' (draft or published)")
    tags = front.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        check.fail("tags", "must be a list of text")
        tags = []
    related = front.get("related", [])
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        check.fail("related", "must be a list of guide slugs")
        related = []
    for other in related:
        if other not in guides:
            check.fail("related", f"no guide '{other}' (not in the database "
                       "or among the files being imported)")  # fmt: skip
        elif other == slug:
            check.fail("related", "a guide cannot be related to itself")

    pay = front.get("pay", {})
    if not isinstance(pay, dict):
        check.fail("pay", "must be a [pay] table")
        pay = {}
    bands = []
    seen_levels: dict[tuple[str, str], int] = {}
    for index, band in enumerate(check.tables(pay, "band", "pay."), start=1):
        place = f"[[pay.band]] {index}: "
        role = check.role(band, "role", place, roles)
        if role and role not in guide_roles:
            check.fail(f"{place}role", f"'{role}' is not one of the guide's roles")
        level = check.text(band, "level", place)
        if level and level not in LEVELS:
            check.fail(f"{place}level", f"unknown level '{level}' (one of: "
                       f"{', '.join(LEVELS)})")  # fmt: skip
        if (role, level) in seen_levels:
            check.fail(f"{place}level", f"duplicate level '{level}' for '{role}' "
                       f"(already in band {seen_levels[(role, level)]})")  # fmt: skip
        seen_levels.setdefault((role, level), index)
        low = check.integer(band, "low", place)
        high = check.integer(band, "high", place, required=False)
        open_ended = check.boolean(band, "open_ended", place)
        if low is not None and low < 0:
            check.fail(f"{place}low", "cannot be negative")
        if low is not None and high is not None and high < low:
            check.fail(f"{place}high", f"{high} is below the low figure {low}")
        if high is None and not open_ended:
            check.fail(f"{place}high", "give a high figure or set open_ended = true")
        bands.append({
            "role": role, "level": level, "low": low, "high": high,
            "open_ended": open_ended,
            "currency": check.text(band, "currency", place, required=False) or "USD",
            "note": check.text(band, "note", place, required=False, max_length=200),
        })  # fmt: skip
    level_order = {value: i for i, value in enumerate(LEVELS)}
    bands.sort(key=lambda b: (b["role"], level_order.get(b["level"], 99)))

    comparison = [
        {
            "dimension": check.text(row, "dimension", f"[[comparison]] {i}: ",
                                    max_length=100),
            "a": check.text(row, "a", f"[[comparison]] {i}: "),
            "b": check.text(row, "b", f"[[comparison]] {i}: "),
        }
        for i, row in enumerate(check.tables(front, "comparison", ""), start=1)
    ]  # fmt: skip
    topics = []
    for i, topic in enumerate(check.tables(front, "interview_topic", ""), start=1):
        place = f"[[interview_topic]] {i}: "
        role = check.role(topic, "role", place, roles)
        if role and role not in guide_roles:
            check.fail(f"{place}role", f"'{role}' is not one of the guide's roles")
        topics.append({
            "role": role,
            "topic": check.text(topic, "topic", place, max_length=120),
            "detail": check.text(topic, "detail", place, required=False),
        })  # fmt: skip

    data = {
        "title": check.text(front, "title", "", max_length=200),
        "summary": check.text(front, "summary", "", max_length=400),
        "meta_description": check.text(front, "meta_description", "", required=False,
                                       max_length=160),
        "body": body,
        "role_a": role_a,
        "role_b": role_b,
        "status": status,
        "featured": check.boolean(front, "featured", ""),
        "reviewed_on": check.date(front, "reviewed_on", ""),
        "pay_source": check.text(pay, "source", "pay.", required=False,
                                 max_length=300),
        "pay_as_of": check.date(pay, "taken_on", "pay."),
        "pay_imported_on": check.date(pay, "imported_on", "pay."),
        "pay_caveat": check.text(pay, "caveat", "pay.", required=False),
        "tags": sorted({t.strip() for t in tags if t.strip()}),
        "related": sorted(set(related)),
        "comparison": comparison,
        "bands": bands,
        "interview_topics": topics,
        "questions": [],
        "fit_statements": [],
        "hybrid_roles": [],
        "plans": [],
    }  # fmt: skip
    if bands and not data["pay_source"]:
        check.fail("pay.source", "say where the pay figures come from")
    sources = [path]
    sibling = path.with_suffix(".toml")
    if sibling.exists():
        sources.append(sibling)
        try:
            _read_decisions(sibling, data, roles=roles, guide_roles=guide_roles)
        except ContentError as error:
            check.problems += error.problems
    if check.problems:
        raise ContentError(check.problems)
    return GuideFile(slug=slug, path=path, data=data, sources=sources)


def _read_decisions(path: Path, data: dict, *, roles: set[str],
                    guide_roles: set[str]) -> None:  # fmt: skip
    parsed = _toml(path.read_text(encoding="utf-8"), path, "file")
    check = _Checker(path)
    for i, question in enumerate(check.tables(parsed, "question", ""), start=1):
        place = f"[[question]] {i}: "
        weight = check.integer(question, "weight", place, required=False)
        if weight is None:
            weight = 1
        elif not 1 <= weight <= 5:
            check.fail(f"{place}weight", "must be between 1 and 5")
        options = []
        for j, option in enumerate(check.tables(question, "option", place), start=1):
            oplace = f"{place}option {j}: "
            position = check.integer(option, "position", oplace)
            if position is not None and not -2 <= position <= 2:
                check.fail(f"{oplace}position", "must be between -2 and 2")
            entry = {
                "label": check.text(option, "label", oplace, max_length=200),
                "position": position,
            }
            # Only a hybrid option carries the key, so content written before
            # the flag existed reads (and compares) exactly as it did.
            if check.boolean(option, "hybrid", oplace):
                if position != 0:
                    check.fail(f"{oplace}hybrid", "only a middle answer "
                               "(position 0) can name hybrid work")  # fmt: skip
                entry["hybrid"] = True
            options.append(entry)
        if not options:
            check.fail(
                place + "option", "a question needs options ([[question.option]])"
            )
        section = check.text(question, "section", place, required=False)
        if section and not SLUG.match(section):
            check.fail(f"{place}section", "must be a section anchor such as "
                       "'a-decision-framework'")  # fmt: skip
        short = check.text(question, "short", place, required=False, max_length=40)
        data["questions"].append({
            **({"short": short} if short else {}),
            "prompt": check.text(question, "prompt", place, max_length=300),
            "help_text": check.text(question, "help_text", place, required=False),
            "weight": weight,
            "section": section,
            "options": options,
        })  # fmt: skip
    for i, fit in enumerate(check.tables(parsed, "fit_statement", ""), start=1):
        place = f"[[fit_statement]] {i}: "
        role = check.role(fit, "role", place, roles)
        if role and role not in guide_roles:
            check.fail(f"{place}role", f"'{role}' is not one of the guide's roles")
        data["fit_statements"].append({
            "role": role,
            "kind": check.choice(fit, "kind", place, FIT_KINDS),
            "text": check.text(fit, "text", place, max_length=200),
        })  # fmt: skip
    for i, hybrid in enumerate(check.tables(parsed, "hybrid_role", ""), start=1):
        place = f"[[hybrid_role]] {i}: "
        section = check.text(hybrid, "section", place, required=False)
        if section and not SLUG.match(section):
            check.fail(f"{place}section", "must be a section anchor")
        data["hybrid_roles"].append({
            "name": check.text(hybrid, "name", place, max_length=100),
            "description": check.text(hybrid, "description", place, max_length=300),
            "section": section,
        })  # fmt: skip
    seen_paths: set[tuple[str, str]] = set()
    for i, plan in enumerate(check.tables(parsed, "plan", ""), start=1):
        place = f"[[plan]] {i}: "
        from_role = check.role(plan, "from_role", place, roles)
        to_role = check.role(plan, "to_role", place, roles)
        if (from_role, to_role) in seen_paths:
            check.fail(place, f"a second plan from '{from_role}' to '{to_role}'")
        seen_paths.add((from_role, to_role))
        milestones = []
        for j, step in enumerate(check.tables(plan, "milestone", place), start=1):
            splace = f"{place}milestone {j}: "
            hours = check.integer(step, "effort_hours", splace)
            if hours is not None and hours <= 0:
                check.fail(f"{splace}effort_hours", f"must be positive, not {hours}")
            elif hours is not None and hours > 500:
                check.fail(f"{splace}effort_hours", "must be at most 500")
            resources = []
            for k, res in enumerate(check.tables(step, "resource", splace), start=1):
                rplace = f"{splace}resource {k}: "
                url = check.text(res, "url", rplace, max_length=500)
                if url and not url.startswith("https://"):
                    check.fail(f"{rplace}url", "must start with https://")
                resources.append({
                    "title": check.text(res, "title", rplace, max_length=200),
                    "url": url,
                    "kind": check.choice(res, "kind", rplace, RESOURCE_KINDS),
                })  # fmt: skip
            milestones.append({
                "title": check.text(step, "title", splace, max_length=200),
                "kind": check.choice(step, "kind", splace, MILESTONE_KINDS),
                "effort_hours": hours,
                "description": check.text(step, "description", splace, required=False),
                "suggested_evidence": check.text(step, "suggested_evidence", splace,
                                                 required=False, max_length=300),
                "resources": resources,
            })  # fmt: skip
        if not milestones:
            check.fail(place + "milestone", "a plan needs milestones")
        data["plans"].append({
            "from_role": from_role,
            "to_role": to_role,
            "title": check.text(plan, "title", place, max_length=200),
            "summary": check.text(plan, "summary", place, required=False),
            "milestones": milestones,
        })  # fmt: skip
    data["plans"].sort(key=lambda p: (p["from_role"], p["to_role"]))
    if check.problems:
        raise ContentError(check.problems)
