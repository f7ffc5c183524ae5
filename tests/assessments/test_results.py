"""The result page as evidence: agreement, hybrid outcome, labels, old results."""

import re

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import FitStatement, HybridRole
from tests.factories import UserFactory, guide_with_assessment

pytestmark = pytest.mark.django_db

SHORTS = ["Main output", "Kind of problem", "Interview loop", "Skills", "Market"]


@pytest.fixture
def guide():
    # Weights 1, 2, 1, 2, 1 in the order asked.
    guide = guide_with_assessment()
    for question, short in zip(guide.questions.all(), SHORTS, strict=True):
        question.short_name = short
        question.save()
    return guide


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def take(member, guide, positions, *, fit=(), hybrid_middle=False):
    assessment, _ = services.start_or_resume(member=member, guide=guide)
    for question, position in zip(guide.questions.all(), positions, strict=True):
        options = question.options.filter(position=position)
        option = options.filter(hybrid=hybrid_middle).first() or options.first()
        services.record_answer(assessment=assessment, question=question, option=option)
    return services.complete_assessment(
        assessment=assessment, fit_statement_ids=[s.pk for s in fit]
    )


def page(client, assessment) -> str:
    response = client.get(assessment.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def bar_labels(html: str, layout: str = "wide") -> list[str]:
    """The bar labels of one layout (the page carries a wide and a narrow one)."""
    chart = html.split(f'<figure class="chart chart--{layout}">', 1)[1]
    chart = chart.split("</figure>", 1)[0]
    return re.findall(r'<text class="diverging__label"[^>]*>([^<]+)</text>', chart)


def row_headers(html: str) -> list[str]:
    return [h.strip() for h in re.findall(r'<th scope="row">(\d+\. [^<]+)', html)]


def test_bars_carry_short_names_numbered_in_the_order_asked(client, guide, member):
    # The biggest pull is question 4 (weight 2); numbering still follows order.
    assessment = take(member, guide, [1, 0, -1, 2, 1])
    html = page(client, assessment)
    expected = [f"{n}. {s}" for n, s in enumerate(SHORTS, start=1)]
    assert bar_labels(html) == expected
    assert bar_labels(html, "narrow") == expected
    assert row_headers(html) == expected
    # Each bar's value is the frozen contribution of the question it names.
    wide = html.split('<figure class="chart chart--wide">', 1)[1].split("</figure>")[0]
    values = re.findall(r'<text class="diverging__value"[^>]*>([^<]+)</text>', wide)
    frozen = sorted(assessment.result["contributions"], key=lambda c: c["number"])
    assert values == [f"{round(c['value']):+d}".replace("+0", "0") for c in frozen]


def test_one_answer_among_neutral_ones_is_slight_and_says_it_rests_on_it(
    client, guide, member
):
    assessment = take(member, guide, [0, -2, 0, 0, 0])
    assert assessment.result["score"] == -29
    html = page(client, assessment)
    assert f"You lean towards {guide.role_a}" in html
    assert "a slight leaning." in html
    assert "<strong>1 of 5 answers</strong> point towards" in html
    assert "This rests mostly on one answer." in html
    assert 'id="note-one-answer"' in html


def test_two_heavy_answers_against_three_say_the_majority_disagrees(
    client, guide, member
):
    assessment = take(member, guide, [1, -2, 1, -2, 1])
    result = assessment.result
    assert (result["leaning"], result["strength"]) == ("a", "slight")
    html = page(client, assessment)
    assert "<strong>2 of 5 answers</strong> point towards" in html
    assert f"3 towards {guide.role_b}" in html
    assert 'id="note-majority"' in html


def test_four_of_five_agreeing_is_not_resting_on_one(client, guide, member):
    assessment = take(member, guide, [2, 2, 2, 2, 0])
    html = page(client, assessment)
    assert "a strong leaning." in html
    assert "<strong>4 of 5 answers</strong> point towards" in html
    assert "No single answer decides it." in html


def test_a_dislike_counts_against_its_side_with_its_weight(client, guide, member):
    dislike = FitStatement.objects.get(guide=guide, kind="dislikes")
    assert dislike.role_id == guide.role_a_id
    assessment = take(member, guide, [-2] * 5, fit=[dislike])
    result = assessment.result
    assert (result["leaning"], result["strength"]) == ("a", "slight")
    row = next(c for c in result["contributions"] if c["kind"] == "dislike")
    assert (row["weight"], row["position"]) == (1, 2) and row["value"] > 0
    html = page(client, assessment)
    assert f"Counts against {guide.role_a}, weight 1" in html
    assert f"That counts against {guide.role_a} like one strongly worded" in html
    assert "keeps this leaning slight" in html
    assert bar_labels(html)[-1] == f"6. Dislike ({guide.role_a})"


def test_a_hybrid_answer_gives_the_hybrid_outcome_with_roles_and_both_plans(
    client, guide, member
):
    fifth = guide.questions.last()
    fifth.options.filter(position=0).update(label="Mostly hybrid work", hybrid=True)
    fifth.options.create(label="Not sure yet", position=0, order=9)
    HybridRole.objects.create(guide=guide, name="AI evaluation", section_anchor="x",
                              description="Measuring model output.")  # fmt: skip
    assessment = take(member, guide, [0, -2, 0, 0, 0], hybrid_middle=True)
    assert assessment.result["leaning"] == "hybrid"
    html = page(client, assessment)
    assert "Your answers point to hybrid work between" in html
    assert 'id="note-hybrid-answer"' in html and "Mostly hybrid work" in html
    assert f'<a href="{guide.get_absolute_url()}#x">AI evaluation</a>' in html
    new = reverse("plans:new")
    for role in (guide.role_a, guide.role_b):
        assert f"{new}?assessment={assessment.pk}&amp;towards={role.pk}" in html
    # "Not sure" at the same position is no evidence: a slight leaning stays.
    other = UserFactory()
    unsure = take(other, guide, [0, -2, 0, 0, 0])
    assert unsure.result["leaning"] == "a"


OLD_RESULT = {
    "version": 1,
    "score": -25,
    "leaning": "a",
    "strength": "clear",
    "level": "",
    "level_label": "",
    "senior": False,
    "current_role_id": None,
    "likes_a": [],
    "likes_b": [],
    "dislikes_a": ["Long stretches of ambiguity"],
    "dislikes_b": [],
}


def old_result(assessment) -> dict:
    """The result as the earlier scoring froze it: biggest pull first, no
    numbers, short names, agreement or scoring version."""
    guide = assessment.guide
    first, second, *rest = list(guide.questions.all())
    contributions = [
        {"question_id": second.pk, "question": second.prompt, "answer": "Option -2",
         "section": "", "origin": "", "key": f"q{second.pk}", "position": -2,
         "weight": 2, "value": -25.0},
        *[{"question_id": q.pk, "question": q.prompt, "answer": "Option +0",
           "section": "", "origin": "", "key": f"q{q.pk}", "position": 0,
           "weight": q.weight, "value": 0.0} for q in [first, *rest]],
    ]  # fmt: skip
    return {
        **OLD_RESULT,
        "role_a": {"id": guide.role_a_id, "name": guide.role_a.name},
        "role_b": {"id": guide.role_b_id, "name": guide.role_b.name},
        "leaning_role": {"id": guide.role_a_id, "name": guide.role_a.name},
        "contributions": contributions,
    }


def test_a_result_frozen_under_the_earlier_scoring_keeps_its_figures(
    client, guide, member
):
    assessment = take(member, guide, [0, -2, 0, 0, 0])
    assessment.result = old_result(assessment)
    assessment.save()
    html = page(client, assessment)
    # Its own figures and label, not the current scoring's "slight".
    assert '<strong id="score">-25</strong>' in html
    assert "a clear leaning." in html and "a slight leaning." not in html
    assert 'id="earlier-scoring"' in html
    assert 'id="agreement"' not in html
    # Numbered in the order asked, named by the questions' short names.
    expected = [f"{n}. {s}" for n, s in enumerate(SHORTS, start=1)]
    assert bar_labels(html) == expected
    assert "−25" in html or "-25 towards" in html
    assert "Watch out:</strong> you dislike “Long stretches of ambiguity”" in html
    # The current scoring's results carry no such mark.
    fresh = take(member, guide, [0, -2, 0, 0, 0])
    assert 'id="earlier-scoring"' not in page(client, fresh)


def test_compare_shows_the_pulls_the_result_pages_show(client, guide, member):
    earlier = take(member, guide, [-2, -1, 0, 1, 2])
    later = take(member, guide, [1, 2, 0, 2, 1])
    html = client.get(
        reverse("assessments:compare"), {"a": earlier.pk, "b": later.pk}
    ).content.decode()
    for assessment in (earlier, later):
        result_page = page(client, assessment)
        for c in assessment.result["contributions"]:
            value = round(c["value"])
            if value:
                side = guide.role_b if value > 0 else guide.role_a
                text = f"{value:+d} towards {side}".replace("+-", "-")
                assert text in result_page
                assert text in html
    # In the order asked, by short name, and never fractional.
    assert row_headers(html) == [f"{n}. {s}" for n, s in enumerate(SHORTS, 1)]
    assert not re.search(r"[+-]\d+\.\d", html)


def test_compare_options_lead_with_a_readable_date(client, guide, member):
    first = take(member, guide, [-2] * 5)
    take(member, guide, [2] * 5)
    html = client.get(reverse("assessments:list")).content.decode()
    options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', html)
    assert len(options) == 4
    day = first.completed_at.strftime("%-d %b %Y")
    assert all(re.match(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d · ", o) for o in options)
    assert any(o.startswith(day) for o in options)


def test_the_hybrid_answer_on_the_boundary_reads_as_hybrid_not_undecided(
    client, guide, member
):
    fifth = guide.questions.last()
    fifth.options.filter(position=0).update(label="Mostly hybrid work", hybrid=True)
    hybrid = take(member, guide, [0, 0, 0, 0, 0], hybrid_middle=True)
    assert "Your answers point to hybrid work between" in page(client, hybrid)
    fifth.options.filter(position=0).update(hybrid=False)
    undecided = take(member, guide, [0, 0, 0, 0, 0])
    assert "You sit on the boundary between" in page(client, undecided)
