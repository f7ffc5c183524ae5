"""Facts carry over from the source brief; its sentences do not.

Fails on any run of eight or more words that a content file or a template
shares with the brief.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

RUN = 8
ROOT = Path(settings.BASE_DIR)
# The brief lives beside the repository (../shared), never inside it: a copy in
# the tree would itself be copied wording.
SOURCE = ROOT.parent / "shared" / "seed" / "ds-vs-mle-2026.txt"
pytestmark = pytest.mark.skipif(
    not SOURCE.exists(), reason=f"the source brief is not at {SOURCE}"
)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def checked_files() -> list[Path]:
    files = [p for p in (ROOT / "content").rglob("*") if p.is_file()]
    files += [p for p in (ROOT / "templates").rglob("*") if p.is_file()]
    return sorted(files)


def shared_runs(text: str, source_runs: set) -> list[str]:
    return sorted({" ".join(r) for r in runs(words(text)) & source_runs})


def test_the_check_finds_a_copied_sentence():
    source_runs = runs(words(SOURCE.read_text()))
    copied = (
        "If you are senior, choose the path where your evidence of impact is strongest."
    )
    assert shared_runs(copied, source_runs)
    assert not shared_runs(
        "Go where your track record is most convincing.", source_runs
    )


def test_no_eight_word_run_is_shared_with_the_source():
    source_runs = runs(words(SOURCE.read_text()))
    found = {
        str(path.relative_to(ROOT)): shared
        for path in checked_files()
        if (shared := shared_runs(path.read_text(errors="ignore"), source_runs))
    }
    assert found == {}
