"""Assessment scoring: a pure function of the answers (no database).

Each answer has a position from −2 (strongly role A) to +2 (strongly role B)
and a weight. The score is the weighted mean position scaled to −100..100;
an answer's contribution is its share of that score, so the contributions add
up to the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAX_POSITION = 2
# Scores within this distance of 0 sit on the boundary between the roles.
HYBRID_BAND = 20
STRONG_FROM = 60


class Leaning(StrEnum):
    A = "a"
    B = "b"
    HYBRID = "hybrid"


@dataclass(frozen=True)
class ScoredAnswer:
    key: str
    position: float  # −2..2; fractional for derived signals such as fit statements
    weight: int


@dataclass(frozen=True)
class Contribution:
    key: str
    position: float
    weight: int
    value: float  # share of the score, −100..100


@dataclass(frozen=True)
class Score:
    value: int
    leaning: Leaning
    strength: str
    contributions: list[Contribution]


def _strength(value: int) -> str:
    size = abs(value)
    if size <= HYBRID_BAND:
        return "balanced"
    return "strong" if size >= STRONG_FROM else "clear"


def score(answers: list[ScoredAnswer]) -> Score:
    """Score answers; contributions come largest (by size) first."""
    for answer in answers:
        if not -MAX_POSITION <= answer.position <= MAX_POSITION:
            raise ValueError(f"position out of range: {answer.position}")
        if answer.weight < 1:
            raise ValueError(f"weight must be at least 1: {answer.weight}")
    total_weight = sum(a.weight for a in answers)
    if not total_weight:
        return Score(0, Leaning.HYBRID, "balanced", [])
    scale = 100 / (MAX_POSITION * total_weight)
    contributions = [
        Contribution(a.key, a.position, a.weight, a.position * a.weight * scale)
        for a in answers
    ]
    raw = sum(c.value for c in contributions)
    value = max(-100, min(100, round(raw)))
    if abs(value) <= HYBRID_BAND:
        leaning = Leaning.HYBRID
    else:
        leaning = Leaning.A if value < 0 else Leaning.B
    ordered = sorted(contributions, key=lambda c: -abs(c.value))
    return Score(value, leaning, _strength(value), ordered)


def fit_position(
    liked_a: int, total_a: int, liked_b: int, total_b: int
) -> float | None:
    """A −2..2 position from the share of each role's statements someone liked."""
    if not (liked_a or liked_b) or not (total_a and total_b):
        return None
    return MAX_POSITION * (liked_b / total_b - liked_a / total_a)
