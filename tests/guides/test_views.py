import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guides.models import Guide
from tests.factories import (
    ComparisonRowFactory,
    GuideFactory,
    InterviewTopicFactory,
    SalaryBandFactory,
    StaffFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LEVELS = ["entry", "mid", "senior", "staff", "principal"]


def full_guide(**kwargs) -> Guide:
    guide = GuideFactory(
        body="## Daily work\n\nText.\n\n### Detail\n\nMore.\n\n## Switching\n\nHow.",
        pay_caveat="US figures only.",
        pay_as_of=dt.date(2026, 10, 1),
        **kwargs,
    )
    for i in range(30):
        ComparisonRowFactory(guide=guide, dimension=f"Dimension {i}", order=i)
    for level in LEVELS:
        SalaryBandFactory(guide=guide, role=guide.role_a, level=level,
                          low=100_000, high=200_000)  # fmt: skip
        SalaryBandFactory(guide=guide, role=guide.role_b, level=level,
                          low=120_000, high=260_000, open_ended=True)  # fmt: skip
    for i in range(10):
        InterviewTopicFactory(guide=guide, role=guide.role_a, topic=f"A topic {i}")
        InterviewTopicFactory(guide=guide, role=guide.role_b, topic=f"B topic {i}")
    return guide


def test_list_shows_only_published_guides(client):
    GuideFactory(title="Live guide")
    GuideFactory(title="Draft guide", status=Guide.Status.DRAFT)
    GuideFactory(title="Future guide", publish_at=timezone.now() + dt.timedelta(days=1))
    html = client.get(reverse("guides:list")).content.decode()
    assert "Live guide" in html
    assert "Draft guide" not in html
    assert "Future guide" not in html


def test_list_filters_by_tag(client):
    tag = TagFactory(name="design", slug="design")
    GuideFactory(title="Tagged guide").tags.add(tag)
    GuideFactory(title="Plain guide")
    html = client.get(reverse("guides:list"), {"tag": "design"}).content.decode()
    assert "Tagged guide" in html
    assert "Plain guide" not in html


def test_search_page_and_fragment(client):
    GuideFactory(title="Pottery careers")
    GuideFactory(title="Welding careers")
    page = client.get(reverse("guides:list"), {"q": "pottery"})
    assert "<html" in page.content.decode()
    assert "Pottery careers" in page.content.decode()
    assert "Welding careers" not in page.content.decode()
    fragment = client.get(
        reverse("guides:list"), {"q": "pottery"}, HTTP_HX_REQUEST="true"
    )
    html = fragment.content.decode()
    assert "<html" not in html
    assert 'id="results"' in html
    assert "Pottery careers" in html
    assert "HX-Request" in fragment.headers["Vary"]


def test_boosted_navigation_gets_the_full_page(client):
    response = client.get(
        reverse("guides:list"), HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true"
    )
    assert "<html" in response.content.decode()


def test_empty_search_says_so_and_suggests_guides(client):
    GuideFactory(title="Suggested guide")
    html = client.get(reverse("guides:list"), {"q": "zzzzqqq"}).content.decode()
    assert "No guide matches" in html
    assert "Suggested guide" in html


@pytest.mark.parametrize("query", ["x" * 5000, "bad\x00query", "%00", "<script>"])
def test_hostile_search_queries_get_an_answer(client, query):
    GuideFactory()
    response = client.get(reverse("guides:list"), {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_guide_page_shows_every_section(client):
    guide = full_guide()
    html = client.get(guide.get_absolute_url()).content.decode()
    assert 'href="#daily-work"' in html and '<h2 id="daily-work">' in html
    assert 'href="#detail"' in html
    assert "Dimension 29" in html
    assert "US figures only." in html
    assert "October 2026" in html
    assert "$120K–$260K+" in html
    # Five levels, drawn in the wide and in the narrow layout.
    assert html.count('class="range-chart__bar range-chart__bar--a"') == 2 * 5
    assert "A topic 9" in html and "B topic 9" in html
    assert "Reviewed on" in html
    assert "Your level" not in html


def test_guide_page_highlights_the_members_level(client):
    guide = full_guide()
    client.force_login(UserFactory(level="senior"))
    html = client.get(guide.get_absolute_url()).content.decode()
    # The table row and the chart, in its wide and its narrow layout.
    assert html.count("Your level") == 3
    assert 'class="is-you"' in html
    assert "range-chart__row--you" in html


def test_related_guides_show_only_published_ones(client):
    guide = GuideFactory()
    guide.related.add(
        GuideFactory(title="Related live"),
        GuideFactory(title="Related draft", status=Guide.Status.DRAFT),
    )
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "Related live" in html
    assert "Related draft" not in html


@pytest.mark.parametrize(
    "state",
    [
        {"status": Guide.Status.DRAFT},
        {"publish_at": dt.datetime(2999, 1, 1, tzinfo=dt.UTC)},
    ],
)
def test_hidden_guides_are_404_for_visitors_and_members(client, state):
    guide = GuideFactory(**state)
    assert client.get(guide.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(guide.get_absolute_url()).status_code == 404


def test_unknown_slug_is_404(client):
    assert (
        client.get(reverse("guides:detail", args=["no-such-guide"])).status_code == 404
    )


def test_content_manager_previews_a_draft_with_a_banner(client):
    guide = GuideFactory(status=Guide.Status.DRAFT)
    client.force_login(StaffFactory(group="Content managers"))
    response = client.get(guide.get_absolute_url())
    assert response.status_code == 200
    assert "Preview." in response.content.decode()
    assert "only editors can see it" in response.content.decode()


def test_list_query_count_is_constant(client, django_assert_max_num_queries):
    tag = TagFactory()
    for _ in range(50):
        GuideFactory().tags.add(tag)
    client.force_login(UserFactory())
    with django_assert_max_num_queries(10):
        response = client.get(reverse("guides:list"))
    assert response.content.decode().count('class="card guide-card"') == 50


def test_detail_query_count_is_constant(client, django_assert_max_num_queries):
    guide = full_guide()
    guide.related.add(*[GuideFactory() for _ in range(5)])
    client.force_login(UserFactory(level="mid"))
    with django_assert_max_num_queries(10):
        response = client.get(guide.get_absolute_url())
    assert "Dimension 29" in response.content.decode()


def test_repeat_views_come_from_the_cache_until_a_guide_changes(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    guide = full_guide()
    other = GuideFactory()
    client.get(guide.get_absolute_url())
    with django_assert_num_queries(0):
        html = client.get(guide.get_absolute_url()).content.decode()
    assert "Dimension 29" in html
    # A change is seen once it is committed, as the admin's save is.
    with django_capture_on_commit_callbacks(execute=True):
        guide.rows.filter(dimension="Dimension 29").update(dimension="Renamed row")
        guide.title = "Edited title"
        guide.save()
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "Renamed row" in html and "Edited title" in html
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    with CaptureQueriesContext(connection) as queries:
        client.get(guide.get_absolute_url())
    # Any guide's change renders the pages again (a related guide may be gone).
    assert any('FROM "guides_guide"' in q["sql"] for q in queries)


def test_an_unpublished_guide_is_gone_from_the_cache(
    client, django_capture_on_commit_callbacks
):
    guide = full_guide()
    assert client.get(guide.get_absolute_url()).status_code == 200
    assert guide.title in client.get(reverse("guides:list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        guide.status = Guide.Status.DRAFT
        guide.save()
    assert client.get(guide.get_absolute_url()).status_code == 404
    assert guide.title not in client.get(reverse("guides:list")).content.decode()


def test_cached_pages_still_highlight_each_members_level(client):
    guide = full_guide()
    client.force_login(UserFactory(level="senior"))
    assert 'class="is-you"' in client.get(guide.get_absolute_url()).content.decode()
    client.force_login(UserFactory(level=""))
    assert 'class="is-you"' not in client.get(guide.get_absolute_url()).content.decode()


def _card_titles(html: str) -> list[str]:
    import re

    return re.findall(r'class="guide-card__title"[^>]*>\s*(?:<a[^>]*>)?([^<]+)<', html)


def test_guide_list_puts_featured_guides_first(client):
    GuideFactory(title="Alpha guide")
    GuideFactory(title="Zulu guide", featured=True)
    GuideFactory(title="Mike guide")
    titles = [t.strip() for t in _card_titles(client.get("/guides/").content.decode())]
    assert titles == ["Zulu guide", "Alpha guide", "Mike guide"]


def test_no_results_suggest_the_featured_guide(client):
    for n in range(4):
        GuideFactory(title=f"Another guide {n}")
    GuideFactory(title="Zulu flagship", featured=True, reviewed_on=None)
    html = client.get("/guides/", {"q": "nothingmatchesthis"}).content.decode()
    suggested = [t.strip() for t in _card_titles(html)]
    assert suggested[0] == "Zulu flagship"
    assert len(suggested) == 3
