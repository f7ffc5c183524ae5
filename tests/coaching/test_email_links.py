"""Links in emails use the address the site is served at."""

import re

import pytest

from coaching.models import CoachFeedback
from tests.coaching.test_admin import _plan_post

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8101"


def _leave_feedback(client, world, capture) -> CoachFeedback:
    client.force_login(world["coach"])
    url, data = _plan_post(client, world["plan"], **{
        "feedback-0-milestone": str(world["plan"].milestones.first().pk),
        "feedback-0-body": "Nice progress.",
    })  # fmt: skip
    with capture(execute=True):
        response = client.post(url, data, HTTP_HOST=HOST)
    assert response.status_code == 302
    return CoachFeedback.objects.get()


def _links(body: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<]+", body)


def test_development_links_use_the_running_servers_address(
    client, coaching, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    settings.SITE_URL = ""  # DJANGO_SITE_URL unset, as under make run
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    feedback = _leave_feedback(
        client, coaching["a"], django_capture_on_commit_callbacks
    )
    email = mailoutbox[-1]
    expected = f"http://{HOST}{feedback.get_absolute_url()}"
    assert expected in _links(email.body)
    assert expected in _links(email.alternatives[0].content)
    assert not any("127.0.0.1:8000" in link for link in _links(email.body))


def test_production_links_use_the_configured_site_url(
    client, coaching, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://crossroads.example"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    feedback = _leave_feedback(
        client, coaching["a"], django_capture_on_commit_callbacks
    )
    links = _links(mailoutbox[-1].body)
    assert f"https://crossroads.example{feedback.get_absolute_url()}" in links
    assert not any(HOST in link for link in links)
