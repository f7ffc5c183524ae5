"""The content files as tests read them: parsed and checked, no database."""

from pathlib import Path

from django.conf import settings

from publishing.content import read_guide, read_roles

CONTENT = Path(settings.BASE_DIR) / "content"
MAIN_GUIDE_SLUG = "data-scientist-vs-machine-learning-engineer-2026"

_paths = sorted((CONTENT / "guides").glob("*.md"))
_roles = set(read_roles(CONTENT / "roles.toml"))
GUIDES = {
    p.stem: read_guide(p, roles=_roles, guides={q.stem for q in _paths}).data
    for p in _paths
}
MAIN_GUIDE = GUIDES[MAIN_GUIDE_SLUG]
QUESTIONS = MAIN_GUIDE["questions"]
FIT_STATEMENTS = MAIN_GUIDE["fit_statements"]
