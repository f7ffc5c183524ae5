"""Readable differences between two revisions of a guide (pure: no database).

Revisions hold a guide in the shape its content files use, so parts are
matched by what they are (a band by role and level, a plan by its roles) and
not by row ids, and each change reads as one line:
"DS · Senior · high: $320K → $345K", "Question 5 · new option 'Hybrid roles'".
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import Any

from config.vocabulary import Level

FIELD_LABELS = {
    "title": "Title", "summary": "Summary", "meta_description": "Meta description",
    "role_a": "Role A", "role_b": "Role B", "featured": "Featured",
    "reviewed_on": "Reviewed on", "pay_source": "Pay data source",
    "pay_as_of": "Pay data as of", "pay_imported_on": "Pay data imported on",
    "pay_caveat": "Pay scope caveat",
}  # fmt: skip
LEVELS = dict(Level.choices)


@dataclass
class Paragraph:
    op: str  # "same", "inserted" or "deleted"
    text: str


@dataclass
class GuideDiff:
    fields: list[str] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.fields or self.body or self.parts)


def short_role(name: str) -> str:
    """ "Data Scientist" → "DS"; a one-word role keeps its name."""
    words = name.split()
    return "".join(w[0].upper() for w in words) if len(words) > 1 else name


def money(value: int | None, currency: str = "USD") -> str:
    if value is None:
        return "open"
    sign = "$" if currency == "USD" else f"{currency} "
    if value >= 1000 and value % 1000 == 0:
        return f"{sign}{value // 1000}K"
    return f"{sign}{value:,}"


def _q(text: Any) -> str:
    text = str(text)
    return f"'{text if len(text) <= 80 else text[:77] + '…'}'"


def paragraphs(text: str) -> list[str]:
    return [
        p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()
    ]


def body_diff(old: str, new: str, *, context: int = 1) -> list[Paragraph]:
    """Changed paragraphs with ``context`` unchanged ones around each change;
    nothing when the body is the same."""
    a, b = paragraphs(old), paragraphs(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out: list[Paragraph] = []
    for group in matcher.get_grouped_opcodes(context):
        if out:
            out.append(Paragraph("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [Paragraph("same", p) for p in a[i1:i2]]
                continue
            out += [Paragraph("deleted", p) for p in a[i1:i2]]
            out += [Paragraph("inserted", p) for p in b[j1:j2]]
    return out


def _keyed(rows: list[dict], key) -> dict:
    return {key(r): r for r in rows}


def _fields_of(label: str, old: dict, new: dict, names: dict[str, str]) -> list[str]:
    return [
        f"{label} · {title}: {_q(old.get(name))} → {_q(new.get(name))}"
        for name, title in names.items()
        if old.get(name) != new.get(name)
    ]


def _rows(label: str, old: list, new: list, key, names: dict, noun: str) -> list[str]:
    a, b = _keyed(old, key), _keyed(new, key)
    lines = [
        f"{label}new {noun} {_q(k if isinstance(k, str) else k[-1])}"
        for k in b
        if k not in a
    ]
    lines += [
        f"{label}{noun} removed {_q(k if isinstance(k, str) else k[-1])}"
        for k in a
        if k not in b
    ]
    for k in a:
        if k in b:
            name = k if isinstance(k, str) else k[-1]
            lines += _fields_of(
                f"{label}{noun.capitalize()} {_q(name)}", a[k], b[k], names
            )
    return lines


def band_lines(old: list, new: list, roles: dict[str, str]) -> list[str]:
    a = _keyed(old, lambda b: (b["role"], b["level"]))
    b = _keyed(new, lambda b: (b["role"], b["level"]))
    lines = []

    def label(key) -> str:
        return f"{short_role(roles.get(key[0], key[0]))} · {LEVELS.get(key[1], key[1])}"

    def figure(band: dict) -> str:
        high = money(band["high"], band["currency"]) if band["high"] is not None else ""
        plus = "+" if band["open_ended"] else ""
        return f"{money(band['low'], band['currency'])}–{high}{plus}"

    for key in b:
        if key not in a:
            lines.append(f"{label(key)} · new band {figure(b[key])}")
    for key in a:
        if key not in b:
            lines.append(f"{label(key)} · band removed ({figure(a[key])})")
            continue
        before, after = a[key], b[key]
        for name in ("low", "high"):
            if before[name] != after[name]:
                lines.append(
                    f"{label(key)} · {name}: {money(before[name], before['currency'])}"
                    f" → {money(after[name], after['currency'])}"
                )
        if before["open_ended"] != after["open_ended"]:
            state = "open-ended" if after["open_ended"] else "no longer open-ended"
            lines.append(f"{label(key)} · {state}")
        for name in ("currency", "note"):
            if before.get(name) != after.get(name):
                was, now = _q(before.get(name)), _q(after.get(name))
                lines.append(f"{label(key)} · {name}: {was} → {now}")
    return lines


def question_lines(old: list, new: list) -> list[str]:
    lines = []
    for i in range(max(len(old), len(new))):
        label = f"Question {i + 1}"
        if i >= len(old):
            lines.append(f"{label} · new question {_q(new[i]['prompt'])}")
            continue
        if i >= len(new):
            lines.append(f"{label} · question removed {_q(old[i]['prompt'])}")
            continue
        before, after = old[i], new[i]
        lines += [
            f"{label} · {title}: {_q(before.get(n))} → {_q(after.get(n))}"
            for n, title in (("prompt", "prompt"), ("help_text", "help text"),
                             ("weight", "weight"), ("section", "guide section"))
            if before.get(n) != after.get(n)
        ]  # fmt: skip
        a_opts = {o["label"]: o for o in before["options"]}
        b_opts = {o["label"]: o for o in after["options"]}
        lines += [f"{label} · new option {_q(k)}" for k in b_opts if k not in a_opts]
        lines += [
            f"{label} · option removed {_q(k)}" for k in a_opts if k not in b_opts
        ]
        lines += [
            f"{label} · option {_q(k)} now counts {b_opts[k]['position']:+d}"
            for k in a_opts
            if k in b_opts and a_opts[k]["position"] != b_opts[k]["position"]
        ]
    return lines


def plan_lines(old: dict | None, new: dict | None, roles: dict[str, str]) -> list[str]:
    """Changes to one plan template (matched by its roles)."""
    ref = new or old
    label = (
        f"Plan {short_role(roles.get(ref['from_role'], ref['from_role']))} → "
        f"{short_role(roles.get(ref['to_role'], ref['to_role']))}"
    )
    if old is None:
        return [f"{label} · new plan {_q(new['title'])}"]
    if new is None:
        return [f"{label} · plan removed {_q(old['title'])}"]
    lines = _fields_of(label, old, new, {"title": "title", "summary": "summary"})
    a = _keyed(old["milestones"], lambda m: m["title"])
    b = _keyed(new["milestones"], lambda m: m["title"])
    lines += [f"{label} · new milestone {_q(k)}" for k in b if k not in a]
    lines += [f"{label} · milestone removed {_q(k)}" for k in a if k not in b]
    for k in a:
        if k not in b:
            continue
        before, after = a[k], b[k]
        if before["effort_hours"] != after["effort_hours"]:
            lines.append(
                f"{label} · {_q(k)} effort: {before['effort_hours']} h → "
                f"{after['effort_hours']} h"
            )
        for name in ("kind", "description", "suggested_evidence"):
            if before.get(name) != after.get(name):
                lines.append(f"{label} · {_q(k)} {name.replace('_', ' ')} changed")
        a_res = {r["url"] for r in before.get("resources", [])}
        b_res = _keyed(after.get("resources", []), lambda r: r["url"])
        lines += [
            f"{label} · {_q(k)} new resource {_q(r['title'])}"
            for url, r in b_res.items()
            if url not in a_res
        ]
    return lines


def plans_by_roles(data: dict) -> dict[tuple[str, str], dict]:
    return {(p["from_role"], p["to_role"]): p for p in data.get("plans", [])}


#: Between a plan template's two role slugs in its key among the digests.
PLAN_KEY_SEPARATOR = ">"


def plan_key(from_role: str, to_role: str) -> str:
    """A plan template's key among a revision's digests: its roles' slugs."""
    return f"{from_role}{PLAN_KEY_SEPARATOR}{to_role}"


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return blake2b(text.encode(), digest_size=8).hexdigest()


