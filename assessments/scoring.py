"""Assessment scoring: a pure function of the answers (no database).

Each answer has a position from −2 (strongly role A) to +2 (strongly role B)
and a weight. The score is the weighted mean position scaled to −100..100;
an answer's contribution is its share of that score, so the contributions add
up to the score.

The score alone can overstate a result: one strong answer among neutral ones,
or two heavy answers outvoting three lighter ones, can move it past the
boundary. So the strength read from the score is capped by how many answers
agree (see ``Agreement``), a stated dislike of the leaning role's work caps it
too, and evidence of hybrid work (a hybrid answer, or strong answers on both
sides close to the boundary) makes the outcome hybrid.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

#: Bumped whenever the rules below change what a set of answers gives; a
#: frozen result records the version it was scored with.
VERSION = 2

MAX_POSITION = 2
# Scores within this distance of 0 sit on the boundary between the roles.
HYBRID_BAND = 20
STRONG_FROM = 60
# Strong answers on both sides within this distance of 0 make a hybrid outcome.
NEAR_BOUNDARY = 40
# A strong leaning needs this share of the non-neutral answers behind it.
STRONG_AGREEMENT = 0.75


class Leaning(StrEnum):
    A = "a"
    B = "b"
    HYBRID = "hybrid"


class Strength(StrEnum):
    BALANCED = "balanced"  # always and only with a hybrid leaning
    SLIGHT = "slight"
    CLEAR = "clear"
    STRONG = "strong"


RANK = {Strength.BALANCED: 0, Strength.SLIGHT: 1, Strength.CLEAR: 2, Strength.STRONG: 3}


class Note(StrEnum):
    """Why a result reads weaker (or more hybrid) than its score alone."""

    ONE_ANSWER = "one-answer"  # fewer than two answers point the leaning way
    MAJORITY_DISAGREES = "majority-disagrees"  # the score and the count differ
    DISLIKE = "dislike"  # a dislike of the leaning role's work
    HYBRID_ANSWER = "hybrid-answer"  # an answer chose hybrid work
    BOTH_SIDES = "both-sides"  # strong answers on both sides near the boundary


@dataclass(frozen=True)
class ScoredAnswer:
    key: str
    position: float  # −2..2; fractional for derived signals such as fit statements
    weight: int
    # The answer names hybrid work (e.g. "mostly hybrid applied-AI roles").
    hybrid: bool = False
    # A dislike of one role's work: evidence against that role.
    dislike: bool = False


@dataclass(frozen=True)
class Contribution:
    key: str
    position: float
    weight: int
    value: float  # share of the score, −100..100


@dataclass(frozen=True)
class Agreement:
    """How many answers point which way (relative to the score's sign)."""

    towards: int  # non-neutral answers on the side the score points to
    against: int  # non-neutral answers on the other side
    neutral: int
    # The largest single share of the pull towards the score's side, 0..1.
    top_share: float

    @property
    def total(self) -> int:
        return self.towards + self.against + self.neutral

    @property
    def share(self) -> float:
        """The share of the non-neutral answers that point the score's way."""
        decided = self.towards + self.against
        return self.towards / decided if decided else 0.0

    @property
    def rests_on_one(self) -> bool:
        return self.towards <= 1 or self.top_share > 0.5


@dataclass(frozen=True)
class Score:
    value: int
    leaning: Leaning
    strength: str
    contributions: list[Contribution]
    agreement: Agreement = Agreement(0, 0, 0, 0.0)
    notes: tuple[Note, ...] = ()
    # The strength the score alone would give, before agreement caps it.
    score_strength: str = Strength.BALANCED


def _strength(value: int) -> str:
    """The strength a score alone gives (the thresholds stay fixed)."""
    size = abs(value)
    if size <= HYBRID_BAND:
        return "balanced"
    return "strong" if size >= STRONG_FROM else "clear"


def agreement_cap(agreement: Agreement) -> Strength:
    """The strongest label the agreement between answers allows."""
    if agreement.towards < 2 or agreement.towards <= agreement.against:
        return Strength.SLIGHT
    if agreement.towards >= 3 and agreement.share >= STRONG_AGREEMENT:
        return Strength.STRONG
    return Strength.CLEAR


def _agreement(contributions: list[Contribution], sign: int) -> Agreement:
    towards = [c for c in contributions if c.position * sign > 0]
    against = [c for c in contributions if c.position * sign < 0]
    pull = sum(abs(c.value) for c in towards)
    top = max((abs(c.value) for c in towards), default=0.0)
    return Agreement(
        towards=len(towards),
        against=len(against),
        neutral=len(contributions) - len(towards) - len(against),
        top_share=top / pull if pull else 0.0,
    )


def score(answers: list[ScoredAnswer]) -> Score:
    """Score answers; contributions come largest (by size) first."""
    for answer in answers:
        if not -MAX_POSITION <= answer.position <= MAX_POSITION:
            raise ValueError(f"position out of range: {answer.position}")
        if answer.hybrid and answer.position:
            raise ValueError("a hybrid answer sits in the middle (position 0)")
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
    ordered = sorted(contributions, key=lambda c: -abs(c.value))
    sign = (value > 0) - (value < 0)
    agreement = _agreement(contributions, sign)
    from_score = Strength(_strength(value))
    if from_score == Strength.BALANCED:
        # On the boundary either way; say whether it is evidence of hybrid
        # work (a hybrid answer, strong answers on both sides) or no pull.
        reasons = []
        if any(a.hybrid for a in answers):
            reasons.append(Note.HYBRID_ANSWER)
        positions = [a.position for a in answers]
        if min(positions) <= -MAX_POSITION and max(positions) >= MAX_POSITION:
            reasons.append(Note.BOTH_SIDES)
        return Score(value, Leaning.HYBRID, "balanced", ordered, agreement,
                     tuple(reasons), from_score)  # fmt: skip

    notes: list[Note] = []
    strength = from_score
    cap = agreement_cap(agreement)
    if RANK[cap] < RANK[strength]:
        strength = cap
    if agreement.towards <= agreement.against:
        notes.append(Note.MAJORITY_DISAGREES)
    elif agreement.towards < 2:
        notes.append(Note.ONE_ANSWER)
    # A dislike of the work the score points to: the member has said the
    # role's core would wear them down, so the leaning is only slight.
    if any(a.dislike and a.position * sign < 0 for a in answers):
        notes.append(Note.DISLIKE)
        strength = Strength.SLIGHT

    hybrid_reasons = []
    if strength == Strength.SLIGHT and any(a.hybrid for a in answers):
        hybrid_reasons.append(Note.HYBRID_ANSWER)
    # Close to the boundary, a strong answer against the score means real
    # pull both ways (the score's own side is past the band by definition).
    strong_against = any(a.position * sign <= -MAX_POSITION for a in answers)
    if abs(value) < NEAR_BOUNDARY and strong_against:
        hybrid_reasons.append(Note.BOTH_SIDES)
    if hybrid_reasons:
        return Score(value, Leaning.HYBRID, "balanced", ordered, agreement,
                     tuple(notes + hybrid_reasons), from_score)  # fmt: skip
    leaning = Leaning.A if value < 0 else Leaning.B
    return Score(value, leaning, strength.value, ordered, agreement,
                 tuple(notes), from_score)  # fmt: skip


def fit_position(
    liked_a: int, total_a: int, liked_b: int, total_b: int
) -> float | None:
    """A −2..2 position from the share of each role's statements someone liked."""
    if not (liked_a or liked_b) or not (total_a and total_b):
        return None
    return MAX_POSITION * (liked_b / total_b - liked_a / total_a)
