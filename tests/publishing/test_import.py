"""import_content against a real database: round trip, re-import, conflicts."""

import datetime as dt
import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command

from accounts.models import Level
from assessments.models import DecisionQuestion, FitStatement, Option
from guides.models import ComparisonRow, Guide, InterviewTopic, Role, SalaryBand
from guides.services import CATALOGUE_STAMP_KEY, catalogue_stamp
from plans.models import LearningResource, MilestoneTemplate, PlanTemplate
from publishing.importer import export_guide, import_content
from publishing.models import ContentImport
from tests.content_data import CONTENT, GUIDES, MAIN_GUIDE_SLUG
from tests.factories import StaffFactory, UserFactory, make_plan

pytestmark = pytest.mark.django_db

MODELS = [Role, Guide, ComparisonRow, SalaryBand, InterviewTopic, DecisionQuestion,
          Option, FitStatement, PlanTemplate, MilestoneTemplate, LearningResource,
          Guide.history.model]  # fmt: skip
MAIN_FILE = CONTENT / "guides" / f"{MAIN_GUIDE_SLUG}.md"


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def copy_main_guide(tmp_path):
    """The flagship's two files in a folder of their own, to edit."""
    shutil.copy(MAIN_FILE, tmp_path / MAIN_FILE.name)
    shutil.copy(MAIN_FILE.with_suffix(".toml"), tmp_path / f"{MAIN_GUIDE_SLUG}.toml")
    return tmp_path / MAIN_FILE.name


def test_import_into_an_empty_database_gives_what_the_files_say():
    report = import_content()
    assert sorted(o.slug for o in report.guides) == sorted(GUIDES)
    assert {o.action for o in report.guides} == {"created"}
    for slug, data in GUIDES.items():
        assert export_guide(Guide.objects.get(slug=slug)) == data

    # A few values read straight from the tables, not through export_guide.
    guide = Guide.objects.get(slug=MAIN_GUIDE_SLUG)
    assert guide.is_live and guide.featured
    assert guide.pay_as_of is None and guide.reviewed_on is None
    assert guide.pay_imported_on == dt.date(2026, 11, 30)
    assert "names neither the data behind them" in guide.pay_source
    principal = {
        b.role.slug: (b.low, b.high, b.open_ended, b.scope_note)
        for b in guide.bands.filter(level=Level.PRINCIPAL).select_related("role")
    }
    assert principal == {
        "data-scientist": (400_000, 800_000, True, "At top AI/FAANG companies"),
        "machine-learning-engineer": (
            500_000, 1_000_000, True,
            "At top AI/FAANG companies, in rare high-impact roles",
        ),
    }  # fmt: skip
    # Notes that only repeated the level's name are gone.
    assert set(guide.bands.exclude(scope_note="").values_list("level", flat=True)) == {
        Level.PRINCIPAL
    }
    fifth = guide.questions.get(order=5)
    assert fifth.section_anchor == "a-decision-framework"
    assert list(fifth.options.values_list("label", "position", "hybrid")) == [
        ("Mostly data scientist roles", -2, False),
        ("More data science than ML engineering", -1, False),
        ("Mostly hybrid applied-AI roles", 0, True),
        ("I'm not sure yet", 0, False),
        ("More ML engineering than data science", 1, False),
        ("Mostly ML engineer roles", 2, False),
    ]
    assert fifth.short_name == "Market demand"
    assert guide.hybrid_roles.count() == 4
    assert guide.related.count() == 5
    history = guide.history.get()
    assert history.history_type == "+"
    assert (
        history.history_change_reason
        == f"Imported from content/guides/{MAIN_FILE.name}"
    )
    assert history.history_user is None
    assert ContentImport.objects.count() == len(GUIDES)