def part_digests(snapshot: dict) -> dict:
    """Fingerprints of the parts a member relies on: the questions (their
    result) and each plan template (their plan). Two revisions whose digests
    agree on a part cannot differ in it, so the guide-change notice needs no
    snapshot to know that nothing concerns a member."""
    return {
        "questions": _digest(snapshot.get("questions", [])),
        "plans": {
            plan_key(*key): _digest(plan)
            for key, plan in plans_by_roles(snapshot).items()
        },
    }


def compare(old: dict, new: dict, *, roles: dict[str, str]) -> GuideDiff:
    """Everything that differs between two revisions' snapshots.

    ``roles`` maps role slugs to names, for labels like "DS · Senior".
    """
    diff = GuideDiff()
    for name, title in FIELD_LABELS.items():
        if old.get(name) != new.get(name):
            diff.fields.append(f"{title}: {_q(old.get(name))} → {_q(new.get(name))}")
    diff.body = body_diff(old.get("body", ""), new.get("body", ""))
    role = lambda slug: short_role(roles.get(slug, slug))  # noqa: E731
    parts = diff.parts
    parts += _rows(
        "Comparison · ", old.get("comparison", []), new.get("comparison", []),
        lambda r: r["dimension"], {"a": "role A", "b": "role B"}, "row",
    )  # fmt: skip
    parts += band_lines(old.get("bands", []), new.get("bands", []), roles)
    parts += _rows(
        "Interview · ", old.get("interview_topics", []),
        new.get("interview_topics", []),
        lambda t: (role(t["role"]), t["topic"]), {"detail": "detail"}, "topic",
    )  # fmt: skip
    old_tags, new_tags = set(old.get("tags", [])), set(new.get("tags", []))
    parts += [f"Tags · added {_q(t)}" for t in sorted(new_tags - old_tags)]
    parts += [f"Tags · removed {_q(t)}" for t in sorted(old_tags - new_tags)]
    old_rel, new_rel = set(old.get("related", [])), set(new.get("related", []))
    parts += [f"Related guides · added {_q(t)}" for t in sorted(new_rel - old_rel)]
    parts += [f"Related guides · removed {_q(t)}" for t in sorted(old_rel - new_rel)]
    parts += question_lines(old.get("questions", []), new.get("questions", []))
    parts += _rows(
        "Fit statements · ", old.get("fit_statements", []),
        new.get("fit_statements", []),
        lambda f: (role(f["role"]), f["kind"], f["text"]), {}, "statement",
    )  # fmt: skip
    old_plans, new_plans = plans_by_roles(old), plans_by_roles(new)
    for key in [*new_plans, *(k for k in old_plans if k not in new_plans)]:
        parts += plan_lines(old_plans.get(key), new_plans.get(key), roles)
    return diff
