from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import HYBRID_BAND, Leaning, ScoredAnswer, fit_position, score

positions = st.integers(min_value=-2, max_value=2)
weights = st.integers(min_value=1, max_value=5)
answer_lists = st.lists(st.tuples(positions, weights), min_size=1, max_size=8)


def build(pairs) -> list[ScoredAnswer]:
    return [ScoredAnswer(f"q{i}", p, w) for i, (p, w) in enumerate(pairs)]


@given(answer_lists)
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
    moved_to = data.draw(st.integers(min_value=position, max_value=2))
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


@given(answer_lists)
def test_leaning_follows_the_score(pairs):
    result = score(build(pairs))
    if abs(result.value) <= HYBRID_BAND:
        assert result.leaning == Leaning.HYBRID
    elif result.value < 0:
        assert result.leaning == Leaning.A
    else:
        assert result.leaning == Leaning.B


def test_all_strongly_b_scores_100():
    assert score(build([(2, 2), (2, 1)])).value == 100


def test_no_answers_is_the_boundary():
    assert score([]).leaning == Leaning.HYBRID


@given(st.integers(0, 5), st.integers(1, 5), st.integers(0, 5), st.integers(1, 5))
def test_fit_position_is_within_range(liked_a, total_a, liked_b, total_b):
    liked_a, liked_b = min(liked_a, total_a), min(liked_b, total_b)
    position = fit_position(liked_a, total_a, liked_b, total_b)
    if liked_a == liked_b == 0:
        assert position is None
    else:
        assert -2 <= position <= 2
