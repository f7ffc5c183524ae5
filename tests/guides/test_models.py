import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guides.models import Guide, search_terms
from tests.factories import (
    GuideFactory,
    RoleFactory,
    SalaryBandFactory,
    StaffFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled_guides():
    live = GuideFactory()
    GuideFactory(status=Guide.Status.DRAFT)
    GuideFactory(publish_at=timezone.now() + dt.timedelta(hours=1))
    past = GuideFactory(publish_at=timezone.now() - dt.timedelta(minutes=1))
    assert set(Guide.objects.published()) == {live, past}


def test_scheduled_guide_becomes_visible_when_its_time_comes():
    guide = GuideFactory(publish_at=timezone.now() + dt.timedelta(seconds=1))
    assert not guide.is_live and guide.is_scheduled
    Guide.objects.filter(pk=guide.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert Guide.objects.published().filter(pk=guide.pk).exists()


def test_content_managers_see_drafts_members_do_not():
    draft = GuideFactory(status=Guide.Status.DRAFT)
    editor = StaffFactory(group="Content managers")
    assert draft in Guide.objects.visible_to(editor)
    assert draft not in Guide.objects.visible_to(UserFactory())


def test_search_ranks_title_matches_above_body_matches():
    in_body = GuideFactory(title="Alpha", body="All about pottery and kilns.")
    in_title = GuideFactory(title="Pottery careers", body="Unrelated.")
    GuideFactory(title="Nothing", body="Other words.")
    assert list(Guide.objects.search("pottery")) == [in_title, in_body]


def test_search_matches_tags():
    tagged = GuideFactory(title="Beta", body="x")
    tagged.tags.add(TagFactory(name="leadership", slug="leadership"))
    GuideFactory(title="Gamma", body="y")
    assert list(Guide.objects.search("leadership")) == [tagged]


def test_search_requires_every_word():
    both = GuideFactory(title="Salary and interviews", body="")
    GuideFactory(title="Salary only", body="")
    assert list(Guide.objects.search("salary interviews")) == [both]


@pytest.mark.parametrize("query", ["a\x00b", "x" * 5000, "   ", "'\"()!:*&|"])
def test_odd_queries_never_fail(query):
    GuideFactory()
    list(Guide.objects.search(query))


def test_search_terms_are_bounded():
    terms = search_terms("word " * 100 + "\x00")
    assert len(terms) <= 8
    assert all("\x00" not in t for t in terms)


def test_a_band_below_its_low_is_invalid():
    band = SalaryBandFactory.build(
        guide=GuideFactory(), low=200_000, high=100_000, role=RoleFactory()
    )
    with pytest.raises(ValidationError) as error:
        band.full_clean()
    assert "high" in error.value.message_dict


def test_a_band_for_a_role_outside_the_guide_is_invalid():
    guide = GuideFactory()
    band = SalaryBandFactory.build(guide=guide, role=RoleFactory())
    with pytest.raises(ValidationError) as error:
        band.full_clean()
    assert "role" in error.value.message_dict


def test_a_band_needs_an_upper_figure_or_open_end():
    guide = GuideFactory()
    band = SalaryBandFactory.build(guide=guide, high=None, open_ended=False)
    with pytest.raises(ValidationError):
        band.full_clean()
    band.open_ended = True
    band.full_clean()


def test_a_guide_compares_two_different_roles():
    role = RoleFactory()
    guide = GuideFactory.build(role_a=role, role_b=role, slug="same-roles")
    with pytest.raises(ValidationError):
        guide.full_clean()


def test_edits_are_kept_in_history():
    guide = GuideFactory(title="First")
    guide.title = "Second"
    guide.save()
    assert [h.title for h in guide.history.all()] == ["Second", "First"]
