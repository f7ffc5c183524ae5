import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import (
    HYBRID_BAND,
    RANK,
    Agreement,
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


# Whole results at the boundaries the rules draw. Weights are chosen so that
# each point of position times weight is a round number (100 / (2 × total)).


def test_a_hybrid_answer_off_the_middle_is_refused_saying_why():
    with pytest.raises(
        ValueError, match=r"^a hybrid answer sits in the middle \(position 0\)$"
    ):
        score([ScoredAnswer("q5", -0.5, 1, hybrid=True)])


def test_answers_cancelling_out_score_zero_with_no_side_to_agree_with():
    # With no leaning, no answer points "towards" it: every answer is counted
    # as neither for nor against, and nothing pulls.
    assert score(build([(1, 1), (-1, 1)])) == Score(
        0,
        Leaning.HYBRID,
        "balanced",
        [Contribution("q0", 1, 1, 25.0), Contribution("q1", -1, 1, -25.0)],
        agreement=Agreement(towards=0, against=0, neutral=2, top_share=0.0),
        notes=(),
        score_strength=Strength.BALANCED,
    )


def test_strong_answers_cancelling_out_are_hybrid_evidence():
    assert score(build([(-2, 1), (2, 1)])) == Score(
        0,
        Leaning.HYBRID,
        "balanced",
        [Contribution("q0", -2, 1, -50.0), Contribution("q1", 2, 1, 50.0)],
        agreement=Agreement(towards=0, against=0, neutral=2, top_share=0.0),
        notes=(Note.BOTH_SIDES,),
        score_strength=Strength.BALANCED,
    )


@pytest.mark.parametrize("side", [1, -1])
def test_a_score_of_one_already_has_a_side_to_agree_with(side):
    # Total weight 50: the one answer at ±1 gives a score of exactly ±1.
    assert score(build([(side, 1), (0, 49)])) == Score(
        side,
        Leaning.HYBRID,
        "balanced",
        [Contribution("q0", side, 1, side * 1.0), Contribution("q1", 0, 49, 0.0)],
        agreement=Agreement(towards=1, against=0, neutral=1, top_share=1.0),
        notes=(),
        score_strength=Strength.BALANCED,
    )


@pytest.mark.parametrize("side", [1, -1])
def test_one_strongest_answer_without_its_opposite_is_not_both_sides(side):
    # Total weight 5: one answer at ±2 gives exactly ±20, on the boundary;
    # with no strong answer on the other side there is no hybrid evidence.
    assert score(build([(2 * side, 1), (0, 4)])) == Score(
        20 * side,
        Leaning.HYBRID,
        "balanced",
        [Contribution("q0", 2 * side, 1, 20.0 * side), Contribution("q1", 0, 4, 0.0)],
        agreement=Agreement(towards=1, against=0, neutral=1, top_share=1.0),
        notes=(),
        score_strength=Strength.BALANCED,
    )


def test_two_agreeing_answers_make_a_strong_score_clear_without_a_note():
    # Total weight 5: 40 + 40 = 80, strong by the score alone, but two
    # answers are enough for clear and not for strong.
    assert score(build([(2, 2), (2, 2), (0, 1)])) == Score(
        80,
        Leaning.B,
        "clear",
        [
            Contribution("q0", 2, 2, 40.0),
            Contribution("q1", 2, 2, 40.0),
            Contribution("q2", 0, 1, 0.0),
        ],
        agreement=Agreement(towards=2, against=0, neutral=1, top_share=0.5),
        notes=(),
        score_strength=Strength.STRONG,
    )


def test_three_agreeing_answers_are_enough_for_strong():
    assert score(build([(-2, 1), (-2, 1), (-2, 1), (0, 1)])) == Score(
        -75,
        Leaning.A,
        "strong",
        [
            Contribution("q0", -2, 1, -25.0),
            Contribution("q1", -2, 1, -25.0),
            Contribution("q2", -2, 1, -25.0),
            Contribution("q3", 0, 1, 0.0),
        ],
        agreement=Agreement(towards=3, against=0, neutral=1, top_share=25 / 75),
        notes=(),
        score_strength=Strength.STRONG,
    )


def test_three_answers_for_and_one_against_is_just_enough_agreement_for_strong():
    # 25 × 3 − 12.5 = 62.5, rounded half to even: 62. Three of the four
    # non-neutral answers agree: exactly the 75 % a strong leaning needs.
    assert score(build([(2, 1), (2, 1), (2, 1), (-1, 1)])) == Score(
        62,
        Leaning.B,
        "strong",
        [
            Contribution("q0", 2, 1, 25.0),
            Contribution("q1", 2, 1, 25.0),
            Contribution("q2", 2, 1, 25.0),
            Contribution("q3", -1, 1, -12.5),
        ],
        agreement=Agreement(towards=3, against=1, neutral=0, top_share=25 / 75),
        notes=(),
        score_strength=Strength.STRONG,
    )


def test_an_unequal_pull_shows_in_the_top_share():
    # Total weight 5: 40 + 20 = 60 of pull, the largest answer 40 of it.
    result = score(build([(2, 2), (2, 1), (2, 1), (0, 1)]))
    assert result.agreement == Agreement(
        towards=3, against=0, neutral=1, top_share=40 / 80
    )
    assert (result.value, result.leaning, result.strength) == (80, Leaning.B, "strong")


def test_a_strong_answer_against_a_score_of_forty_is_no_longer_near_the_boundary():
    # Total weight 5: 20 × 3 − 20 = 40, the first score not near the boundary.
    expected = Score(
        40,
        Leaning.B,
        "clear",
        [
            Contribution("q0", 2, 1, 20.0),
            Contribution("q1", 2, 1, 20.0),
            Contribution("q2", 2, 1, 20.0),
            Contribution("q3", -2, 1, -20.0),
            Contribution("q4", 0, 1, 0.0),
        ],
        agreement=Agreement(towards=3, against=1, neutral=1, top_share=20 / 60),
        notes=(),
        score_strength=Strength.CLEAR,
    )
    assert score(build([(2, 1), (2, 1), (2, 1), (-2, 1), (0, 1)])) == expected
    # One step closer (total weight 6 with a second neutral answer: 33) the
    # same strong answer against makes it hybrid.
    closer = score(build([(2, 1), (2, 1), (2, 1), (-2, 1), (0, 2)]))
    assert (closer.value, closer.leaning, closer.strength) == (
        33,
        Leaning.HYBRID,
        "balanced",
    )
    assert closer.notes == (Note.BOTH_SIDES,)


def test_a_dislike_that_pulls_neither_way_does_not_cap():
    # Only a dislike pointing against the leaning caps it; one at the middle
    # says nothing against either role.
    answers = [
        *build([(2, 1), (2, 1), (2, 1)]),
        ScoredAnswer("dislike", 0, 1, dislike=True),
    ]
    assert score(answers) == Score(
        75,
        Leaning.B,
        "strong",
        [
            Contribution("q0", 2, 1, 25.0),
            Contribution("q1", 2, 1, 25.0),
            Contribution("q2", 2, 1, 25.0),
            Contribution("dislike", 0, 1, 0.0),
        ],
        agreement=Agreement(towards=3, against=0, neutral=1, top_share=25 / 75),
        notes=(),
        score_strength=Strength.STRONG,
    )


@pytest.mark.parametrize(
    ("towards", "against", "cap"),
    [
        (0, 0, Strength.SLIGHT),
        (1, 0, Strength.SLIGHT),
        (2, 2, Strength.SLIGHT),
        (2, 0, Strength.CLEAR),
        (2, 1, Strength.CLEAR),
        (3, 2, Strength.CLEAR),  # 60 % agree
        (3, 1, Strength.STRONG),  # exactly 75 %
        (3, 0, Strength.STRONG),
        (4, 2, Strength.CLEAR),  # 67 %
        (6, 2, Strength.STRONG),
    ],
)
def test_agreement_cap(towards, against, cap):
    assert agreement_cap(Agreement(towards, against, 1, 0.5)) == cap
