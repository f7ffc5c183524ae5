"""Load checked content files into the database, one transaction per guide.

A guide is compared with the file as a whole (``export_guide`` gives both the
same shape). Fields that differ are written; fields an editor changed in the
admin since the last import are conflicts, and the guide is left alone unless
``force`` is given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from assessments.models import DecisionQuestion, FitStatement, HybridRole, Option
from guides.diff import part_digests
from guides.models import (
    ComparisonRow,
    Guide,
    GuideRevision,
    InterviewTopic,
    Role,
    SalaryBand,
    Tag,
)
from guides.services import forget_catalogue_stamp
from market.services import load_all_signals
from plans.models import LearningResource, MilestoneTemplate, PlanTemplate

from .content import (
    LEVELS,
    ContentError,
    GuideFile,
    Problem,
    read_guide,
    read_roles,
)
from .models import ContentImport

SCALAR_FIELDS = [
    "title", "summary", "meta_description", "body", "status", "featured",
    "reviewed_on", "pay_source", "pay_as_of", "pay_imported_on", "pay_caveat",
]  # fmt: skip
DATE_FIELDS = {"reviewed_on", "pay_as_of", "pay_imported_on"}
# The history table keeps at most this many characters of a change reason.
REASON_LENGTH = 100


#: Parts of a guide that older snapshots may lack, with their empty value.
EMPTY_PARTS: dict[str, Any] = {"hybrid_roles": []}


def content_root() -> Path:
    return Path(settings.BASE_DIR) / "content"


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_guide(guide: Guide) -> dict[str, Any]:
    """The guide and its parts in the shape a content file is read into."""
    guide = (
        Guide.objects.select_related("role_a", "role_b")
        .prefetch_related("tags", "related")
        .get(pk=guide.pk)
    )
    level_order = {value: i for i, value in enumerate(LEVELS)}
    bands = [
        {"role": b.role.slug, "level": b.level, "low": b.low, "high": b.high,
         "open_ended": b.open_ended, "currency": b.currency, "note": b.scope_note}
        for b in guide.bands.select_related("role")
    ]  # fmt: skip
    bands.sort(key=lambda b: (b["role"], level_order.get(b["level"], 99)))
    questions = DecisionQuestion.objects.filter(guide=guide).prefetch_related("options")
    plans = (
        PlanTemplate.objects.filter(guide=guide)
        .select_related("from_role", "to_role")
        .prefetch_related("milestones__resources")
    )
    data = {
        "title": guide.title,
        "summary": guide.summary,
        "meta_description": guide.meta_description,
        # Browsers send text areas with CRLF line ends: not a change of content.
        "body": guide.body.replace("\r\n", "\n").strip(),
        "role_a": guide.role_a.slug,
        "role_b": guide.role_b.slug,
        "status": guide.status,
        "featured": guide.featured,
        "reviewed_on": _date(guide.reviewed_on),
        "pay_source": guide.pay_source,
        "pay_as_of": _date(guide.pay_as_of),
        "pay_imported_on": _date(guide.pay_imported_on),
        "pay_caveat": guide.pay_caveat.replace("\r\n", "\n"),
        "tags": sorted(t.name for t in guide.tags.all()),
        "related": sorted(g.slug for g in guide.related.all()),
        "comparison": [
            {"dimension": r.dimension, "a": r.text_a, "b": r.text_b}
            for r in guide.rows.all()
        ],
        "bands": bands,
        "interview_topics": [
            {"role": t.role.slug, "topic": t.topic, "detail": t.detail}
            for t in guide.topics.select_related("role")
        ],
        "questions": [
            {
                **({"short": q.short_name} if q.short_name else {}),
                "prompt": q.prompt,
                "help_text": q.help_text,
                "weight": q.weight,
                "section": q.section_anchor,
                "options": [
                    {"label": o.label, "position": o.position}
                    | ({"hybrid": True} if o.hybrid else {})
                    for o in q.options.all()
                ],
            }
            for q in questions
        ],
        "fit_statements": [
            {"role": f.role.slug, "kind": f.kind, "text": f.text}
            for f in guide.fit_statements.select_related("role")
        ],
        "hybrid_roles": [
            {"name": h.name, "description": h.description, "section": h.section_anchor}
            for h in guide.hybrid_roles.all()
        ],
        "plans": sorted(
            (
                {
                    "from_role": p.from_role.slug,
                    "to_role": p.to_role.slug,
                    "title": p.title,
                    "summary": p.summary,
                    "milestones": [
                        {
                            "title": m.title,
                            "kind": m.kind,
                            "effort_hours": m.effort_hours,
                            "description": m.description,
                            "suggested_evidence": m.suggested_evidence,
                            "resources": [
                                {"title": r.title, "url": r.url, "kind": r.kind}
                                for r in m.resources.all()
                            ],
                        }
                        for m in p.milestones.all()
                    ],
                }
                for p in plans
            ),
            key=lambda p: (p["from_role"], p["to_role"]),
        ),
    }
    return data


def fingerprint(data: dict[str, Any]) -> str:
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


@dataclass
class Outcome:
    slug: str
    action: str  # created, updated, unchanged or conflict
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


@dataclass
class Report:
    roles: list[str] = field(default_factory=list)
    guides: list[Outcome] = field(default_factory=list)
    #: Market signals added from ``content/signals/`` (existing phrases are kept).
    signals: Counter = field(default_factory=Counter)


def read_content(paths: Iterable[Path] = ()) -> tuple[dict, list[GuideFile]]:
    """Roles and the guide files under ``paths`` (all guides by default), checked.

    Raises ContentError listing every problem of every file.
    """
    root = content_root()
    roles = read_roles(root / "roles.toml")
    files = _guide_paths(list(paths) or [root / "guides"])
    role_slugs = set(roles) | set(Role.objects.values_list("slug", flat=True))
    guide_slugs = {p.stem for p in files} | set(
        Guide.objects.values_list("slug", flat=True)
    )
    guides, problems = [], []
    for path in files:
        try:
            guides.append(read_guide(path, roles=role_slugs, guides=guide_slugs))
        except ContentError as error:
            problems += error.problems
    if problems:
        raise ContentError(problems)
    return roles, guides


def _guide_paths(paths: list[Path]) -> list[Path]:
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for md in sorted(path.glob("*.md")):
                found[md] = None
        elif path.suffix == ".toml" and path.with_suffix(".md").exists():
            found[path.with_suffix(".md")] = None
        elif path.suffix == ".md" and path.exists():
            found[path] = None
        else:
            raise ContentError(
                [Problem(path, "path", "no such guide file (.md) or folder")]
            )
    return list(found)


def import_content(
    *, paths: Iterable[Path] = (), dry_run: bool = False, force: bool = False
) -> Report:
    """Create or update the roles and guides the files describe.

    Checks every file first: if any is malformed nothing is imported
    (ContentError). Each guide is then written in its own transaction with a
    history entry naming its file; a guide with conflicts is left alone unless
    ``force``.
    """
    roles, guides = read_content(paths)
    report = Report(roles=_import_roles(roles, dry_run=dry_run))
    pending: dict[str, list[str]] = {}
    for guide_file in guides:
        outcome, missing = _import_guide(guide_file, dry_run=dry_run, force=force)
        report.guides.append(outcome)
        if missing:
            pending[guide_file.slug] = missing
    # Links to guides created later in the same run.
    for slug, related in pending.items():
        with transaction.atomic():
            guide = Guide.objects.get(slug=slug)
            guide.related.add(*Guide.objects.filter(slug__in=related))
            _record(guide, next(g for g in guides if g.slug == slug))
    if not dry_run:
        report.signals = load_all_signals()
    return report


def _import_roles(roles: dict, *, dry_run: bool) -> list[str]:
    made = []
    existing = set(Role.objects.values_list("slug", flat=True))
    for slug, data in roles.items():
        if slug in existing:
            # Roles are shared by all guides and edited in the admin: the file
            # only supplies the ones that are missing.
            continue
        made.append(slug)
        if not dry_run:
            Role.objects.create(slug=slug, **data)
    return made


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


def _describe(name: str, old: Any, new: Any) -> str:
    if isinstance(new, list) or isinstance(old, list):
        old, new = old or [], new or []
        changed = sum(1 for a, b in zip(old, new, strict=False) if a != b)
        return f"{name}: {len(old)} → {len(new)} entries" + (
            f", {changed} changed" if changed else ""
        )

    def short(value: Any) -> str:
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 70 else text[:67] + '…"'

    return f"{name}: {short(old)} → {short(new)}"


def _import_guide(
    guide_file: GuideFile, *, dry_run: bool, force: bool
) -> tuple[Outcome, list[str]]:
    desired = guide_file.data
    with transaction.atomic():
        guide = Guide.objects.select_for_update().filter(slug=guide_file.slug).first()
        if guide is None:
            outcome = Outcome(guide_file.slug, "created", changed=list(desired))
            if dry_run:
                return outcome, []
            guide = _create(guide_file)
            missing = _write_parts(guide, desired, list(desired))
            _record(guide, guide_file)
            record_revision(
                guide=guide, kind=GuideRevision.Kind.IMPORTED, note=_reason(guide_file)
            )
            return outcome, missing
        current = export_guide(guide)
        changed = [k for k in desired if desired[k] != current[k]]
        record = ContentImport.objects.filter(slug=guide.slug).first()
        if not changed:
            if not dry_run and (record is None or record.snapshot != current):
                _record(guide, guide_file, current)
            return Outcome(guide.slug, "unchanged"), []
        if record is not None:
            # A part added since the snapshot was taken counts as empty then.
            edited = {
                k
                for k in current
                if current[k] != record.snapshot.get(k, EMPTY_PARTS.get(k))
            }
        elif guide.history.filter(history_user__isnull=False).exists():
            # Never imported, and edited in the admin: every difference may be
            # an editor's change.
            edited = set(changed)
        else:
            edited = set()
        conflicts = [k for k in changed if k in edited]
        details = [_describe(k, current[k], desired[k]) for k in changed]
        if conflicts and not force:
            return Outcome(guide.slug, "conflict", changed, conflicts, details), []
        outcome = Outcome(guide.slug, "updated", changed, conflicts, details)
        if dry_run:
            return outcome, []
        for name in SCALAR_FIELDS:
            value = desired[name]
            if name in DATE_FIELDS and value is not None:
                value = dt.date.fromisoformat(value)
            setattr(guide, name, value)
        guide.role_a = Role.objects.get(slug=desired["role_a"])
        guide.role_b = Role.objects.get(slug=desired["role_b"])
        guide._change_reason = _reason(guide_file)
        guide.save()
        missing = _write_parts(guide, desired, changed)
        _record(guide, guide_file)
        record_revision(
            guide=guide, kind=GuideRevision.Kind.IMPORTED, note=_reason(guide_file)
        )
        return outcome, missing


def _reason(guide_file: GuideFile) -> str:
    return f"Imported from {_relative(guide_file.path)}"[:REASON_LENGTH]


def record_revision(
    *,
    guide: Guide,
    kind: str,
    author=None,
    note: str = "",
    snapshot_of: Guide | None = None,
) -> GuideRevision:
    """Keep the whole guide as it now stands (or its working copy,
    ``snapshot_of``) as its next revision.

    The guide row is locked so two saves never take the same number.
    """
    with transaction.atomic():
        Guide.objects.select_for_update().filter(pk=guide.pk).first()
        last = guide.revisions.order_by("-number").values_list("number", flat=True)
        snapshot = export_guide(snapshot_of or guide)
        return GuideRevision.objects.create(
            guide=guide,
            number=(last.first() or 0) + 1,
            kind=kind,
            snapshot=snapshot,
            digests=part_digests(snapshot),
            change_note=note[:300],
            author=author if author is not None and author.is_authenticated else None,
        )


def apply_snapshot(*, guide: Guide, data: dict, reason: str) -> list[str]:
    """Make the guide and all its parts what ``data`` describes, keeping its
    status, slug and publishing time. Rows are updated in place by position,
    so answers and plans keep pointing at them. Returns related slugs that
    no longer exist."""
    with transaction.atomic():
        for name in SCALAR_FIELDS:
            if name == "status":
                continue
            value = data[name]
            if name in DATE_FIELDS and value is not None:
                value = dt.date.fromisoformat(value)
            setattr(guide, name, value)
        guide.role_a = Role.objects.get(slug=data["role_a"])
        guide.role_b = Role.objects.get(slug=data["role_b"])
        guide._change_reason = reason[:REASON_LENGTH]
        guide.save()
        parts = [k for k in data if k not in SCALAR_FIELDS]
        return _write_parts(guide, data, parts)


def _create(guide_file: GuideFile) -> Guide:
    data = guide_file.data
    guide = Guide(
        slug=guide_file.slug,
        role_a=Role.objects.get(slug=data["role_a"]),
        role_b=Role.objects.get(slug=data["role_b"]),
        **{
            name: dt.date.fromisoformat(data[name])
            if name in DATE_FIELDS and data[name]
            else data[name]
            for name in SCALAR_FIELDS
        },
    )
    guide._change_reason = _reason(guide_file)
    guide.save()
    return guide


def _record(
    guide: Guide, guide_file: GuideFile, snapshot: dict | None = None
) -> ContentImport:
    snapshot = snapshot if snapshot is not None else export_guide(guide)
    forget_catalogue_stamp()
    record, _ = ContentImport.objects.update_or_create(
        slug=guide.slug,
        defaults={
            "source": ", ".join(_relative(p) for p in guide_file.sources),
            "fingerprint": fingerprint(guide_file.data),
            "snapshot": snapshot,
            "imported_at": timezone.now(),
        },
    )
    return record


def _sync(
    model: type[models.Model], existing: list, rows: list[dict]
) -> list[models.Model]:
    """Make ``existing`` (in order) hold ``rows``: update in place by position,
    create what is missing, delete the surplus. Updating in place keeps what
    points at these rows (answers, plans) pointing at them."""
    kept = []
    for obj, row in zip(existing, rows, strict=False):
        if any(getattr(obj, k) != v for k, v in row.items()):
            for k, v in row.items():
                setattr(obj, k, v)
            obj.save()
        kept.append(obj)
    for row in rows[len(existing) :]:
        kept.append(model.objects.create(**row))
    for obj in existing[len(rows) :]:
        obj.delete()
    return kept


def _sync_options(question: DecisionQuestion, rows: list[dict]) -> None:
    """Like ``_sync``, but an option keeps its row when its label stays, and
    otherwise takes the row of an old option at the same position.

    Unfinished answers point at option rows: updating strictly by place would
    move them onto another answer when an option is added in the middle (as
    when one middle answer splits in two)."""
    existing = list(question.options.all())
    matched: dict[int, Option] = {}
    for index, row in enumerate(rows):
        found = next((o for o in existing if o.label == row["label"]), None)
        if found is not None:
            matched[index] = found
            existing.remove(found)
    for index, row in enumerate(rows):
        if index in matched:
            continue
        found = next((o for o in existing if o.position == row["position"]), None)
        if found is not None:
            matched[index] = found
            existing.remove(found)
    for obj in existing:
        obj.delete()
    for index, row in enumerate(rows):
        obj = matched.get(index)
        if obj is None:
            Option.objects.create(**row)
        elif any(getattr(obj, k) != v for k, v in row.items()):
            for k, v in row.items():
                setattr(obj, k, v)
            obj.save()


def _write_parts(guide: Guide, data: dict, changed: list[str]) -> list[str]:
    """Write the parts named in ``changed``; returns related slugs not yet there."""
    roles = {r.slug: r for r in Role.objects.all()}
    missing: list[str] = []
    if "tags" in changed:
        guide.tags.set(
            Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in data["tags"]
        )
    if "related" in changed:
        found = list(Guide.objects.filter(slug__in=data["related"]))
        guide.related.set(found)
        missing = sorted(set(data["related"]) - {g.slug for g in found})
    if "comparison" in changed:
        _sync(ComparisonRow, list(guide.rows.all()), [
            {"guide": guide, "order": i, "dimension": r["dimension"],
             "text_a": r["a"], "text_b": r["b"]}
            for i, r in enumerate(data["comparison"])
        ])  # fmt: skip
    if "bands" in changed:
        # One band per role and level: replace them all rather than shuffle.
        guide.bands.all().delete()
        SalaryBand.objects.bulk_create(
            SalaryBand(guide=guide, role=roles[b["role"]], level=b["level"],
                       low=b["low"], high=b["high"], open_ended=b["open_ended"],
                       currency=b["currency"], scope_note=b["note"])
            for b in data["bands"]
        )  # fmt: skip
    if "interview_topics" in changed:
        _sync(InterviewTopic, list(guide.topics.all()), [
            {"guide": guide, "order": i, "role": roles[t["role"]],
             "topic": t["topic"], "detail": t["detail"]}
            for i, t in enumerate(data["interview_topics"])
        ])  # fmt: skip
    if "questions" in changed:
        questions = _sync(DecisionQuestion, list(guide.questions.all()), [
            {"guide": guide, "order": i, "prompt": q["prompt"],
             "help_text": q["help_text"], "weight": q["weight"],
             "section_anchor": q["section"], "short_name": q.get("short", "")}
            for i, q in enumerate(data["questions"], start=1)
        ])  # fmt: skip
        for question, q in zip(questions, data["questions"], strict=True):
            _sync_options(question, [
                {"question": question, "order": j, "label": o["label"],
                 "position": o["position"], "hybrid": o.get("hybrid", False)}
                for j, o in enumerate(q["options"])
            ])  # fmt: skip
    if "hybrid_roles" in changed:
        _sync(HybridRole, list(guide.hybrid_roles.all()), [
            {"guide": guide, "order": i, "name": h["name"],
             "description": h["description"], "section_anchor": h["section"]}
            for i, h in enumerate(data["hybrid_roles"])
        ])  # fmt: skip
    if "fit_statements" in changed:
        _sync(FitStatement, list(guide.fit_statements.all()), [
            {"guide": guide, "order": i, "role": roles[f["role"]],
             "kind": f["kind"], "text": f["text"]}
            for i, f in enumerate(data["fit_statements"])
        ])  # fmt: skip
    if "plans" in changed:
        _write_plans(guide, data["plans"], roles)
    return missing


def _write_plans(guide: Guide, plans: list[dict], roles: dict[str, Role]) -> None:
    existing = {
        (t.from_role.slug, t.to_role.slug): t
        for t in PlanTemplate.objects.filter(guide=guide).select_related(
            "from_role", "to_role"
        )
    }
    for plan in plans:
        template = existing.pop((plan["from_role"], plan["to_role"]), None)
        if template is None:
            template = PlanTemplate(
                guide=guide,
                from_role=roles[plan["from_role"]],
                to_role=roles[plan["to_role"]],
            )
        template.title, template.summary = plan["title"], plan["summary"]
        template.save()
        steps = _sync(MilestoneTemplate, list(template.milestones.all()), [
            {"template": template, "order": i, "title": m["title"],
             "description": m["description"], "kind": m["kind"],
             "effort_hours": m["effort_hours"],
             "suggested_evidence": m["suggested_evidence"]}
            for i, m in enumerate(plan["milestones"], start=1)
        ])  # fmt: skip
        for step, m in zip(steps, plan["milestones"], strict=True):
            _sync(LearningResource, list(step.resources.all()), [
                {"milestone": step, "order": k, "title": r["title"],
                 "url": r["url"], "kind": r["kind"]}
                for k, r in enumerate(m["resources"])
            ])  # fmt: skip
    for template in existing.values():
        template.delete()