def test_plan_templates_carry_the_added_milestones_and_resources():
    import_content()
    ds_to_mle = PlanTemplate.objects.get(
        guide__slug=MAIN_GUIDE_SLUG,
        from_role__slug="data-scientist",
        to_role__slug="machine-learning-engineer",
    )
    titles = list(ds_to_mle.milestones.values_list("title", flat=True))
    for expected in ["Refresh your ML fundamentals", "Learn the production toolset",
                     "Build an LLM or retrieval project",
                     "Apply, or ask for an internal transfer"]:  # fmt: skip
        assert expected in titles
    coding = ds_to_mle.milestones.get(title="Practise coding interviews")
    assert coding.effort_hours >= 80
    at_work = ds_to_mle.milestones.get(title__startswith="Productionise")
    assert "depends on your employer" in at_work.description
    tools = ds_to_mle.milestones.get(title="Learn the production toolset")
    for tool in ["containers", "cloud", "model registry", "orchestrator"]:
        assert tool in tools.description
    mle_to_ds = PlanTemplate.objects.get(
        guide__slug=MAIN_GUIDE_SLUG,
        from_role__slug="machine-learning-engineer",
        to_role__slug="data-scientist",
    )
    stats = mle_to_ds.milestones.get(title__icontains="statistics")
    for topic in ["experiment", "power", "confidence interval"]:
        assert topic in stats.description
    # Every milestone template has resources, all https, of a known kind.
    for step in MilestoneTemplate.objects.filter(template__guide__slug=MAIN_GUIDE_SLUG):
        resources = list(step.resources.all())
        assert resources, step.title
        assert all(r.url.startswith("https://") for r in resources)
        assert {r.kind for r in resources} <= set(LearningResource.Kind.values)


def test_a_second_import_changes_nothing_and_writes_no_history(capsys):
    import_content()
    before = counts()
    stamps = dict(Guide.objects.values_list("slug", "updated_at"))
    call_command("import_content")
    out = capsys.readouterr().out
    assert f"Done: {len(GUIDES)} unchanged." in out
    assert counts() == before
    assert dict(Guide.objects.values_list("slug", "updated_at")) == stamps


def test_a_changed_file_updates_the_guide_with_a_history_entry(
    tmp_path, django_capture_on_commit_callbacks
):
    import_content()
    path = copy_main_guide(tmp_path)
    text = path.read_text()
    path.write_text(text.replace("featured = true", "featured = false", 1))
    stamp = catalogue_stamp()
    with django_capture_on_commit_callbacks(execute=True):
        report = import_content(paths=[path])
    assert [(o.action, o.changed) for o in report.guides] == [("updated", ["featured"])]
    guide = Guide.objects.get(slug=MAIN_GUIDE_SLUG)
    assert not guide.featured
    latest = guide.history.first()
    assert latest.history_type == "~"
    assert latest.history_change_reason.startswith("Imported from ")
    # Cached guide pages are keyed by the catalogue stamp: the import drops it.
    assert cache.get(CATALOGUE_STAMP_KEY) is None
    assert catalogue_stamp() != stamp


