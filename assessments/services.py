"""Writes for assessments: start or resume, answer, complete (and freeze).

Each service opens its transaction inside its body (``with
transaction.atomic():``) rather than with the decorator, so mutation testing
(``make mutation``) reaches it; the behaviour is the same.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from config.vocabulary import Level
from guides.models import Guide

from . import scoring
from .models import Answer, Assessment, DecisionQuestion, FitStatement, Option

FIT_KEY = "fit"


def start_or_resume(*, member: User, guide: Guide) -> tuple[Assessment, bool]:
    """The member's unfinished assessment of ``guide``, or a new one.

    Returns (assessment, created). The member's level and current role are
    recorded as they are now, so the result speaks to that moment.
    """
    existing = Assessment.objects.for_member(member).unfinished().filter(guide=guide)
    if found := existing.first():
        return found, False
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                member=member,
                guide=guide,
                level=member.level,
                current_role_id=member.current_role_id,
            )
    except IntegrityError:  # a parallel request created it first
        return existing.get(), False
    return assessment, True


def _refuse_if_finished(assessment: Assessment) -> None:
    """Answers freeze with the result: the assessment's row, read under lock
    (as completion reads it), decides, not the caller's copy, which another
    request may have finished since."""
    row = Assessment.objects.select_for_update().only("completed_at")
    if assessment.is_complete or row.get(pk=assessment.pk).is_complete:
        raise ValidationError("This assessment is finished; its answers are frozen.")


def record_answer(
    *, assessment: Assessment, question: DecisionQuestion, option: Option
) -> Answer:
    """Save (or change) the answer to one question of an unfinished assessment."""
    with transaction.atomic():
        _refuse_if_finished(assessment)
        if question.guide_id != assessment.guide_id:
            raise ValidationError("That question belongs to another guide.")
        if option.question_id != question.pk:
            raise ValidationError("That answer belongs to another question.")
        answer, _ = Answer.objects.update_or_create(
            assessment=assessment,
            question=question,
            defaults={
                "option": option,
                "question_prompt": question.prompt,
                "option_label": option.label,
                "position": option.position,
                "weight": question.weight,
                "origin": (
                    assessment.suggestion_note
                    if option.pk == assessment.suggested_option_id
                    else ""
                ),
            },
        )
        changes = {"updated_at": timezone.now()}
        suggested = assessment.suggested_option
        if suggested and suggested.question_id == question.pk and not answer.origin:
            # The member chose otherwise: the suggestion no longer stands.
            changes |= {"suggested_option": None, "suggestion_note": ""}
            assessment.suggested_option, assessment.suggestion_note = None, ""
        Assessment.objects.filter(pk=assessment.pk).update(**changes)
        return answer


def suggest_answer(*, assessment: Assessment, option: Option, note: str) -> Assessment:
    """Pre-select ``option`` for its question, with a note saying where it came
    from. The member still answers the question; the answer records ``note``
    as its origin only if they keep the suggested option."""
    with transaction.atomic():
        _refuse_if_finished(assessment)
        if option.question.guide_id != assessment.guide_id:
            raise ValidationError("That answer belongs to another guide.")
        assessment.suggested_option = option
        assessment.suggestion_note = note[:200]
        assessment.save(
            update_fields=["suggested_option", "suggestion_note", "updated_at"]
        )
        return assessment


def complete_assessment(
    *, assessment: Assessment, fit_statement_ids: list[int]
) -> Assessment:
    """Score the answers and freeze the result with the text it used."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.is_complete:
            raise ValidationError("This assessment is already finished.")
        guide = Guide.objects.with_roles().get(pk=assessment.guide_id)
        questions = list(guide.questions.all())
        answers = {
            a.question_id: a for a in assessment.answers.select_related("option")
        }
        missing = [q for q in questions if q.pk not in answers]
        if missing:
            raise ValidationError(
                f"Please answer every question first ({len(missing)} still open)."
            )
        statements = list(
            FitStatement.objects.filter(guide=guide, pk__in=fit_statement_ids)
        )
        if len(statements) != len(set(fit_statement_ids)):
            raise ValidationError(
                "Some of those statements do not belong to this guide."
            )
        assessment.fit_statements.set(statements)
        assessment.result = build_result(
            guide=guide,
            questions=questions,
            answers=answers,
            statements=statements,
            all_statements=list(guide.fit_statements.all()),
            level=assessment.level,
            current_role_id=assessment.current_role_id,
        )
        assessment.completed_at = timezone.now()
        assessment.save(update_fields=["result", "completed_at", "updated_at"])
        return assessment


#: A stated dislike counts like one strong answer (position ±2) at this weight.
DISLIKE_WEIGHT = 1


