"""The plan's conversation and the coach's private notes."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.data import export_member_data
from coaching import services
from coaching.models import CoachNote, Message
from tests.coaching.conftest import read_form
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def thread_url(plan) -> str:
    return reverse("coaching:thread", args=[plan.pk])


def admin_plan_url(plan) -> str:
    return reverse("admin:plans_plan_change", args=[plan.pk])


def coach_reply(client, plan, body: str, milestone=None):
    """The coach's reply, posted through the plan's admin form as a browser would."""
    data = read_form(client.get(admin_plan_url(plan)).content.decode(), "plan_form")
    new = data["messages-INITIAL_FORMS"]  # the blank form after the sent ones
    data[f"messages-{new}-body"] = body
    data[f"messages-{new}-milestone"] = str(milestone.pk) if milestone else ""
    return client.post(admin_plan_url(plan), data)


def test_member_writes_on_the_plan_page_and_the_coach_is_emailed(
    client, coaching, django_capture_on_commit_callbacks
):
    a = coaching["a"]
    client.force_login(a["client"])
    html = client.get(a["plan"].get_absolute_url()).content.decode()
    # The plan page links to the form, which opens on demand.
    assert 'id="message-form"' not in html and "Write to your coach" in html
    fragment = client.get(thread_url(a["plan"]), HTTP_HX_REQUEST="true").text
    assert fragment.lstrip().startswith('<form id="message-form"')
    assert '<input type="hidden" name="next" value="plan">' in fragment
    assert "<html" not in fragment
    page = client.get(thread_url(a["plan"])).text
    assert 'id="message-form"' in page and 'name="next"' not in page
    milestone = a["plan"].milestones.first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(thread_url(a["plan"]), {
            "body": "Is step one enough?", "milestone": milestone.pk,
            "next": "plan"})  # fmt: skip
    assert response.status_code == 303
    assert response["Location"].endswith("#conversation")
    message = Message.objects.get()
    assert (message.from_coach, message.milestone, message.author) == (
        False, milestone, a["client"])  # fmt: skip
    assert [m.to for m in mail.outbox] == [[a["coach"].email]]
    assert "Is step one enough?" in mail.outbox[0].body


def test_coach_replies_from_the_admin_and_unread_counts_each_side(
    client, coaching, django_capture_on_commit_callbacks
):
    a = coaching["a"]
    services.send_message(author=a["client"], plan=a["plan"], body="Question?")
    client.force_login(a["coach"])
    clients = client.get(reverse("admin:accounts_client_changelist")).content.decode()
    assert 'class="field-unread_messages">1<' in clients
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = coach_reply(client, a["plan"], "Yes, go ahead.")
    assert response.status_code == 302, response.content.decode()[:2000]
    reply = Message.objects.get(from_coach=True)
    assert reply.author == a["coach"] and reply.body == "Yes, go ahead."
    # Replying marks the member's message read on the coach's side.
    assert not Message.objects.unread_by_coach().exists()
    assert [m.to for m in mail.outbox] == [[a["client"].email]]
    client.force_login(a["client"])
    assert "1 new" in client.get("/").content.decode()
    html = client.get(a["plan"].get_absolute_url()).content.decode()
    assert "Yes, go ahead." in html and "1 new" in html
    # Reading changes nothing; marking read is a POST.
    client.get(thread_url(a["plan"]))
    assert Message.objects.unread_by_member().count() == 1
    client.post(reverse("coaching:thread-read", args=[a["plan"].pk]))
    assert not Message.objects.unread_by_member().exists()


def test_member_can_opt_out_of_message_emails(
    client, coaching, django_capture_on_commit_callbacks
):
    a = coaching["a"]
    a["client"].email_messages = False
    a["client"].save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.send_message(author=a["coach"], plan=a["plan"], body="Hello")
    assert len(callbacks) == 1  # the task ran, and sent nothing
    assert mail.outbox == []
    assert Message.objects.unread_by_member().count() == 1


def test_empty_message_is_a_400_with_a_message(client, coaching):
    a = coaching["a"]
    client.force_login(a["client"])
    response = client.post(thread_url(a["plan"]), {"body": ""})
    assert response.status_code == 400
    assert "Write a message before sending." in response.content.decode()
    assert not Message.objects.exists()


def test_another_plans_milestone_is_refused(client, coaching):
    a, b = coaching["a"], coaching["b"]
    client.force_login(a["client"])
    other = b["plan"].milestones.first()
    response = client.post(thread_url(a["plan"]), {"body": "x", "milestone": other.pk})
    assert response.status_code == 400
    assert "Choose one of this plan" in response.content.decode()
    assert not Message.objects.exists()


def test_others_get_404_for_a_thread(client, coaching):
    a, b = coaching["a"], coaching["b"]
    services.send_message(author=a["client"], plan=a["plan"], body="Private words")
    for user in (b["client"], b["coach"], a["coach"],
                 StaffFactory(group="Content managers")):  # fmt: skip
        client.force_login(user)
        assert client.get(thread_url(a["plan"])).status_code == 404
        assert client.post(thread_url(a["plan"]), {"body": "x"}).status_code == 404
    # The other coach cannot open the plan in the admin either.
    client.force_login(b["coach"])
    assert client.get(admin_plan_url(a["plan"])).status_code in (302, 404)
    assert Message.objects.count() == 1


def test_unassigned_coach_loses_access_at_once_and_messages_stay(client, coaching):
    a = coaching["a"]
    services.send_message(author=a["coach"], plan=a["plan"], body="Before")
    client.force_login(a["coach"])
    assert client.get(admin_plan_url(a["plan"])).status_code == 200
    a["client"].coach = None
    a["client"].save()
    response = client.get(admin_plan_url(a["plan"]))
    assert response.status_code == 302  # the admin's answer for an unknown object
    with pytest.raises(Exception, match="coach"):
        services.send_message(author=a["coach"], plan=a["plan"], body="After")
    assert not Message.objects.for_coach(a["coach"]).exists()
    client.force_login(a["client"])
    assert "Before" in client.get(thread_url(a["plan"])).content.decode()


# Private notes.


def test_notes_only_reach_their_coach_and_superusers(client, coaching):
    a, b = coaching["a"], coaching["b"]
    note = services.add_note(coach=a["coach"], client=a["client"], body="Secret-ish")
    url = reverse("admin:coaching_coachnote_change", args=[note.pk])
    client.force_login(a["coach"])
    assert client.get(url).status_code == 200
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(url).status_code == 200
    for user in (b["coach"], StaffFactory(group="Content managers")):
        client.force_login(user)
        listing = client.get(reverse("admin:coaching_coachnote_changelist"))
        assert "Secret-ish" not in listing.content.decode()
        assert client.get(url).status_code in (302, 403)
    # Never on the member's pages.
    client.force_login(a["client"])
    for page in ("/", a["plan"].get_absolute_url(), thread_url(a["plan"])):
        assert "Secret-ish" not in client.get(page).content.decode()


def test_coach_adds_a_note_only_for_own_client(client, coaching):
    a, b = coaching["a"], coaching["b"]
    client.force_login(a["coach"])
    add = reverse("admin:coaching_coachnote_add")
    response = client.post(add, {"client": a["client"].pk, "body": "Mornings"})
    assert response.status_code == 302
    note = CoachNote.objects.get()
    assert (note.coach, note.client) == (a["coach"], a["client"])
    response = client.post(add, {"client": b["client"].pk, "body": "Sneaky"})
    assert response.status_code == 200  # the form again: not a valid choice
    assert CoachNote.objects.count() == 1


def test_notes_are_in_the_members_export_and_go_with_the_account(coaching):
    a = coaching["a"]
    services.add_note(coach=a["coach"], client=a["client"], body="About them")
    services.send_message(author=a["client"], plan=a["plan"], body="Mine")
    data = export_member_data(a["client"])["data"]
    assert [n["body"] for n in data["coaching.coachnote"]] == ["About them"]
    assert [m["body"] for m in data["coaching.message"]] == ["Mine"]
    other = UserFactory()
    assert "coaching.coachnote" not in export_member_data(other)["data"]
