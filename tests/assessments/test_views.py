import pytest
from django.urls import reverse

from assessments.models import Answer, Assessment
from tests.factories import (
    GuideFactory,
    RoleFactory,
    UserFactory,
    completed_assessment,
    guide_with_assessment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return guide_with_assessment()


def start(client, guide) -> Assessment:
    response = client.post(reverse("assessments:start", args=[guide.slug]))
    assert response.status_code == 303
    return Assessment.objects.get(pk=response["Location"].strip("/").split("/")[-1])


def answer(client, assessment, step, option, **extra):
    question = assessment.guide.questions.all()[step - 1]
    return client.post(
        reverse("assessments:answer", args=[assessment.pk]),
        {"question": question.pk, "option": option.pk, "step": step},
        **extra,
    )


def test_visitor_is_sent_to_sign_in_and_back(client, guide):
    url = reverse("assessments:start", args=[guide.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_guide_page_links_to_its_assessment_only_when_it_has_questions(client, guide):
    assert (
        "Take the assessment" in client.get(guide.get_absolute_url()).content.decode()
    )
    bare = GuideFactory()
    assert (
        "Take the assessment"
        not in client.get(bare.get_absolute_url()).content.decode()
    )
    client.force_login(UserFactory())
    assert client.get(reverse("assessments:start", args=[bare.slug])).status_code == 404


def test_start_shows_intro_then_resumes_the_same_assessment(member_client, guide):
    intro = member_client.get(reverse("assessments:start", args=[guide.slug]))
    assert "Start the assessment" in intro.content.decode()
    first = start(member_client, guide)
    intro = member_client.get(reverse("assessments:start", args=[guide.slug]))
    assert "Resume where you left off" in intro.content.decode()
    assert start(member_client, guide) == first


def test_a_step_shows_progress_and_saves_the_answer(member_client, guide):
    assessment = start(member_client, guide)
    page = member_client.get(assessment.get_absolute_url()).content.decode()
    assert "Question 1 of 5" in page
    assert '<progress max="6" value="1"' in page
    option = guide.questions.first().options.get(position=1)
    response = answer(member_client, assessment, 1, option)
    assert response.status_code == 303
    assert response["Location"] == f"{assessment.get_absolute_url()}?step=2"
    assert Answer.objects.get(assessment=assessment).option == option


def test_htmx_step_swaps_only_the_fragment(member_client, guide):
    assessment = start(member_client, guide)
    option = guide.questions.first().options.first()
    response = answer(member_client, assessment, 1, option, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="assessment-step"' in html
    assert "Question 2 of 5" in html
    assert response["HX-Push-Url"].endswith("?step=2")
    back = member_client.get(
        f"{assessment.get_absolute_url()}?step=1", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in back and "Question 1 of 5" in back
    assert "checked" in back  # the saved answer is preselected


def test_cannot_skip_ahead_of_the_first_open_question(member_client, guide):
    assessment = start(member_client, guide)
    page = member_client.get(f"{assessment.get_absolute_url()}?step=4").content.decode()
    assert "Question 1 of 5" in page
    page = member_client.get(
        f"{assessment.get_absolute_url()}?step=abc"
    ).content.decode()
    assert "Question 1 of 5" in page


@pytest.mark.parametrize("case", ["missing", "other_question", "tampered_question"])
def test_bad_answers_get_a_message_and_save_nothing(member_client, guide, case):
    assessment = start(member_client, guide)
    first, second = guide.questions.all()[:2]
    data = {"question": first.pk, "option": first.options.first().pk, "step": 1}
    if case == "missing":
        del data["option"]
        message = "Choose one answer to continue."
    elif case == "other_question":
        data["option"] = second.options.first().pk
        message = "not one of this question"
    else:
        data["question"] = second.pk
        message = "different question"
    response = member_client.post(
        reverse("assessments:answer", args=[assessment.pk]), data
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Answer.objects.exists()


def test_whole_journey_to_a_frozen_result(member_client, guide):
    assessment = start(member_client, guide)
    for step, question in enumerate(guide.questions.all(), start=1):
        answer(member_client, assessment, step, question.options.get(position=-2))
    fit_page = member_client.get(assessment.get_absolute_url()).content.decode()
    assert "Tick whatever sounds like you" in fit_page
    response = member_client.post(reverse("assessments:finish", args=[assessment.pk]))
    assert response.status_code == 303
    html = member_client.get(assessment.get_absolute_url()).content.decode()
    assert f"You lean towards {guide.role_a}" in html
    assert 'id="score">-100<' in html
    assert f'href="{guide.get_absolute_url()}#first-section"' in html
    assert "the day-to-day work you would enjoy" in html


def test_senior_members_get_evidence_advice(client, guide):
    member = UserFactory(level="staff")
    completed_assessment(member, guide, position=0)
    client.force_login(member)
    assessment = member.assessments.get()
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "track record is most convincing" in html
    assert "You sit on the boundary" in html
    assert "hybrid applied-AI roles" in html


def test_next_step_depends_on_the_current_role(client, guide):
    switcher = UserFactory(current_role=guide.role_a)
    completed_assessment(switcher, guide, position=2)
    client.force_login(switcher)
    html = client.get(switcher.assessments.get().get_absolute_url()).content.decode()
    assert "today you work as" in html
    stayer = UserFactory(current_role=guide.role_b)
    completed_assessment(stayer, guide, position=2)
    client.force_login(stayer)
    html = client.get(stayer.assessments.get().get_absolute_url()).content.decode()
    assert "deepen it" in html


def test_steps_of_a_completed_assessment_are_refused(member_client, member, guide):
    assessment = completed_assessment(member, guide, position=1)
    question = guide.questions.first()
    response = member_client.post(
        reverse("assessments:answer", args=[assessment.pk]),
        {"question": question.pk, "option": question.options.first().pk, "step": 1},
    )
    assert response.status_code == 409
    assert "This assessment is finished" in response.content.decode()
    response = member_client.post(reverse("assessments:finish", args=[assessment.pk]))
    assert response.status_code == 409
    assessment.refresh_from_db()
    assert assessment.result["score"] > 0


def test_finishing_early_is_refused(member_client, guide):
    assessment = start(member_client, guide)
    response = member_client.post(reverse("assessments:finish", args=[assessment.pk]))
    assert response.status_code == 400
    assert "Please answer every question first" in response.content.decode()
    assessment.refresh_from_db()
    assert not assessment.is_complete


def test_other_members_assessments_are_404(client, guide):
    owner = UserFactory()
    done = completed_assessment(owner, guide, position=1)
    second = completed_assessment(owner, guide, position=-1)
    client.force_login(UserFactory())
    assert client.get(done.get_absolute_url()).status_code == 404
    question = guide.questions.first()
    post = {"question": question.pk, "option": question.options.first().pk}
    assert (
        client.post(reverse("assessments:answer", args=[done.pk]), post).status_code
        == 404
    )
    assert client.post(reverse("assessments:finish", args=[done.pk])).status_code == 404
    compare = reverse("assessments:compare")
    assert client.get(compare, {"a": done.pk, "b": second.pk}).status_code == 404


def test_history_lists_leaning_and_compares_two_results(member_client, member, guide):
    first = completed_assessment(member, guide, position=-2)
    second = completed_assessment(member, guide, position=1)
    html = member_client.get(reverse("assessments:list")).content.decode()
    assert f"Leans {guide.role_a}" in html and f"Leans {guide.role_b}" in html
    assert "Compare two results" in html
    page = member_client.get(
        reverse("assessments:compare"), {"a": second.pk, "b": first.pk}
    ).content.decode()
    assert "moved from <strong>-100</strong> to <strong>+" in page
    assert page.count("Changed</strong>") == 5


def test_compare_with_bad_ids_explains(member_client):
    response = member_client.get(reverse("assessments:compare"), {"a": "x", "b": "1"})
    assert response.status_code == 303


def test_result_and_history_query_budgets(client, django_assert_max_num_queries):
    member = UserFactory(current_role=RoleFactory())
    guide = guide_with_assessment()
    for i in range(20):
        completed_assessment(member, guide, position=(i % 5) - 2)
    client.force_login(member)
    latest = member.assessments.first()
    with django_assert_max_num_queries(10):
        response = client.get(latest.get_absolute_url())
    assert "Your next step" in response.content.decode()
    with django_assert_max_num_queries(10):
        response = client.get(reverse("assessments:list"))
    assert response.content.decode().count("<tr>") == 21
