"""Coaching data: who opened what, feedback to members, reminders sent."""

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
