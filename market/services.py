"""Writes for the market check: load signals, save, delete, carry into an
assessment."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone

from accounts.models import User
from assessments import services as assessment_services
from assessments.models import Assessment, DecisionQuestion, Option
from guides.models import Guide

from . import classifier
from .models import MarketCheck, MarketSignal, Posting, Side

SIGNALS_DIR = Path(__file__).resolve().parent.parent / "content" / "signals"


@transaction.atomic
def load_signals(*, path: Path, guide: Guide | None = None) -> Counter:
    """Create the signals in a TOML file that the guide does not have yet.

    Idempotent and safe to run on a live site: a phrase the guide already has
    is left as content managers last edited it. The file names its guide by
    slug (``guide`` overrides it) and, with ``question_section``, the decision
    question a market check answers. Returns what was created.
    """
    with open(path, "rb") as file:
        data = tomllib.load(file)
    created: Counter = Counter()
    if guide is None:
        guide = Guide.objects.filter(slug=data.get("guide", "")).first()
        if guide is None:
            return created
    existing = {
        p.lower() for p in guide.market_signals.values_list("phrase", flat=True)
    }
    new = []
    for entry in data.get("signals", []):
        phrase, side, weight = entry["phrase"].strip(), entry["side"], entry["weight"]
        if side not in Side.values or not 1 <= int(weight) <= 5 or not phrase:
            raise ValueError(f"{path}: bad signal {entry!r}")
        if phrase.lower() not in existing:
            existing.add(phrase.lower())
            new.append(MarketSignal(guide=guide, phrase=phrase, side=side,
                                    weight=int(weight)))  # fmt: skip
    MarketSignal.objects.bulk_create(new)
    created["market signals"] += len(new)
    if section := data.get("question_section"):
        marked = (
            guide.questions.filter(section_anchor=section, market_evidence=False)
        ).update(market_evidence=True)
        created["market-check questions"] += marked
    return created


def load_all_signals() -> Counter:
    """Every file in ``content/signals/``, each for the guide it names."""
    created: Counter = Counter()
    for path in sorted(SIGNALS_DIR.glob("*.toml")):
        created += load_signals(path=path)
    return created


@transaction.atomic
def save_check(*, member: User, guide: Guide, postings: list[str]) -> MarketCheck:
    """Classify ``postings`` with the guide's signals and keep the result.

    The verdicts are worked out again here rather than taken from the form,
    so a saved check always says what the signals say.
    """
    signals = MarketSignal.objects.for_guide(guide).as_signals()
    verdicts = [classifier.classify(p, signals) for p in postings]
    summary = classifier.summarise(v.verdict for v in verdicts)
    check = MarketCheck.objects.create(
        member=member,
        guide=guide,
        posting_count=len(postings),
        counts=summary.counts,
        position=summary.position,
    )
    Posting.objects.bulk_create(
        Posting(
            market_check=check, order=n, text=text, verdict=v.verdict,
            score=v.score, title_role=v.title_role,
            matches=[[m.start, m.end, m.side, m.phrase] for m in v.matches],
        )
        for n, (text, v) in enumerate(zip(postings, verdicts, strict=True), start=1)
    )  # fmt: skip
    return check


@transaction.atomic
def delete_check(*, check: MarketCheck) -> None:
    check.delete()


def market_question(guide: Guide) -> DecisionQuestion | None:
    """The guide's question that a market check answers."""
    return guide.questions.filter(market_evidence=True).first()


def option_for(question: DecisionQuestion, position: int) -> Option | None:
    """The option at ``position`` on the scale (the first, if several share it).

    A check lands in the middle when its postings are hybrid or split evenly,
    which is evidence of hybrid demand, so an option naming hybrid work comes
    before "not sure" there, whatever their order."""
    options = question.options.filter(position=position)
    return options.order_by("-hybrid", "order", "id").first()


def check_note(check: MarketCheck) -> str:
    day = formats.date_format(timezone.localtime(check.created_at), "j M")
    return f"market check of {check.posting_count} postings, {day}"


@transaction.atomic
def carry_into_assessment(*, member: User, check: MarketCheck) -> Assessment:
    """Suggest the check's supported answer in the member's next assessment."""
    if check.member_id != member.pk:
        raise ValidationError("That market check is not yours.")
    question = market_question(check.guide)
    if question is None:
        raise ValidationError("This guide has no question a market check answers.")
    if check.position is None:
        raise ValidationError(
            "None of these postings had enough signals to support an answer."
        )
    option = option_for(question, check.position)
    if option is None:
        raise ValidationError("The guide's question has no matching answer.")
    assessment, _ = assessment_services.start_or_resume(member=member,
                                                        guide=check.guide)  # fmt: skip
    return assessment_services.suggest_answer(
        assessment=assessment, option=option, note=check_note(check)
    )
