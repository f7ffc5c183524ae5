import pytest
from django.urls import reverse

from guides.models import Guide, SalaryBand
from tests.factories import GuideFactory, RoleFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(StaffFactory(group="Content managers"))
    return client


def guide_post_data(guide_fields: dict, bands: list[dict] = ()) -> dict:
    data = {
        "title": "A new guide", "slug": "a-new-guide", "summary": "Short.",
        "status": "draft", "body": "## Hello", "meta_description": "",
        "pay_caveat": "", "publish_at_0": "", "publish_at_1": "",
        **guide_fields,
    }  # fmt: skip
    inlines = {"rows": [], "bands": list(bands), "topics": [], "questions": [],
               "fit_statements": [], "hybrid_roles": []}  # fmt: skip
    for prefix, rows in inlines.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
    return data


def test_content_manager_reaches_guides_but_not_users(editor_client):
    assert (
        editor_client.get(reverse("admin:guides_guide_changelist")).status_code == 200
    )
    assert (
        editor_client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    )
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "Guides" in index
    assert "Users" not in index


def test_member_cannot_reach_the_admin(member_client):
    response = member_client.get(reverse("admin:guides_guide_changelist"))
    assert response.status_code == 302


def test_content_manager_creates_a_guide_with_bands(editor_client):
    a, b = RoleFactory(), RoleFactory()
    data = guide_post_data(
        {"role_a": a.pk, "role_b": b.pk},
        bands=[
            {
                "role": a.pk,
                "level": "mid",
                "low": "100000",
                "high": "150000",
                "currency": "USD",
            }
        ],
    )
    response = editor_client.post(reverse("admin:guides_guide_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    guide = Guide.objects.get(slug="a-new-guide")
    assert guide.status == Guide.Status.DRAFT
    assert guide.bands.get().high == 150_000


@pytest.mark.parametrize(
    ("band", "message"),
    [
        ({"level": "mid", "low": "200000", "high": "100000"}, "cannot be below"),
        ({"level": "mid", "low": "100000", "high": "150000", "role": ""}, "required"),
    ],
)
def test_bad_band_is_refused_with_a_message(editor_client, band, message):
    a, b = RoleFactory(), RoleFactory()
    band = {"role": a.pk, "currency": "USD", **band}
    response = editor_client.post(
        reverse("admin:guides_guide_add"),
        guide_post_data({"role_a": a.pk, "role_b": b.pk}, bands=[band]),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Guide.objects.filter(slug="a-new-guide").exists()
    assert not SalaryBand.objects.exists()


def test_band_for_a_role_outside_the_guide_is_refused(editor_client):
    a, b, other = RoleFactory(), RoleFactory(), RoleFactory()
    band = {
        "role": other.pk,
        "level": "mid",
        "low": "1",
        "high": "2",
        "currency": "USD",
    }
    response = editor_client.post(
        reverse("admin:guides_guide_add"),
        guide_post_data({"role_a": a.pk, "role_b": b.pk}, bands=[band]),
    )
    assert "Choose one of the guide" in response.content.decode()
    assert not Guide.objects.exists()


def test_duplicate_slug_and_bad_publish_time_are_refused(editor_client):
    existing = GuideFactory(slug="taken", title="Original title")
    a, b = RoleFactory(), RoleFactory()
    response = editor_client.post(
        reverse("admin:guides_guide_add"),
        guide_post_data({"role_a": a.pk, "role_b": b.pk, "slug": "taken",
                         "publish_at_0": "31/31/2026", "publish_at_1": "25:99"}),
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Another guide already uses this slug." in html
    assert "Enter a valid date" in html
    existing.refresh_from_db()
    assert existing.title == "Original title"
    assert Guide.objects.count() == 1


def test_live_preview_renders_sanitised_markdown(editor_client):
    response = editor_client.post(
        reverse("admin:guides_preview"),
        {"body": "## Title\n\n<script>alert(1)</script> **bold**"},
    )
    html = response.content.decode()
    assert '<h2 id="title">Title</h2>' in html
    assert "<strong>bold</strong>" in html
    assert "<script>" not in html


def test_live_preview_is_for_editors_only(member_client, client):
    url = reverse("admin:guides_preview")
    assert member_client.post(url, {"body": "x"}).status_code == 302
    coach = StaffFactory(group="Coaches")
    client.force_login(coach)
    assert client.post(url, {"body": "x"}).status_code == 403


def test_publish_and_unpublish_actions(editor_client):
    draft = GuideFactory(status=Guide.Status.DRAFT)
    url = reverse("admin:guides_guide_changelist")
    editor_client.post(url, {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_live
    editor_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Guide.Status.DRAFT


def test_history_shows_changes_and_reverts(editor_client):
    guide = GuideFactory(title="Version one")
    guide.title = "Version two"
    guide.save()
    history_url = reverse("admin:guides_guide_history", args=[guide.pk])
    html = editor_client.get(history_url).content.decode()
    assert "Version one" in html and "Version two" in html
    first = guide.history.earliest()
    revert_url = reverse("admin:guides_guide_simple_history", args=[guide.pk, first.pk])
    assert editor_client.get(revert_url).status_code == 200
