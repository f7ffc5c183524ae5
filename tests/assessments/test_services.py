import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.models import Answer, Assessment, HybridRole
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
    ("position", "leaning", "strength", "towards", "score"),
    [(-2, "a", "strong", "a", -100), (0, "hybrid", "balanced", None, 0),
     (1, "b", "clear", "b", 50)],
)  # fmt: skip
def test_result_names_the_role_leaned_towards(guide, position, leaning, strength,
                                              towards, score):  # fmt: skip
    member = UserFactory(level="")
    result = completed_assessment(member, guide, position=position).result
    assert (result["leaning"], result["strength"]) == (leaning, strength)
    assert result["score"] == score
    # The side the score falls on, even when the leaning is hybrid: none at 0.
    if towards is None:
        assert result["score_side"] is None
    else:
        role = getattr(guide, f"role_{towards}")
        assert result["score_side"] == {"id": role.pk, "name": role.name}
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


def test_a_score_of_one_falls_on_role_b_side():
    guide = guide_with_assessment(questions=1)  # weight 1
    for order in range(1, 8):
        DecisionQuestionFactory(guide=guide, order=order, weight=5)
    assessment, _ = services.start_or_resume(member=UserFactory(), guide=guide)
    answer_all(assessment, guide, [1] + [0] * 7)
    done = services.complete_assessment(assessment=assessment, fit_statement_ids=[])
    # 1 × 1 out of 2 × 36 possible points: 1.4, rounded to 1.
    assert (done.result["score"], done.result["leaning"]) == (1, "hybrid")
    b = guide.role_b
    assert done.result["score_side"] == {"id": b.pk, "name": b.name}


def test_a_hybrid_answer_makes_a_hybrid_result_that_names_hybrid_roles():
    guide = guide_with_assessment(questions=3)  # weights 1, 2 and 1
    first, second, third = guide.questions.all()
    first.short_name = "Main output"
    first.save()
    both = first.options.create(label="Both, really", position=0, order=9,
                                hybrid=True)  # fmt: skip
    HybridRole.objects.create(guide=guide, name="Applied scientist",
                              description="Half of each.", section_anchor="mixed")  # fmt: skip
    member = UserFactory(level="mid")
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    services.record_answer(assessment=assessment, question=first, option=both)
    services.record_answer(assessment=assessment, question=second,
                           option=second.options.get(position=1))  # fmt: skip
    services.record_answer(assessment=assessment, question=third,
                           option=third.options.get(position=0))  # fmt: skip
    done = services.complete_assessment(assessment=assessment, fit_statement_ids=[])
    a, b = guide.role_a, guide.role_b
    question = {"kind": "question", "origin": "", "section": "first-section"}
    # 1 × 2 of 2 × 4 possible points: +25, clear by the score alone, but one
    # answer only (slight), and a slight leaning with a hybrid answer is hybrid.
    # Only the answer that names hybrid work is hybrid; the other middle one
    # is merely unsure.
    assert done.result == {
        "version": 2,
        "scoring_version": 2,
        "score": 25,
        "leaning": "hybrid",
        "strength": "balanced",
        "score_side": {"id": b.pk, "name": b.name},
        "score_strength": "clear",
        "agreement": {"towards": 1, "against": 0, "neutral": 2, "total": 3,
                      "rests_on_one": True},
        "notes": ["one-answer", "hybrid-answer"],
        "dislike_weight": 1,
        "hybrid_roles": [{"name": "Applied scientist",
                          "description": "Half of each.", "section": "mixed"}],
        "role_a": {"id": a.pk, "name": a.name},
        "role_b": {"id": b.pk, "name": b.name},
        "leaning_role": None,
        "level": "mid",
        "level_label": "Mid-level",
        "senior": False,
        "current_role_id": None,
        "contributions": [
            {**question, "question_id": second.pk, "question": second.prompt,
             "short": "Question 2", "answer": "Option +1", "hybrid": False,
             "key": f"q{second.pk}", "number": 2, "position": 1, "weight": 2,
             "value": 25.0},
            {**question, "question_id": first.pk, "question": first.prompt,
             "short": "Main output", "answer": "Both, really", "hybrid": True,
             "key": f"q{first.pk}", "number": 1, "position": 0, "weight": 1,
             "value": 0.0},
            {**question, "question_id": third.pk, "question": third.prompt,
             "short": "Question 3", "answer": "Option +0", "hybrid": False,
             "key": f"q{third.pk}", "number": 3, "position": 0, "weight": 1,
             "value": 0.0},
        ],
        "likes_a": [],
        "likes_b": [],
        "dislikes_a": [],
        "dislikes_b": [],
    }  # fmt: skip


def test_a_dislike_of_a_role_outside_the_guide_is_skipped_not_the_rest(guide, member):
    # The stray statement comes first, so the guide's own dislike follows it.
    guide.fit_statements.filter(kind="dislikes").update(order=1)
    stray = FitStatementFactory(guide=guide, role=RoleFactory(), kind="dislikes")
    own = guide.fit_statements.get(kind="dislikes", role=guide.role_a)
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    answer_all(assessment, guide, [0] * 5)
    done = services.complete_assessment(assessment=assessment,
                                        fit_statement_ids=[stray.pk, own.pk])  # fmt: skip
    keys = [c["key"] for c in done.result["contributions"]]
    assert f"dislike{own.pk}" in keys and f"dislike{stray.pk}" not in keys
    assert (done.result["dislikes_a"], done.result["dislikes_b"]) == ([own.text], [])
    assert set(Assessment.objects.get(pk=assessment.pk).fit_statements.all()) == {
        stray, own,
    }  # fmt: skip


