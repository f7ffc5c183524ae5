import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from guides.models import ComparisonRow, Guide, InterviewTopic, Role, SalaryBand
from tests.content_data import MAIN_GUIDE_SLUG

pytestmark = pytest.mark.django_db

MODELS = [User, Role, Guide, ComparisonRow, SalaryBand, InterviewTopic,
          Guide.history.model]  # fmt: skip


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("seed")
    assert not User.objects.exists()


def test_seed_asks_for_the_content_first(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="import_content"):
        call_command("seed")
    assert not User.objects.exists()


def test_seed_adds_only_demo_data_and_is_idempotent(settings, capsys):
    settings.DEBUG = True
    call_command("import_content")
    content = counts()
    call_command("seed")
    first = counts()
    # Demo accounts only: the guides are exactly as the import left them.
    assert {k: v for k, v in first.items() if k != "User"} == {
        k: v for k, v in content.items() if k != "User"
    }
    assert first["User"] == 4
    call_command("seed")
    assert counts() == first
    out = capsys.readouterr().out
    assert "member@crossroads.test" in out and "password:" in out

    guide = Guide.objects.get(slug=MAIN_GUIDE_SLUG)
    assert guide.is_live
    assert guide.rows.count() == 6
    assert guide.topics.count() == 12
    assert guide.related.count() == 5
    bands = {
        (b.role.slug, b.level): (b.low, b.high, b.open_ended)
        for b in guide.bands.select_related("role")
    }
    assert bands == {
        ("data-scientist", "entry"): (120_000, 180_000, False),
        ("data-scientist", "mid"): (150_000, 230_000, False),
        ("data-scientist", "senior"): (190_000, 320_000, False),
        ("data-scientist", "staff"): (260_000, 450_000, False),
        ("data-scientist", "principal"): (400_000, 800_000, True),
        ("machine-learning-engineer", "entry"): (135_000, 200_000, False),
        ("machine-learning-engineer", "mid"): (170_000, 260_000, False),
        ("machine-learning-engineer", "senior"): (220_000, 380_000, False),
        ("machine-learning-engineer", "staff"): (320_000, 600_000, True),
        ("machine-learning-engineer", "principal"): (500_000, 1_000_000, True),
    }
    assert Guide.objects.published().count() == 6
    coach = User.objects.get(email="coach@crossroads.test")
    assert coach.is_staff and coach.groups.filter(name="Coaches").exists()
    editor = User.objects.get(email="editor@crossroads.test")
    assert editor.has_perm("guides.change_guide")
    assert not editor.has_perm("accounts.view_user")
