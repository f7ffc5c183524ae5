"""Coaching data: who opened what, feedback to members, the conversation on
each plan, coaches' private notes, reminders sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts.models import User
from plans.models import Milestone, Plan


class AccessLog(models.Model):
    """Each time a coach opens a client's data."""

    coach = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=50)
    object_repr = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "coach access record"
        # Moved from accounts with its rows; the table keeps its name.
        db_table = "accounts_accesslog"

    def __str__(self) -> str:
        return f"{self.coach} opened {self.what} of {self.client}"


class CoachFeedbackQuerySet(models.QuerySet["CoachFeedback"]):
    def for_member(self, user) -> CoachFeedbackQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(plan__member=user)

    def unread(self) -> CoachFeedbackQuerySet:
        return self.filter(read_at__isnull=True)


class CoachFeedback(models.Model):
    """A coach's note on a client's plan or on one of its milestones."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="feedback")
    milestone = models.ForeignKey(
        Milestone,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        help_text="Leave empty for feedback on the plan as a whole.",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = CoachFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "coach feedback"
        verbose_name_plural = "coach feedback"
        # Moved from plans with its rows; the table keeps its name.
        db_table = "plans_coachfeedback"

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        return reverse(
            "coaching:feedback", kwargs={"pk": self.plan_id, "feedback_pk": self.pk}
        )


class ReminderLog(models.Model):
    """One reminder email per member per day, however often the job runs."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "plans_reminderlog"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "date"], name="one_reminder_per_member_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.date}"


class MessageQuerySet(models.QuerySet["Message"]):
    def for_member(self, user) -> MessageQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(plan__member=user)

    def for_coach(self, user) -> MessageQuerySet:
        """Threads of the coach's current clients: unassigning ends access."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(plan__member__coach=user)

    def unread_by_member(self) -> MessageQuerySet:
        return self.filter(from_coach=True, read_at__isnull=True)

    def unread_by_coach(self) -> MessageQuerySet:
        return self.filter(from_coach=False, read_at__isnull=True)


class Message(models.Model):
    """One message in a plan's thread between the member and their coach.

    It stays with the plan (and so with the member) whoever coaches them later.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="messages")
    milestone = models.ForeignKey(
        Milestone,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
        help_text="Leave empty for a message about the plan as a whole.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_coach = models.BooleanField(default=False)
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    #: When the other side read it.
    read_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["plan", "from_coach", "read_at"])]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def sender_name(self) -> str:
        if not self.from_coach:
            return "You"
        return self.author.display_name if self.author else "Your coach"


class CoachNoteQuerySet(models.QuerySet["CoachNote"]):
    def visible_to(self, user) -> CoachNoteQuerySet:
        """Superusers read every note; a coach only their own, about a client
        they still coach."""
        if not user.is_authenticated or not user.is_staff:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(coach=user, client__coach=user)


class CoachNote(models.Model):
    """A coach's private note about a client, never shown on the member's pages.

    It is about the client, so it is part of their data export and goes when
    their account is deleted.
    """

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(
        max_length=5000,
        help_text="Hidden from the member's pages, but part of their data export "
        "if they ask for it: their right of access covers what is written "
        "about them.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoachNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "private coach note"

    def __str__(self) -> str:
        return self.body[:60]
