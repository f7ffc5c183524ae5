import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import (
    HYBRID_BAND,
    RANK,
    Contribution,
    Leaning,
    Note,
    Score,
    ScoredAnswer,
    Strength,
    agreement_cap,
    fit_position,
    score,
)

# Whole positions from the questions, and the fractional ones a fit-statement
# answer brings (any share difference times two).
positions = st.one_of(
    st.integers(min_value=-2, max_value=2),
    st.fractions(min_value=-2, max_value=2, max_denominator=12).map(float),
)
weights = st.integers(min_value=1, max_value=5)
answer_lists = st.lists(st.tuples(positions, weights), min_size=1, max_size=8)
# Also the assessment nobody answered (a guide without questions).
any_answer_lists = st.lists(st.tuples(positions, weights), min_size=0, max_size=8)


def build(pairs) -> list[ScoredAnswer]:
    return [ScoredAnswer(f"q{i}", p, w) for i, (p, w) in enumerate(pairs)]


@given(any_answer_lists)
def test_score_is_bounded(pairs):
    result = score(build(pairs))
    assert -100 <= result.value <= 100
    assert all(-100 <= c.value <= 100 for c in result.contributions)


@given(answer_lists)
def test_mirroring_every_answer_flips_the_sign(pairs):
    original = score(build(pairs))
    mirrored = score(build([(-p, w) for p, w in pairs]))
    assert mirrored.value == -original.value
    if original.leaning == Leaning.A:
        assert mirrored.leaning == Leaning.B


@given(answer_lists, st.data())
def test_moving_an_answer_towards_b_never_moves_the_score_towards_a(pairs, data):
    index = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    position, weight = pairs[index]
    moved_to = data.draw(st.floats(min_value=position, max_value=2))
    changed = list(pairs)
    changed[index] = (moved_to, weight)
    assert score(build(changed)).value >= score(build(pairs)).value


@given(answer_lists, st.data())
def test_a_heavier_weight_never_shrinks_its_answers_contribution(pairs, data):
    index = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    position, weight = pairs[index]
    heavier = list(pairs)
    heavier[index] = (position, data.draw(st.integers(min_value=weight, max_value=9)))

    def contribution(result):
        return next(c.value for c in result.contributions if c.key == f"q{index}")

    assert (
        abs(contribution(score(build(heavier))))
        >= abs(contribution(score(build(pairs)))) - 1e-9
    )


@given(answer_lists)
def test_contributions_add_up_to_the_score_largest_first(pairs):
    result = score(build(pairs))
    assert abs(sum(c.value for c in result.contributions) - result.value) <= 0.5
    sizes = [abs(c.value) for c in result.contributions]
    assert sizes == sorted(sizes, reverse=True)


@given(any_answer_lists)
def test_leaning_follows_the_score(pairs):
    result = score(build(pairs))
    if abs(result.value) <= HYBRID_BAND:
        assert result.leaning == Leaning.HYBRID
    elif result.value < 0:
        assert result.leaning in (Leaning.A, Leaning.HYBRID)
    else:
        assert result.leaning in (Leaning.B, Leaning.HYBRID)
    # A leaning is never called balanced, and the boundary always is.
    assert (result.strength == "balanced") == (result.leaning == Leaning.HYBRID)


def test_all_strongly_b_scores_100():
    assert score(build([(2, 2), (2, 1)])).value == 100


def test_no_answers_is_a_balanced_zero_with_nothing_to_explain():
    assert score([]) == Score(0, Leaning.HYBRID, "balanced", [])


def answers_scoring(value: int) -> list[ScoredAnswer]:
    """Four agreeing answers whose positions (out of ±2) give exactly
    ``value``: enough agreement that no cap applies, so the label is the
    score's own."""
    return [ScoredAnswer(f"q{i}", value / 50, 1) for i in range(4)]


@pytest.mark.parametrize(
    ("value", "leaning", "strength"),
    [
        (0, Leaning.HYBRID, "balanced"),
        (20, Leaning.HYBRID, "balanced"),
        (-20, Leaning.HYBRID, "balanced"),
        (21, Leaning.B, "clear"),
        (-21, Leaning.A, "clear"),
        (59, Leaning.B, "clear"),
        (-59, Leaning.A, "clear"),
        (60, Leaning.B, "strong"),
        (-60, Leaning.A, "strong"),
        (100, Leaning.B, "strong"),
        (-100, Leaning.A, "strong"),
    ],
)
def test_label_and_leaning_at_the_boundaries(value, leaning, strength):
    result = score(answers_scoring(value))
    assert (result.value, result.leaning, result.strength) == (
        value,
        leaning,
        strength,
    )


