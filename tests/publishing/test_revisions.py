"""Whole-guide revisions, drafts of live guides, publishing and diffs."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import Option
from guides.models import Guide, GuideRevision, SalaryBand
from publishing import revisions
from publishing.importer import import_content
from tests.factories import StaffFactory

SLUG = "data-scientist-vs-machine-learning-engineer-2026"


@pytest.fixture
def guide(db):
    import_content()
    return Guide.objects.get(slug=SLUG)


@pytest.fixture
def editor(db):
    return StaffFactory(group="Content managers")


def _senior_ds(guide):
    return SalaryBand.objects.get(guide=guide, role=guide.role_a, level="senior")


def test_import_records_a_revision_naming_its_file(guide):
    revision = guide.revisions.get()
    assert revision.kind == GuideRevision.Kind.IMPORTED
    assert revision.change_note == f"Imported from content/guides/{SLUG}.md"
    assert revision.snapshot["bands"]


def test_revert_restores_bands_rows_and_questions(guide, editor):
    first = guide.revisions.get()
    band = _senior_ds(guide)
    old_high = band.high
    draft = revisions.start_draft(guide=guide, author=editor)
    draft_band = _senior_ds(draft)
    draft_band.high = old_high + 25_000
    draft_band.save()
    draft.body = draft.body + "\n\nA new closing paragraph."
    draft.save()
    row = draft.rows.first()
    row.text_a = "Changed"
    row.save()
    question = draft.questions.order_by("order").last()
    Option.objects.create(
        question=question, label="Mostly hybrid roles", position=0, order=9
    )
    revisions.publish_draft(guide=guide, author=editor, note="Pay updated for 2026.")
    guide.refresh_from_db()
    assert _senior_ds(guide).high == old_high + 25_000
    assert guide.rows.first().text_a == "Changed"
    assert "A new closing paragraph." in guide.body
    option_ids = set(
        Option.objects.filter(question__guide=guide).values_list("pk", flat=True)
    )

    new = revisions.revert(guide=guide, revision=first, author=editor)

    guide.refresh_from_db()
    assert new.kind == GuideRevision.Kind.REVERTED and new.number == 3
    assert _senior_ds(guide).high == old_high
    assert guide.rows.first().text_a != "Changed"
    assert "A new closing paragraph." not in guide.body
    assert not Option.objects.filter(label="Mostly hybrid roles").exists()
    # Rows are updated in place: what answers point at is still there.
    kept = set(
        Option.objects.filter(question__guide=guide).values_list("pk", flat=True)
    )
    assert kept <= option_ids
    assert guide.revisions.latest("number").snapshot == first.snapshot | {}


def test_draft_leaves_live_page_unchanged_until_published(
    guide, editor, client, member_client, django_capture_on_commit_callbacks
):
    old_title = guide.title
    draft = revisions.start_draft(guide=guide, author=editor)
    draft.title = "A brand new title"
    draft.save()
    for c in (client, member_client):
        html = c.get(guide.get_absolute_url()).content.decode()
        assert old_title in html and "A brand new title" not in html
        assert c.get(reverse("guides:preview", args=[guide.slug])).status_code == 404
        assert c.get(f"/guides/{draft.slug}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        revisions.publish_draft(guide=guide, author=editor, note="A clearer title.")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "A brand new title" in html
    assert not Guide.objects.filter(draft_of=guide).exists()


def test_editor_previews_draft_with_the_real_template(guide, editor, client):
    draft = revisions.start_draft(guide=guide, author=editor)
    band = _senior_ds(draft)
    band.high = 999_000
    band.save()
    client.force_login(editor)
    response = client.get(reverse("guides:preview", args=[guide.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "draft of a live guide" in html
    assert "999" in html and 'id="pay-figures"' in html
    assert "999" not in client.get(guide.get_absolute_url()).content.decode()


def test_coach_gets_404_for_the_preview(guide, editor, client):
    revisions.start_draft(guide=guide, author=editor)
    client.force_login(StaffFactory(group="Coaches"))
    assert client.get(reverse("guides:preview", args=[guide.slug])).status_code == 404


def test_scheduled_draft_goes_live_at_its_time(guide, editor):
    draft = revisions.start_draft(guide=guide, author=editor)
    draft.title = "Scheduled title"
    draft.save()
    when = timezone.now() + dt.timedelta(hours=2)
    assert (
        revisions.publish_draft(guide=guide, author=editor, note="Later.", at=when)
        is None
    )
    call_command("publish_scheduled")
    guide.refresh_from_db()
    assert guide.title != "Scheduled title"
    assert revisions.publish_due(now=when + dt.timedelta(minutes=1))
    guide.refresh_from_db()
    assert guide.title == "Scheduled title"
    latest = guide.revisions.latest("number")
    assert (latest.kind, latest.change_note) == (GuideRevision.Kind.PUBLISHED, "Later.")


def test_diff_reads_band_and_option_changes(guide, editor):
    draft = revisions.start_draft(guide=guide, author=editor)
    band = _senior_ds(draft)
    old_high = band.high
    band.high = old_high + 25_000
    band.save()
    question = draft.questions.order_by("order")[4]
    Option.objects.create(
        question=question, label="Mostly hybrid roles", position=0, order=9
    )
    paragraphs = draft.body.split("\n\n")
    paragraphs[1] = "A rewritten second paragraph."
    draft.body = "\n\n".join(paragraphs)
    draft.save()
    revisions.publish_draft(guide=guide, author=editor, note="Pay and options.")
    from guides.diff import compare

    old, new = guide.revisions.order_by("number")[:2]
    diff = compare(
        old.snapshot,
        new.snapshot,
        roles={
            "data-scientist": "Data Scientist",
            "machine-learning-engineer": "Machine Learning Engineer",
        },
    )
    assert (
        f"DS · Senior · high: ${old_high // 1000}K → ${(old_high + 25_000) // 1000}K"
        in diff.parts
    )
    assert "Question 5 · new option 'Mostly hybrid roles'" in diff.parts
    ops = {(p.op, p.text) for p in diff.body}
    assert ("inserted", "A rewritten second paragraph.") in ops
    assert any(op == "deleted" for op, _ in ops)


def test_admin_live_guide_is_read_only_and_drafts_through_the_admin(
    guide, editor, client
):
    client.force_login(editor)
    change = reverse("admin:guides_guide_change", args=[guide.pk])
    html = client.get(change).content.decode()
    assert "Edit as a draft" in html
    response = client.post(reverse("admin:guides_guide_draft", args=[guide.pk]))
    draft = Guide.objects.get(draft_of=guide)
    assert response.status_code == 303 and response.url.endswith(f"/{draft.pk}/change/")
    publish = reverse("admin:guides_guide_publish", args=[guide.pk])
    bad = client.post(publish, {"change_note": "No. Two. Three sentences."})
    assert bad.status_code == 400 and "one or two sentences" in bad.content.decode()
    assert Guide.objects.filter(draft_of=guide).exists()
    ok = client.post(publish, {"change_note": "The pay table was checked again."})
    assert ok.status_code == 303
    assert (
        guide.revisions.latest("number").change_note
        == "The pay table was checked again."
    )
    page = client.get(reverse("admin:guides_guide_revisions", args=[guide.pk]))
    assert "The pay table was checked again." in page.content.decode()
    assert editor.display_name in page.content.decode()
