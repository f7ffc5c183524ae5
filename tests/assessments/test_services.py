import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from assessments import services
from assessments.models import Answer, Assessment
from tests.factories import (
    DecisionQuestionFactory,
    FitStatementFactory,
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


def answer_all(assessment, guide, positions) -> None:
    for question, position in zip(guide.questions.all(), positions, strict=True):
        services.record_answer(assessment=assessment, question=question,
                               option=question.options.get(position=position))  # fmt: skip


def test_the_whole_result_is_frozen_with_the_text_it_used():
    guide = guide_with_assessment(questions=2)  # weights 1 and 2
    FitStatementFactory(guide=guide, role=guide.role_a)  # 4 A likes, 3 B likes
    b_dislike = FitStatementFactory(guide=guide, role=guide.role_b, kind="dislikes")
    role = RoleFactory()
    member = UserFactory(level="senior", current_role=role)
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    first, second = guide.questions.all()
    answer_all(assessment, guide, [-1, 2])
    a_likes = list(guide.fit_statements.filter(role=guide.role_a, kind="likes"))
    b_likes = list(guide.fit_statements.filter(role=guide.role_b, kind="likes"))
    dislike = guide.fit_statements.get(kind="dislikes", role=guide.role_a)
    chosen = [a_likes[0], *b_likes, dislike, b_dislike]
    done = services.complete_assessment(
        assessment=assessment, fit_statement_ids=[s.pk for s in chosen]
    )
    stored = Assessment.objects.get(pk=assessment.pk)
    assert stored.completed_at is not None
    assert set(stored.fit_statements.all()) == set(chosen)
    a, b = guide.role_a, guide.role_b
    # Weights 1 + 2 + 1 (fit) + 1 + 1 (a dislike of each role): each point of
    # position times weight is 100 / 12. Fit: 1 of 4 A likes, 3 of 3 B likes →
    # 2 × (1 − 1/4) = 1.5. Each dislike counts ±2 against its own role.
    # The score, +38, leans B; but with a strong answer against B (the dislike
    # of B) under 40 it is a hybrid outcome.
    question = {
        "kind": "question",
        "hybrid": False,
        "origin": "",
        "section": "first-section",
    }
    dislike_row = {
        "kind": "dislike",
        "question_id": None,
        "section": "",
        "weight": 1,
        "position": 2,
    }
    expected = {
        "version": 2,
        "scoring_version": 2,
        "score": 38,
        "leaning": "hybrid",
        "strength": "balanced",
        "score_side": {"id": b.pk, "name": b.name},
        "score_strength": "clear",
        "agreement": {"towards": 3, "against": 2, "neutral": 0, "total": 5,
                      "rests_on_one": True},
        "notes": ["dislike", "both-sides"],
        "dislike_weight": 1,
        "hybrid_roles": [],
        "role_a": {"id": a.pk, "name": a.name},
        "role_b": {"id": b.pk, "name": b.name},
        "leaning_role": None,
        "level": "senior",
        "level_label": "Senior",
        "senior": True,
        "current_role_id": role.pk,
        "contributions": [
            {**question, "question_id": second.pk, "question": second.prompt,
             "short": "Question 2",
             "answer": "Option +2", "key": f"q{second.pk}", "number": 2,
             "position": 2, "weight": 2, "value": 33.3},
            {**dislike_row, "question": f"What you dislike about {a} work",
             "short": f"Dislike ({a})", "against": a.name,
             "answer": dislike.text, "key": f"dislike{dislike.pk}", "number": 4,
             "value": 16.7},
            {**dislike_row, "question": f"What you dislike about {b} work",
             "short": f"Dislike ({b})", "against": b.name,
             "answer": b_dislike.text, "key": f"dislike{b_dislike.pk}",
             "number": 5, "position": -2, "value": -16.7},
            {"kind": "fit", "question_id": None, "question": "What you enjoy",
             "short": "What you enjoy", "section": "", "key": "fit", "number": 3,
             "answer": f"1 of 4 {a} statements and 3 of 3 {b} statements",
             "position": 1.5, "weight": 1, "value": 12.5},
            {**question, "question_id": first.pk, "question": first.prompt,
             "short": "Question 1",
             "answer": "Option -1", "key": f"q{first.pk}", "number": 1,
             "position": -1, "weight": 1, "value": -8.3},
        ],
        "likes_a": [a_likes[0].text],
        "likes_b": [s.text for s in b_likes],
        "dislikes_a": [dislike.text],
        "dislikes_b": [b_dislike.text],
    }  # fmt: skip
    assert done.result == expected
    assert stored.result == expected


@pytest.mark.parametrize(
    ("position", "leaning", "strength", "towards"),
    [(-2, "a", "strong", "a"), (0, "hybrid", "balanced", None),
     (1, "b", "clear", "b")],
)  # fmt: skip
def test_result_names_the_role_leaned_towards(guide, position, leaning, strength,
                                              towards):  # fmt: skip
    member = UserFactory(level="")
    result = completed_assessment(member, guide, position=position).result
    assert (result["leaning"], result["strength"]) == (leaning, strength)
    if towards is None:
        assert result["leaning_role"] is None
    else:
        role = getattr(guide, f"role_{towards}")
        assert result["leaning_role"] == {"id": role.pk, "name": role.name}
    assert result["level_label"] == "" and result["senior"] is False
    assert result["current_role_id"] is None
    assert "fit" not in [c["key"] for c in result["contributions"]]


def test_an_answer_keeps_the_wording_and_weight_it_was_given(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    before = Assessment.objects.get(pk=assessment.pk).updated_at
    question = guide.questions.get(order=1)
    option = question.options.get(position=-1)
    services.record_answer(assessment=assessment, question=question, option=option)
    answer = Answer.objects.get(assessment=assessment)
    assert (answer.question, answer.option) == (question, option)
    assert (answer.question_prompt, answer.option_label) == (
        question.prompt, "Option -1",
    )  # fmt: skip
    assert (answer.position, answer.weight) == (-1, 2)
    assert Assessment.objects.get(pk=assessment.pk).updated_at > before


def test_a_finished_assessment_cannot_be_completed_again(guide, member):
    assessment = completed_assessment(member, guide)
    result = assessment.result
    with pytest.raises(ValidationError, match="already finished"):
        services.complete_assessment(assessment=assessment, fit_statement_ids=[])
    assert Assessment.objects.get(pk=assessment.pk).result == result


def test_a_statement_chosen_twice_counts_once(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    answer_all(assessment, guide, [0] * 5)
    liked = guide.fit_statements.filter(role=guide.role_b, kind="likes").first()
    done = services.complete_assessment(assessment=assessment,
                                        fit_statement_ids=[liked.pk, liked.pk])  # fmt: skip
    assert done.result["likes_b"] == [liked.text]


def messages(error) -> list[str]:
    return error.value.messages


def test_refusals_say_why_in_full(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    first, second = guide.questions.all()[:2]
    foreign = DecisionQuestionFactory()
    with pytest.raises(ValidationError) as error:
        services.record_answer(assessment=assessment, question=first,
                               option=second.options.first())  # fmt: skip
    assert messages(error) == ["That answer belongs to another question."]
    with pytest.raises(ValidationError) as error:
        services.record_answer(assessment=assessment, question=foreign,
                               option=foreign.options.first())  # fmt: skip
    assert messages(error) == ["That question belongs to another guide."]
    with pytest.raises(ValidationError) as error:
        services.complete_assessment(assessment=assessment, fit_statement_ids=[])
    assert messages(error) == ["Please answer every question first (5 still open)."]
    for question in guide.questions.all():
        services.record_answer(assessment=assessment, question=question,
                               option=question.options.get(position=0))  # fmt: skip
    other = guide_with_assessment().fit_statements.first()
    with pytest.raises(ValidationError) as error:
        services.complete_assessment(assessment=assessment,
                                     fit_statement_ids=[other.pk])  # fmt: skip
    assert messages(error) == ["Some of those statements do not belong to this guide."]
    services.complete_assessment(assessment=assessment, fit_statement_ids=[])
    with pytest.raises(ValidationError) as error:
        services.complete_assessment(assessment=assessment, fit_statement_ids=[])
    assert messages(error) == ["This assessment is already finished."]
    assessment.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.record_answer(assessment=assessment, question=first,
                               option=first.options.first())  # fmt: skip
    assert messages(error) == ["This assessment is finished; its answers are frozen."]


def test_a_parallel_start_resumes_the_assessment_that_won(guide, member, monkeypatch):
    first, _ = services.start_or_resume(member=member, guide=guide)
    # The other request's row is not visible yet when this one looks, so the
    # insert hits the one-unfinished-per-guide constraint.
    monkeypatch.setattr(QuerySet, "first", lambda self: None)
    again, created = services.start_or_resume(member=member, guide=guide)
    assert again == first and created is False
    assert Assessment.objects.filter(member=member).count() == 1
