"""Each kind of malformed file fails with its file, place and reason, and
nothing at all is imported."""

import pytest
from django.core.management import CommandError, call_command

from guides.models import Guide, Role
from publishing.content import ContentError
from publishing.importer import import_content
from publishing.models import ContentImport

pytestmark = pytest.mark.django_db

GUIDE = """\
+++
title = "Analytics Engineer vs Data Scientist"
summary = "Two data roles side by side."
status = "published"
role_a = "data-scientist"
role_b = "machine-learning-engineer"
tags = ["data"]
related = []

[pay]
source = "Figures made up for this test."

[[pay.band]]
role = "data-scientist"
level = "entry"
low = 100000
high = 150000
+++
## Daily work

Body text.
"""

DECISIONS = """\
[[question]]
prompt = "Decisions or systems?"
weight = 2
section = "daily-work"

[[question.option]]
label = "Decisions"
position = -2

[[question.option]]
label = "Systems"
position = 2

[[plan]]
from_role = "data-scientist"
to_role = "machine-learning-engineer"
title = "Across"

[[plan.milestone]]
title = "Learn things"
kind = "skill"
effort_hours = 10
"""

SLUG = "test-guide"

CASES = {
    "broken front matter": (
        ('title = "Analytics Engineer vs Data Scientist"', 'title = "Analytics'),
        None,
        "test-guide.md: front matter, line 2, column 19: not valid TOML: "
        "Illegal character",
    ),
    "no closing fence": (
        ("+++\n## Daily work", "## Daily work"),
        None,
        "test-guide.md: front matter: no closing '+++' line",
    ),
    "unknown role": (
        ('role_b = "machine-learning-engineer"', 'role_b = "astronaut"'),
        None,
        "test-guide.md: role_b: unknown role 'astronaut'",
    ),
    "unknown level": (
        ('level = "entry"', 'level = "junior"'),
        None,
        "test-guide.md: [[pay.band]] 1: level: unknown level 'junior'",
    ),
    "high below low": (
        ("high = 150000", "high = 90000"),
        None,
        "test-guide.md: [[pay.band]] 1: high: 90000 is below the low figure 100000",
    ),
    "duplicate level": (
        ("high = 150000\n", "high = 150000\n\n[[pay.band]]\nrole = \"data-scientist\"\n"
         "level = \"entry\"\nlow = 1\nhigh = 2\n"),
        None,
        "test-guide.md: [[pay.band]] 2: level: duplicate level 'entry' for "
        "'data-scientist' (already in band 1)",
    ),
    "question without options": (
        None,
        ('[[question.option]]\nlabel = "Decisions"\nposition = -2\n\n'
         '[[question.option]]\nlabel = "Systems"\nposition = 2\n', ""),
        "test-guide.toml: [[question]] 1: option: a question needs options",
    ),
    "non-positive effort": (
        None,
        ("effort_hours = 10", "effort_hours = 0"),
        "test-guide.toml: [[plan]] 1: milestone 1: effort_hours: must be positive, "
        "not 0",
    ),
    "related guide that does not exist": (
        ("related = []", 'related = ["no-such-guide"]'),
        None,
        "test-guide.md: related: no guide 'no-such-guide'",
    ),
}  # fmt: skip


def write(tmp_path, guide=None, decisions=None):
    text, toml = GUIDE, DECISIONS
    if guide:
        assert guide[0] in text
        text = text.replace(*guide)
    if decisions:
        assert decisions[0] in toml
        toml = toml.replace(*decisions)
    (tmp_path / f"{SLUG}.md").write_text(text)
    (tmp_path / f"{SLUG}.toml").write_text(toml)
    return tmp_path / f"{SLUG}.md"


def test_the_valid_file_imports(tmp_path):
    path = write(tmp_path)
    report = import_content(paths=[path])
    assert [o.action for o in report.guides] == ["created"]
    guide = Guide.objects.get(slug=SLUG)
    assert guide.questions.get().options.count() == 2
    assert guide.plan_templates.get().milestones.get().effort_hours == 10


@pytest.mark.parametrize("case", list(CASES))
def test_a_malformed_file_fails_with_its_place_and_reason(tmp_path, case):
    guide_edit, decisions_edit, message = CASES[case]
    path = write(tmp_path, guide_edit, decisions_edit)
    # Imported with the real content: one bad file stops them all.
    with pytest.raises(ContentError) as error:
        import_content(paths=[path, *_real_guides()])
    assert message in str(error.value)
    assert len(error.value.problems) == 1
    assert not Guide.objects.exists()
    assert not Role.objects.exists()
    assert not ContentImport.objects.exists()


def test_the_command_reports_the_problem_and_fails(tmp_path):
    path = write(tmp_path, ("high = 150000", "high = 90000"))
    with pytest.raises(CommandError) as error:
        call_command("import_content", str(path))
    assert "Nothing was imported" in str(error.value)
    assert "[[pay.band]] 1: high: 90000 is below the low figure 100000" in str(
        error.value
    )
    assert not Guide.objects.exists()


def _real_guides():
    from tests.content_data import CONTENT

    return sorted((CONTENT / "guides").glob("*.md"))