def build_result(
    *,
    guide: Guide,
    questions: list[DecisionQuestion],
    answers: dict[int, Answer],
    statements: list[FitStatement],
    all_statements: list[FitStatement],
    level: str,
    current_role_id: int | None,
) -> dict:
    """The frozen, self-contained result: everything the result page shows."""
    details = {}
    scored = []
    for number, question in enumerate(questions, start=1):
        answer = answers[question.pk]
        key = f"q{question.pk}"
        hybrid = bool(answer.option and answer.option.hybrid and not answer.position)
        scored.append(
            scoring.ScoredAnswer(key, answer.position, answer.weight, hybrid=hybrid)
        )
        details[key] = {
            "question_id": question.pk,
            "number": number,
            "kind": "question",
            "short": question.short_name or f"Question {number}",
            "question": answer.question_prompt,
            "answer": answer.option_label,
            "hybrid": hybrid,
            "section": question.section_anchor,
            "origin": answer.origin,
        }
    number = len(questions)

    def liked(role_id: int, kind: str = FitStatement.Kind.LIKES) -> list[str]:
        return [s.text for s in statements if s.role_id == role_id and s.kind == kind]

    def total(role_id: int) -> int:
        return sum(
            1
            for s in all_statements
            if s.role_id == role_id and s.kind == FitStatement.Kind.LIKES
        )

    likes_a, likes_b = liked(guide.role_a_id), liked(guide.role_b_id)
    position = scoring.fit_position(
        len(likes_a), total(guide.role_a_id), len(likes_b), total(guide.role_b_id)
    )
    if position is not None:
        number += 1
        scored.append(scoring.ScoredAnswer(FIT_KEY, position, 1))
        details[FIT_KEY] = {
            "question_id": None,
            "number": number,
            "kind": "fit",
            "short": "What you enjoy",
            "question": "What you enjoy",
            "answer": (
                f"{len(likes_a)} of {total(guide.role_a_id)} {guide.role_a} "
                f"statements and {len(likes_b)} of {total(guide.role_b_id)} "
                f"{guide.role_b} statements"
            ),
            "section": "",
        }
    for statement in statements:
        if statement.kind != FitStatement.Kind.DISLIKES:
            continue
        if statement.role_id not in (guide.role_a_id, guide.role_b_id):
            continue
        against_a = statement.role_id == guide.role_a_id
        role = guide.role_a if against_a else guide.role_b
        number += 1
        key = f"dislike{statement.pk}"
        scored.append(
            scoring.ScoredAnswer(
                key,
                scoring.MAX_POSITION if against_a else -scoring.MAX_POSITION,
                DISLIKE_WEIGHT,
                dislike=True,
            )
        )
        details[key] = {
            "question_id": None,
            "number": number,
            "kind": "dislike",
            "short": f"Dislike ({role})",
            "question": f"What you dislike about {role} work",
            "answer": statement.text,
            "against": role.name,
            "section": "",
        }
    result = scoring.score(scored)
    if result.leaning == scoring.Leaning.A:
        leaning_role = guide.role_a
    elif result.leaning == scoring.Leaning.B:
        leaning_role = guide.role_b
    else:
        leaning_role = None
    agreement = result.agreement
    return {
        "version": 2,
        "scoring_version": scoring.VERSION,
        "score": result.value,
        "leaning": result.leaning.value,
        "strength": result.strength,
        "score_strength": str(result.score_strength),
        "agreement": {
            "towards": agreement.towards,
            "against": agreement.against,
            "neutral": agreement.neutral,
            "total": agreement.total,
            "rests_on_one": agreement.rests_on_one,
        },
        "notes": [note.value for note in result.notes],
        "dislike_weight": DISLIKE_WEIGHT,
        "role_a": {"id": guide.role_a_id, "name": guide.role_a.name},
        "role_b": {"id": guide.role_b_id, "name": guide.role_b.name},
        "leaning_role": (
            {"id": leaning_role.pk, "name": leaning_role.name} if leaning_role else None
        ),
        "score_side": (
            {"id": guide.role_a_id, "name": guide.role_a.name}
            if result.value < 0
            else {"id": guide.role_b_id, "name": guide.role_b.name}
            if result.value > 0
            else None
        ),
        "hybrid_roles": [
            {"name": h.name, "description": h.description, "section": h.section_anchor}
            for h in guide.hybrid_roles.all()
        ],
        "level": level,
        "level_label": Level(level).label if level else "",
        "senior": Level.is_senior_or_above(level),
        "current_role_id": current_role_id,
        "contributions": [
            {
                **details[c.key],
                "key": c.key,
                "position": c.position,
                "weight": c.weight,
                "value": round(c.value, 1),
            }
            for c in result.contributions
        ],
        "likes_a": likes_a,
        "likes_b": likes_b,
        "dislikes_a": liked(guide.role_a_id, FitStatement.Kind.DISLIKES),
        "dislikes_b": liked(guide.role_b_id, FitStatement.Kind.DISLIKES),
    }