def test_dry_run_prints_the_changes_and_writes_nothing(tmp_path, capsys):
    import_content()
    before = counts()
    path = copy_main_guide(tmp_path)
    path.write_text(path.read_text().replace(
        'title = "Data Scientist vs', 'title = "Data Scientists vs', 1
    ))  # fmt: skip
    call_command("import_content", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert f"guide {MAIN_GUIDE_SLUG}: would be updated" in out
    assert 'title: "Data Scientist vs' in out and '→ "Data Scientists vs' in out
    assert "Dry run, nothing written" in out
    assert counts() == before
    assert Guide.objects.get(slug=MAIN_GUIDE_SLUG).title.startswith("Data Scientist vs")


def _admin_edit(guide: Guide, **fields) -> None:
    """What the admin does on save: the change is recorded under the editor."""
    for name, value in fields.items():
        setattr(guide, name, value)
    guide._history_user = StaffFactory(group="Content managers")
    guide.save()


def test_an_admin_edit_is_a_conflict_and_is_kept(capsys):
    import_content()
    guide = Guide.objects.get(slug=MAIN_GUIDE_SLUG)
    _admin_edit(guide, title="Edited by an editor")
    history = guide.history.count()

    call_command("import_content")
    captured = capsys.readouterr()
    assert f"guide {MAIN_GUIDE_SLUG}: conflict, left as it is" in captured.err
    assert "since the last import: title." in captured.err
    guide.refresh_from_db()
    assert guide.title == "Edited by an editor"
    assert guide.history.count() == history

    call_command("import_content", "--force")
    captured = capsys.readouterr()
    assert "overwriting edits made in the admin: title" in captured.out
    guide.refresh_from_db()
    assert guide.title == GUIDES[MAIN_GUIDE_SLUG]["title"]
    assert guide.history.first().history_change_reason.startswith("Imported from")


def test_an_admin_edit_of_a_part_is_a_conflict_too():
    import_content()
    band = SalaryBand.objects.get(
        guide__slug=MAIN_GUIDE_SLUG, role__slug="data-scientist", level=Level.ENTRY
    )
    band.high = 190_000
    band.save()
    report = import_content()
    main = next(o for o in report.guides if o.slug == MAIN_GUIDE_SLUG)
    assert (main.action, main.conflicts) == ("conflict", ["bands"])
    band.refresh_from_db()
    assert band.high == 190_000


def test_a_conflict_leaves_the_whole_guide_alone(tmp_path):
    import_content()
    guide = Guide.objects.get(slug=MAIN_GUIDE_SLUG)
    _admin_edit(guide, meta_description="Edited in the admin")
    path = copy_main_guide(tmp_path)
    path.write_text(path.read_text().replace("featured = true", "featured = false"))
    report = import_content(paths=[path])
    outcome = report.guides[0]
    # The file differs from the editor's meta description: a conflict, so the
    # file's other change (featured) waits too.
    assert outcome.action == "conflict"
    assert outcome.conflicts == ["meta_description"]
    guide.refresh_from_db()
    assert guide.featured and guide.meta_description == "Edited in the admin"


def test_a_guide_never_imported_but_edited_in_the_admin_is_not_overwritten():
    import_content()
    ContentImport.objects.all().delete()
    guide = Guide.objects.get(slug=MAIN_GUIDE_SLUG)
    _admin_edit(guide, summary="Written in the admin")
    report = import_content()
    main = next(o for o in report.guides if o.slug == MAIN_GUIDE_SLUG)
    assert main.action == "conflict" and main.conflicts == ["summary"]
    guide.refresh_from_db()
    assert guide.summary == "Written in the admin"


def test_updates_keep_answers_and_plans_linked(tmp_path):
    import_content()
    member = UserFactory()
    template = PlanTemplate.objects.get(
        guide__slug=MAIN_GUIDE_SLUG,
        from_role__slug="data-scientist",
        to_role__slug="machine-learning-engineer",
    )
    plan = make_plan(member, template, target_date=None)
    first = plan.milestones.order_by("order").first()
    path = copy_main_guide(tmp_path)
    toml = path.with_suffix(".toml")
    toml.write_text(toml.read_text().replace(
        'url = "https://docs.python.org/3/tutorial/"',
        'url = "https://docs.python.org/3.13/tutorial/"',
    ))  # fmt: skip
    report = import_content(paths=[path])
    assert report.guides[0].changed == ["plans"]
    first.refresh_from_db()
    assert first.step is not None
    assert "https://docs.python.org/3.13/tutorial/" in [
        r.url for r in first.step.resources.all()
    ]


def test_members_see_the_resources_on_their_milestones(client):
    import_content()
    member = UserFactory()
    template = PlanTemplate.objects.get(
        guide__slug=MAIN_GUIDE_SLUG,
        from_role__slug="data-scientist",
        to_role__slug="machine-learning-engineer",
    )
    plan = make_plan(member, template, target_date=None)
    client.force_login(member)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert html.count('class="milestone__resources"') == template.milestones.count()
    assert (
        '<a href="https://docs.python.org/3/tutorial/" rel="noopener noreferrer">'
        'The Python Tutorial</a> <span class="meta">(documentation)</span>' in html
    )


def test_a_guide_loaded_before_imports_existed_is_brought_up_to_date():
    import_content()
    ContentImport.objects.all().delete()
    guide = Guide.objects.get(slug=MAIN_GUIDE_SLUG)
    # As the old seed left it: written by no editor, with the old wording.
    guide.pay_source, guide.pay_as_of = "", dt.date(2026, 10, 1)
    guide.save()
    report = import_content()
    main = next(o for o in report.guides if o.slug == MAIN_GUIDE_SLUG)
    assert (main.action, main.conflicts) == ("updated", [])
    guide.refresh_from_db()
    assert guide.pay_as_of is None and guide.pay_source
    assert ContentImport.objects.filter(slug=MAIN_GUIDE_SLUG).exists()


OLD_FIFTH = """[[question.option]]
label = "Mostly hybrid applied-AI roles, or I'm not sure yet"
position = 0
"""


def as_before_the_hybrid_split(toml_text: str) -> str:
    """The content file as it was before question 5 split its middle answer."""
    start = toml_text.index('[[question.option]]\nlabel = "Mostly hybrid')
    end = toml_text.index('[[question.option]]\nlabel = "More ML engineering')
    text = toml_text[:start] + OLD_FIFTH + "\n" + toml_text[end:]
    text = "\n".join(
        line for line in text.splitlines() if not line.startswith("short =")
    )
    return text[: text.index("# Work the guide describes as spanning")]


def test_an_existing_database_gets_the_split_fifth_question(tmp_path):
    for source in (CONTENT / "guides").iterdir():
        shutil.copy(source, tmp_path / source.name)
    path = tmp_path / MAIN_FILE.name
    toml = path.with_suffix(".toml")
    toml.write_text(as_before_the_hybrid_split(toml.read_text()))
    import_content(paths=sorted(tmp_path.glob("*.md")))
    record = ContentImport.objects.get(slug=MAIN_GUIDE_SLUG)
    # A snapshot taken before hybrid roles existed has no such part.
    record.snapshot.pop("hybrid_roles")
    record.save()
    fifth = DecisionQuestion.objects.get(guide__slug=MAIN_GUIDE_SLUG, order=5)
    assert fifth.options.count() == 5
    kept = {o.label: o.pk for o in fifth.options.all()}
    # A member midway through the assessment has answered question 5.
    from assessments import services as assessment_services

    member = UserFactory()
    assessment, _ = assessment_services.start_or_resume(
        member=member, guide=fifth.guide
    )
    chosen = fifth.options.get(position=1)
    answer = assessment_services.record_answer(
        assessment=assessment, question=fifth, option=chosen
    )

    report = import_content()
    main = next(o for o in report.guides if o.slug == MAIN_GUIDE_SLUG)
    assert (main.action, main.conflicts) == ("updated", [])
    assert {"questions", "hybrid_roles"} <= set(main.changed)
    options = list(fifth.options.all())
    assert [(o.label, o.hybrid) for o in options] == [
        ("Mostly data scientist roles", False),
        ("More data science than ML engineering", False),
        ("Mostly hybrid applied-AI roles", True),
        ("I'm not sure yet", False),
        ("More ML engineering than data science", False),
        ("Mostly ML engineer roles", False),
    ]
    # Unchanged answers keep their rows; the old middle became the hybrid one.
    by_label = {o.label: o.pk for o in options}
    for label in ("Mostly data scientist roles", "Mostly ML engineer roles"):
        assert by_label[label] == kept[label]
    assert (
        by_label["Mostly hybrid applied-AI roles"]
        == (kept["Mostly hybrid applied-AI roles, or I'm not sure yet"])
    )
    answer.refresh_from_db()
    assert answer.option.label == "More ML engineering than data science"
    # And a second run finds everything in step.
    again = import_content()
    assert {o.action for o in again.guides} == {"unchanged"}
