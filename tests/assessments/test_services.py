import pytest
from django.core.exceptions import ValidationError

from assessments import services
from assessments.models import Answer, Assessment
from tests.factories import (
    DecisionQuestionFactory,
    RoleFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return guide_with_assessment()


def test_start_records_level_and_role_and_resumes(guide):
    role = RoleFactory()
    member = UserFactory(level="senior", current_role=role)
    first, created = services.start_or_resume(member=member, guide=guide)
    assert created and first.level == "senior" and first.current_role == role
    again, created = services.start_or_resume(member=member, guide=guide)
    assert again == first and not created


def test_answers_can_change_until_completion(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    question = guide.questions.first()
    services.record_answer(assessment=assessment, question=question,
                           option=question.options.get(position=-2))  # fmt: skip
    services.record_answer(assessment=assessment, question=question,
                           option=question.options.get(position=1))  # fmt: skip
    answer = Answer.objects.get(assessment=assessment)
    assert answer.position == 1


def test_option_from_another_question_is_refused(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    first, second = guide.questions.all()[:2]
    with pytest.raises(ValidationError, match="another question"):
        services.record_answer(assessment=assessment, question=first,
                               option=second.options.first())  # fmt: skip
    assert not Answer.objects.exists()


def test_question_from_another_guide_is_refused(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    foreign = DecisionQuestionFactory()
    with pytest.raises(ValidationError, match="another guide"):
        services.record_answer(assessment=assessment, question=foreign,
                               option=foreign.options.first())  # fmt: skip


def test_completion_needs_every_answer(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    with pytest.raises(ValidationError, match="answer every question"):
        services.complete_assessment(assessment=assessment, fit_statement_ids=[])
    assessment.refresh_from_db()
    assert not assessment.is_complete


def test_completed_assessment_cannot_change(guide, member):
    assessment = completed_assessment(member, guide, position=2)
    question = guide.questions.first()
    with pytest.raises(ValidationError, match="finished"):
        services.record_answer(assessment=assessment, question=question,
                               option=question.options.get(position=-2))  # fmt: skip
    assert assessment.result["score"] == 100


def test_result_is_frozen_against_later_content_edits(guide, member):
    assessment = completed_assessment(member, guide, position=-2)
    before = Assessment.objects.get(pk=assessment.pk).result
    question = guide.questions.first()
    question.prompt = "Rewritten prompt"
    question.weight = 5
    question.save()
    question.options.update(position=2, label="Rewritten option")
    guide.questions.last().delete()
    after = Assessment.objects.get(pk=assessment.pk).result
    assert after == before
    assert before["leaning"] == "a"
    assert all(c["answer"] != "Rewritten option" for c in after["contributions"])
    # The answer rows survive the deletion of their question.
    assert assessment.answers.count() == 5


def test_result_explains_fit_statements_and_dislikes(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    for question in guide.questions.all():
        services.record_answer(assessment=assessment, question=question,
                               option=question.options.get(position=0))  # fmt: skip
    b_likes = list(guide.fit_statements.filter(role=guide.role_b, kind="likes"))
    dislike = guide.fit_statements.get(kind="dislikes")
    done = services.complete_assessment(
        assessment=assessment,
        fit_statement_ids=[s.pk for s in b_likes] + [dislike.pk],
    )
    result = done.result
    assert result["likes_b"] == [s.text for s in b_likes]
    assert result["dislikes_a"] == [dislike.text]
    fit = next(c for c in result["contributions"] if c["key"] == "fit")
    assert fit["value"] > 0
    assert result["score"] > 0


def test_statement_from_another_guide_is_refused(guide, member):
    other = guide_with_assessment()
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    for question in guide.questions.all():
        services.record_answer(assessment=assessment, question=question,
                               option=question.options.first())  # fmt: skip
    with pytest.raises(ValidationError, match="do not belong"):
        services.complete_assessment(
            assessment=assessment,
            fit_statement_ids=[other.fit_statements.first().pk],
        )
    assessment.refresh_from_db()
    assert not assessment.is_complete