def test_completing_takes_the_same_queries_however_many_questions(member):
    def queries(questions: int) -> int:
        guide = guide_with_assessment(questions=questions)
        assessment, _ = services.start_or_resume(member=member, guide=guide)
        answer_all(assessment, guide, [1] * questions)
        with CaptureQueriesContext(connection) as context:
            services.complete_assessment(assessment=assessment, fit_statement_ids=[])
        return len(context.captured_queries)

    assert queries(2) == queries(6)


def answers_of(assessment) -> list[tuple]:
    return list(
        Answer.objects.filter(assessment=assessment).values_list(
            "question", "option", "question_prompt", "option_label", "position",
            "weight", "origin",
        )
    )  # fmt: skip


def suggestion_of(assessment) -> tuple:
    stored = Assessment.objects.get(pk=assessment.pk)
    return stored.suggested_option, stored.suggestion_note


def test_a_suggestion_is_stored_with_its_note_cut_to_fit(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    before = Assessment.objects.get(pk=assessment.pk).updated_at
    option = guide.questions.last().options.get(position=2)
    note = "market check of 12 postings, " + "x" * 300
    returned = services.suggest_answer(assessment=assessment, option=option,
                                       note=note)  # fmt: skip
    assert suggestion_of(assessment) == (option, note[:200])
    assert (returned.suggested_option, returned.suggestion_note) == (
        option, note[:200],
    )  # fmt: skip
    assert returned.pk == assessment.pk
    assert Assessment.objects.get(pk=assessment.pk).updated_at > before
    assert not Answer.objects.exists()  # the member still answers it


def test_suggesting_is_refused_when_finished_or_from_another_guide(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    foreign = DecisionQuestionFactory().options.first()
    with pytest.raises(ValidationError) as error:
        services.suggest_answer(assessment=assessment, option=foreign, note="x")
    assert messages(error) == ["That answer belongs to another guide."]
    assert suggestion_of(assessment) == (None, "")
    done = completed_assessment(member, guide)
    option = guide.questions.first().options.first()
    with pytest.raises(ValidationError) as error:
        services.suggest_answer(assessment=done, option=option, note="x")
    assert messages(error) == ["This assessment is finished; its answers are frozen."]
    assert suggestion_of(done) == (None, "")


def test_a_stale_copy_cannot_answer_or_suggest_after_completion(guide, member):
    """Another request (a second tab) finished the assessment after this copy
    was read: the answer and the suggestion are refused, and the frozen
    result and its answers stay exactly as they were."""
    stale, _ = services.start_or_resume(member=member, guide=guide)
    done = completed_assessment(member, guide)  # the same assessment, elsewhere
    assert done.pk == stale.pk and not stale.is_complete
    answers = list(Answer.objects.filter(assessment=done).values())
    question = guide.questions.first()
    option = question.options.last()
    for call in (
        lambda: services.record_answer(
            assessment=stale, question=question, option=option
        ),
        lambda: services.suggest_answer(assessment=stale, option=option, note="x"),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        assert messages(error) == [
            "This assessment is finished; its answers are frozen."
        ]
    stored = Assessment.objects.get(pk=done.pk)
    assert (stored.completed_at, stored.result) == (done.completed_at, done.result)
    assert suggestion_of(stored) == (None, "")
    assert list(Answer.objects.filter(assessment=done).values()) == answers


def test_keeping_a_suggested_answer_records_where_it_came_from(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    question = guide.questions.first()
    option = question.options.get(position=2)
    services.suggest_answer(assessment=assessment, option=option, note="the check")
    before = Assessment.objects.get(pk=assessment.pk).updated_at
    services.record_answer(assessment=assessment, question=question, option=option)
    assert answers_of(assessment) == [
        (question.pk, option.pk, question.prompt, "Option +2", 2, 1, "the check"),
    ]
    # The suggestion stands: the answer is the suggested one.
    assert suggestion_of(assessment) == (option, "the check")
    assert (assessment.suggested_option, assessment.suggestion_note) == (
        option, "the check",
    )  # fmt: skip
    assert Assessment.objects.get(pk=assessment.pk).updated_at > before


def test_choosing_otherwise_drops_the_suggestion_and_its_origin(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    question = guide.questions.first()
    suggested = question.options.get(position=2)
    services.suggest_answer(assessment=assessment, option=suggested, note="check")
    services.record_answer(assessment=assessment, question=question,
                           option=suggested)  # fmt: skip
    before = Assessment.objects.get(pk=assessment.pk).updated_at
    chosen = question.options.get(position=-1)
    answer = services.record_answer(assessment=assessment, question=question,
                                    option=chosen)  # fmt: skip
    assert answers_of(assessment) == [
        (question.pk, chosen.pk, question.prompt, "Option -1", -1, 1, ""),
    ]
    assert answer.origin == ""
    assert suggestion_of(assessment) == (None, "")
    assert (assessment.suggested_option, assessment.suggestion_note) == (None, "")
    assert Assessment.objects.get(pk=assessment.pk).updated_at > before


def test_answering_another_question_keeps_the_suggestion(guide, member):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    first, second = guide.questions.all()[:2]
    suggested = first.options.get(position=2)
    services.suggest_answer(assessment=assessment, option=suggested, note="check")
    other = second.options.get(position=2)
    services.record_answer(assessment=assessment, question=second, option=other)
    assert answers_of(assessment) == [
        (second.pk, other.pk, second.prompt, "Option +2", 2, 2, ""),
    ]
    assert suggestion_of(assessment) == (suggested, "check")
    assert (assessment.suggested_option, assessment.suggestion_note) == (
        suggested, "check",
    )  # fmt: skip
