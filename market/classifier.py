"""Which role a job posting really describes, from weighted phrase signals.

Pure functions, no database: the views pass in the guide's signals as plain
``Signal`` tuples. Sides are ``ds`` (the guide's role A), ``mle`` (role B) and
``hybrid``. Every signal is counted on its own, so taking a signal away (or
its phrase out of a posting) can only take points away from its side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

DS, MLE, HYBRID, UNCLEAR = "ds", "mle", "hybrid", "unclear"
SIDES = (DS, MLE, HYBRID)

MAX_POSTINGS = 20
MAX_POSTING_CHARS = 20_000
SEPARATOR = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)

# Each further mention of the same phrase counts half as much as the one
# before, so a posting cannot win by repeating a phrase.
DECAY = 0.5
# Below this many points there is too little to go on: "unclear", not a guess.
MIN_EVIDENCE = 2.0
# How far (as a share of all points) one side must lead the other.
LEAD = 0.3
# When hybrid phrases carry this share of the points, the role is hybrid.
HYBRID_SHARE = 0.4

# A title line that names a role outright.
_TITLE_ROLES = (
    (DS, re.compile(r"\bdata[\s-]+scien(?:tist|ce)s?\b", re.IGNORECASE)),
    (
        MLE,
        re.compile(
            r"\b(?:machine[\s-]+learning|ml|mlops)[\s-]+engineer(?:s|ing)?\b|\bmle\b",
            re.IGNORECASE,
        ),
    ),
)
SIDE_NAMES = {DS: "data science", MLE: "ML engineering", HYBRID: "hybrid"}


@dataclass(frozen=True)
class Signal:
    phrase: str
    side: str
    weight: float


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    side: str
    phrase: str


@dataclass(frozen=True)
class Verdict:
    verdict: str
    score: int  # -100 (all data science) … +100 (all ML engineering)
    points: dict[str, float]
    matches: tuple[Match, ...] = field(default=())
    title: str = ""
    title_role: str = ""

    @property
    def mismatch(self) -> bool:
        """The title names one role and the work described is the other."""
        return {self.title_role, self.verdict} == {DS, MLE}


def split_postings(text: str) -> list[str]:
    """The postings in ``text``, separated by a line holding only ``---``."""
    parts = (p.strip("\n\r ") for p in SEPARATOR.split(text.replace("\r\n", "\n")))
    return [p for p in parts if p.strip()]


@lru_cache(maxsize=1024)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A case-insensitive pattern for ``phrase`` on word boundaries.

    Words may be joined by a space, a hyphen or nothing ("on-call", "on call",
    "oncall"), and the last word may be plural ("A/B tests", "dependencies").
    """
    words = [w for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    if not words:
        raise ValueError("A signal needs a phrase.")
    parts = [re.escape(w) for w in words[:-1]]
    last = words[-1]
    if re.search(r"[^aeiou]y$", last, re.IGNORECASE):
        parts.append(re.escape(last[:-1]) + r"(?:y|ies)")
    elif re.search(r"(?:s|x|z|ch|sh)$", last, re.IGNORECASE):
        parts.append(re.escape(last) + r"(?:es)?")
    elif re.search(r"\w$", last):
        parts.append(re.escape(last) + r"(?:e?s)?")
    else:
        parts.append(re.escape(last))
    body = r"(?:\s+|-)?".join(parts)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def find(text: str, signals: Iterable[Signal]) -> list[tuple[Signal, list[Match]]]:
    """Each signal with the places it occurs in ``text``."""
    found = []
    for signal in signals:
        spans = [
            Match(m.start(), m.end(), signal.side, signal.phrase)
            for m in phrase_pattern(signal.phrase).finditer(text)
        ]
        if spans:
            found.append((signal, spans))
    return found


def repeated_weight(weight: float, times: int) -> float:
    """What ``times`` mentions of one phrase are worth together."""
    return sum(weight * DECAY**k for k in range(times))


def split_title(posting: str) -> tuple[str, str]:
    """(title, body): a short first line followed by more text is a title.

    The body runs to the very end of ``posting``, trailing whitespace and all,
    so that ``len(posting) - len(body)`` is where the body starts.
    """
    first, _, rest = posting.lstrip().partition("\n")
    if rest.strip() and len(first) <= 120:
        return first.strip(), rest
    return "", posting


def title_role(title: str) -> str:
    named = {side for side, pattern in _TITLE_ROLES if pattern.search(title)}
    return named.pop() if len(named) == 1 else ""


def classify(posting: str, signals: Sequence[Signal]) -> Verdict:
    """The verdict on one posting, read from its body rather than its title."""
    title, body = split_title(posting)
    offset = len(posting) - len(body) if title else 0
    points = dict.fromkeys(SIDES, 0.0)
    matches: list[Match] = []
    for signal, spans in find(body, signals):
        if signal.side in points and signal.weight > 0:
            points[signal.side] += repeated_weight(signal.weight, len(spans))
        matches += [
            Match(m.start + offset, m.end + offset, m.side, m.phrase) for m in spans
        ]
    points = {side: round(value, 6) for side, value in points.items()}
    total = sum(points.values())
    score = round(100 * (points[MLE] - points[DS]) / total) if total else 0
    return Verdict(
        verdict=decide(points),
        score=score,
        points=points,
        matches=tuple(sorted(matches, key=lambda m: (m.start, -m.end, m.phrase))),
        title=title,
        title_role=title_role(title),
    )


def decide(points: dict[str, float]) -> str:
    total = sum(points.values())
    if total < MIN_EVIDENCE:
        return UNCLEAR
    lead = (points[MLE] - points[DS]) / total
    if points[HYBRID] / total >= HYBRID_SHARE or abs(lead) < LEAD:
        return HYBRID
    return MLE if lead > 0 else DS


def highlight_spans(text_length: int, matches: Iterable[Match]) -> list[Match]:
    """Non-overlapping matches to mark, longest first where two overlap."""
    chosen: list[Match] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if match.end <= text_length and all(
            match.end <= c.start or match.start >= c.end for c in chosen
        ):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def segments(text: str, matches: Iterable[Match]) -> list[tuple[str, str]]:
    """``text`` cut into (side or "", piece) runs for highlighting."""
    out: list[tuple[str, str]] = []
    at = 0
    for match in highlight_spans(len(text), matches):
        if match.start > at:
            out.append(("", text[at : match.start]))
        out.append((match.side, text[match.start : match.end]))
        at = match.end
    if at < len(text):
        out.append(("", text[at:]))
    return out


@dataclass(frozen=True)
class Summary:
    total: int
    counts: dict[str, int]
    position: int | None  # the supported answer on the -2 … +2 scale


def summarise(verdicts: Iterable[str]) -> Summary:
    """Counts per verdict and the answer to "what does my market demand"."""
    verdicts = list(verdicts)
    counts = {v: verdicts.count(v) for v in (*SIDES, UNCLEAR)}
    decided = counts[DS] + counts[MLE] + counts[HYBRID]
    if not decided:
        return Summary(len(verdicts), counts, None)
    mean = (counts[MLE] - counts[DS]) / decided
    if counts[HYBRID] > max(counts[DS], counts[MLE]) or abs(mean) < 0.2:
        position = 0
    elif mean >= 0.6:
        position = 2
    elif mean > 0:
        position = 1
    elif mean <= -0.6:
        position = -2
    else:
        position = -1
    return Summary(len(verdicts), counts, position)