@given(any_answer_lists)
def test_balanced_exactly_when_hybrid(pairs):
    result = score(build(pairs))
    assert (result.strength == "balanced") == (result.leaning == Leaning.HYBRID)
    assert result.strength in {"balanced", "slight", "clear", "strong"}


def test_contributions_are_each_answers_share_largest_first():
    result = score([ScoredAnswer("small", 1, 1), ScoredAnswer("big", -2, 3)])
    # Weight 4 in all: each point of position times weight is 100 / 8. The
    # score alone would be strong, but one answer for and one against is slight.
    assert result == Score(
        -62,
        Leaning.A,
        "slight",
        [Contribution("big", -2, 3, -75.0), Contribution("small", 1, 1, 12.5)],
        agreement=result.agreement,
        notes=(Note.MAJORITY_DISAGREES,),
        score_strength="strong",
    )
    assert (result.agreement.towards, result.agreement.against) == (1, 1)


@pytest.mark.parametrize("position", [-2.01, 2.01, 3, -3])
def test_a_position_out_of_range_is_refused(position):
    with pytest.raises(ValueError, match=rf"^position out of range: {position}$"):
        score([ScoredAnswer("q", position, 1)])


@pytest.mark.parametrize("position", [-2, 2])
def test_the_extreme_positions_are_accepted(position):
    assert abs(score([ScoredAnswer("q", position, 1)]).value) == 100


def test_a_weight_below_one_is_refused():
    with pytest.raises(ValueError, match=r"^weight must be at least 1: 0$"):
        score([ScoredAnswer("q", 1, 0)])
    assert score([ScoredAnswer("q", 1, 1)]).value == 50


# Totals of 0 are real: a guide may list no statements for one of its roles.
@given(st.integers(0, 5), st.integers(0, 5), st.integers(0, 5), st.integers(0, 5))
def test_fit_position_is_within_range(liked_a, total_a, liked_b, total_b):
    liked_a, liked_b = min(liked_a, total_a), min(liked_b, total_b)
    position = fit_position(liked_a, total_a, liked_b, total_b)
    if liked_a == liked_b == 0 or 0 in (total_a, total_b):
        assert position is None
    else:
        assert -2 <= position <= 2
        assert position == 2 * (liked_b / total_b - liked_a / total_a)


@pytest.mark.parametrize(
    ("liked_a", "total_a", "liked_b", "total_b", "expected"),
    [
        (0, 4, 4, 4, 2.0),
        (4, 4, 0, 4, -2.0),
        (1, 2, 1, 4, -0.5),
        (0, 4, 1, 4, 0.5),
        (1, 4, 0, 4, -0.5),
        (0, 0, 2, 4, None),
        (2, 4, 0, 0, None),
        (0, 3, 0, 3, None),
    ],
)
def test_fit_position_examples(liked_a, total_a, liked_b, total_b, expected):
    assert fit_position(liked_a, total_a, liked_b, total_b) == expected


# Agreement between answers, dislikes and the hybrid outcome.

fit_like = st.floats(min_value=-2, max_value=2, allow_nan=False)
mixed_lists = st.lists(
    st.tuples(st.one_of(positions, fit_like), weights), min_size=1, max_size=8
)


def rank(result) -> int:
    return RANK[Strength(result.strength)]


@given(mixed_lists)
def test_agreement_bounds_strength(pairs):
    result = score(build(pairs))
    if result.leaning != Leaning.HYBRID:
        assert rank(result) <= RANK[agreement_cap(result.agreement)]
        if result.strength == "strong":
            assert result.agreement.share >= 0.75
            assert result.agreement.towards >= 3
        if result.strength in ("clear", "strong"):
            assert result.agreement.towards >= 2
            assert result.agreement.towards > result.agreement.against


@given(mixed_lists)
def test_agreement_counts_every_answer(pairs):
    result = score(build(pairs))
    assert result.agreement.total == len(pairs)


@given(st.integers(0, 7), st.sampled_from([-2, -1, 1, 2]), weights, st.data())
def test_a_single_non_neutral_answer_is_at_most_slight(
    neutrals, position, weight, data
):
    neutral_weights = data.draw(st.lists(weights, min_size=neutrals, max_size=neutrals))
    pairs = [(0, w) for w in neutral_weights] + [(position, weight)]
    result = score(build(pairs))
    assert result.strength in ("balanced", "slight")
    if result.leaning != Leaning.HYBRID:
        assert Note.ONE_ANSWER in result.notes


@given(mixed_lists, st.data())
def test_adding_an_answer_that_agrees_never_weakens_the_leaning(pairs, data):
    """An agreeing answer points the leaning's way at least as firmly as the
    answers so far do on average (a milder one would dilute the mean)."""
    before = score(build(pairs))
    if before.leaning == Leaning.HYBRID:
        return
    sign = -1 if before.leaning == Leaning.A else 1
    mean = abs(before.value) / 50
    size = data.draw(st.floats(min_value=min(mean, 2), max_value=2))
    weight = data.draw(weights)
    after = score(build([*pairs, (sign * size, weight)]))
    assert after.leaning == before.leaning
    assert rank(after) >= rank(before)


def test_one_answer_with_four_neutral_is_slight_not_clear():
    # −2 on a weight-2 question, the other four neutral: the score is −25.
    result = score(build([(-2, 2), (0, 2), (0, 1), (0, 2), (0, 1)]))
    assert result.value == -25
    assert (result.leaning, result.strength) == (Leaning.A, "slight")
    assert result.agreement.rests_on_one


def test_two_strong_answers_outvoting_three_is_slight_and_says_so():
    # −2, −2 on the two weight-2 questions, +1 on the other three.
    result = score(build([(-2, 2), (-2, 2), (1, 1), (1, 2), (1, 1)]))
    assert result.value == -25
    assert (result.leaning, result.strength) == (Leaning.A, "slight")
    assert Note.MAJORITY_DISAGREES in result.notes
    # With equal weights the same answers sit on the boundary.
    assert score(build([(-2, 1), (-2, 1), (1, 1), (1, 1), (1, 1)])).leaning == (
        Leaning.HYBRID
    )


def test_a_dislike_of_the_leaning_role_makes_a_strong_leaning_slight():
    strongly_a = [(-2, 2), (-2, 2), (-2, 1), (-2, 2), (-2, 1)]
    assert score(build(strongly_a)).strength == "strong"
    answers = [*build(strongly_a), ScoredAnswer("dislike-a", 2, 1, dislike=True)]
    result = score(answers)
    assert (result.leaning, result.strength) == (Leaning.A, "slight")
    assert Note.DISLIKE in result.notes
    # The dislike counts against its side in the score, with its weight.
    assert result.value > score(build(strongly_a)).value


def test_a_dislike_of_the_other_role_does_not_cap():
    answers = [*build([(-2, 2), (-2, 2), (-2, 1), (-2, 2)]),
               ScoredAnswer("dislike-b", -2, 1, dislike=True)]  # fmt: skip
    assert score(answers).strength == "strong"


def test_a_hybrid_answer_turns_a_slight_leaning_hybrid():
    pairs = [(-2, 2), (0, 2), (0, 1), (0, 2)]
    plain = [*build(pairs), ScoredAnswer("q5", 0, 1)]
    hybrid = [*build(pairs), ScoredAnswer("q5", 0, 1, hybrid=True)]
    assert score(plain).leaning == Leaning.A
    result = score(hybrid)
    assert (result.leaning, result.strength) == (Leaning.HYBRID, "balanced")
    assert Note.HYBRID_ANSWER in result.notes
    assert result.value == score(plain).value


def test_a_hybrid_answer_leaves_a_clear_leaning_alone():
    answers = [*build([(2, 2), (2, 2), (1, 1), (2, 2)]),
               ScoredAnswer("q5", 0, 1, hybrid=True)]  # fmt: skip
    assert score(answers).leaning == Leaning.B


def test_strong_answers_on_both_sides_near_the_boundary_are_hybrid():
    result = score(build([(2, 2), (2, 2), (2, 1), (-2, 2), (0, 1)]))
    assert 20 < result.value < 40
    assert result.leaning == Leaning.HYBRID
    assert Note.BOTH_SIDES in result.notes


def test_a_hybrid_answer_must_sit_in_the_middle():
    with pytest.raises(ValueError):
        score([ScoredAnswer("q5", 1, 1, hybrid=True)])


def test_on_the_boundary_hybrid_evidence_is_told_apart_from_no_pull():
    neutral = score(build([(0, 2), (0, 1), (1, 1), (0, 2)]))
    assert neutral.leaning == Leaning.HYBRID and neutral.notes == ()
    both = score(build([(2, 2), (-2, 2), (0, 1)]))
    assert both.leaning == Leaning.HYBRID and Note.BOTH_SIDES in both.notes
    hybrid = score([*build([(0, 2), (1, 1)]), ScoredAnswer("q5", 0, 1, hybrid=True)])
    assert hybrid.leaning == Leaning.HYBRID and Note.HYBRID_ANSWER in hybrid.notes
