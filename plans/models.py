from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone

from config.validators import single_line
from guides.models import Guide, Role


class MilestoneKind(models.TextChoices):
    SKILL = "skill", "Skill"
    PROJECT = "project", "Project"
    PIPELINE = "pipeline", "Pipeline"
    COLLABORATION = "collaboration", "Collaboration"
    RESUME = "resume", "Résumé"
    INTERVIEW = "interview", "Interview"


class PlanTemplateQuerySet(models.QuerySet["PlanTemplate"]):
    def with_roles(self) -> PlanTemplateQuerySet:
        return self.select_related("guide", "from_role", "to_role")


class PlanTemplate(models.Model):
    """A switching path from one role to another, maintained with a guide."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="plan_templates"
    )
    from_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    to_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200, validators=[single_line])
    summary = models.TextField(blank=True)

    objects = PlanTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["guide", "title"]
        verbose_name = "plan template"
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "from_role", "to_role"], name="one_template_per_path"
            )
        ]

    def __str__(self) -> str:
        return self.title


class MilestoneTemplate(models.Model):
    template = models.ForeignKey(
        PlanTemplate, on_delete=models.CASCADE, related_name="milestones"
    )
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200, validators=[single_line])
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=MilestoneKind.choices)
    effort_hours = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    suggested_evidence = models.CharField(
        max_length=300, blank=True, validators=[single_line]
    )

    class Meta:
        ordering = ["template", "order", "id"]
        verbose_name = "milestone template"

    def __str__(self) -> str:
        return self.title


class LearningResource(models.Model):
    """Something to read, take or practise with for one milestone template."""

    class Kind(models.TextChoices):
        DOCUMENTATION = "documentation", "Documentation"
        BOOK = "book", "Book"
        COURSE = "course", "Course"
        PRACTICE = "practice", "Practice"

    milestone = models.ForeignKey(
        MilestoneTemplate, on_delete=models.CASCADE, related_name="resources"
    )
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    url = models.URLField("web address", max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["milestone", "order", "id"]
        verbose_name = "learning resource"

    def __str__(self) -> str:
        return self.title


class PlanQuerySet(models.QuerySet["Plan"]):
    def for_member(self, user) -> PlanQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(member=user)

    def active(self) -> PlanQuerySet:
        return self.filter(status=Plan.Status.ACTIVE)

    def with_checkin_for(self, week: dt.date) -> PlanQuerySet:
        """Mark each plan ``checked_in`` when it has a check-in for ``week``."""
        done = CheckIn.objects.filter(plan=OuterRef("pk"), week=week)
        return self.annotate(checked_in=Exists(done))

    def with_progress(self) -> PlanQuerySet:
        """Annotate effort totals so lists show progress without extra queries."""
        return self.annotate(
            effort_total=Sum(
                "milestones__effort_hours",
                filter=~Q(milestones__status=Milestone.Status.SKIPPED),
                default=0,
            ),
            effort_done=Sum(
                "milestones__effort_hours",
                filter=Q(milestones__status=Milestone.Status.DONE),
                default=0,
            ),
        )


class Plan(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        ARCHIVED = "archived", "Archived"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    template = models.ForeignKey(
        PlanTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_assessment = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )
    title = models.CharField(max_length=200, validators=[single_line])
    from_role_name = models.CharField(
        max_length=100, blank=True, validators=[single_line]
    )
    to_role_name = models.CharField(
        max_length=100, blank=True, validators=[single_line]
    )
    start_date = models.DateField()
    target_date = models.DateField()
    weekly_hours = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    review_interval_weeks = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gt=models.F("start_date")),
                name="plan_target_after_start",
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours__gte=1) & Q(weekly_hours__lte=60),
                name="plan_weekly_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"pk": self.pk})

    def review_dates(self) -> list[dt.date]:
        """Review points every N weeks from the start, up to the target date."""
        step = dt.timedelta(weeks=self.review_interval_weeks)
        dates, day = [], self.start_date + step
        while day <= self.target_date:
            dates.append(day)
            day += step
        return dates


class MilestoneQuerySet(models.QuerySet["Milestone"]):
    def for_member(self, user) -> MilestoneQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(plan__member=user)

    def open(self) -> MilestoneQuerySet:
        return self.filter(status__in=Milestone.OPEN_STATUSES)

    @staticmethod
    def overdue_condition(today: dt.date | None = None) -> Q:
        """What "overdue" means, everywhere: still open, and due before today."""
        return Q(
            status__in=Milestone.OPEN_STATUSES,
            due_date__lt=today or timezone.localdate(),
        )

    def overdue(self, today: dt.date | None = None) -> MilestoneQuerySet:
        return self.filter(self.overdue_condition(today))

    def with_overdue(self, today: dt.date | None = None) -> MilestoneQuerySet:
        """Mark each milestone ``is_overdue`` by the same condition, computed
        in the same query, for pages that list every milestone."""
        return self.annotate(
            is_overdue=ExpressionWrapper(
                self.overdue_condition(today), output_field=models.BooleanField()
            )
        )


evidence_url_validator = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with http(s)://."
)


class Milestone(models.Model):
    """The member's own copy of a step: editing templates never changes it.

    Only its learning resources are read through ``step``, so a corrected
    link reaches plans already made.
    """

    class Status(models.TextChoices):
        TODO = "todo", "To do"
        DOING = "doing", "In progress"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    step = models.ForeignKey(
        MilestoneTemplate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The template step this milestone was copied from.",
    )
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200, validators=[single_line])
    description = models.TextField(blank=True)
    kind = models.CharField(
        max_length=20, choices=MilestoneKind.choices, default=MilestoneKind.SKILL
    )
    effort_hours = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.TODO
    )
    due_date = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=5000)
    evidence_url = models.URLField(
        "evidence link", max_length=500, blank=True, validators=[evidence_url_validator]
    )
    suggested_evidence = models.CharField(
        max_length=300, blank=True, validators=[single_line]
    )
    # Bumped on every write; a write carrying an older version is refused, so
    # two tabs (or a member and a retry) never silently overwrite each other.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MilestoneQuerySet.as_manager()

    OPEN_STATUSES = (Status.TODO, Status.DOING)

    class Meta:
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ReviewDecision(models.Model):
    class Decision(models.TextChoices):
        CONTINUE = "continue", "Continue as planned"
        HYBRID = "hybrid", "Go hybrid"
        STOP = "stop", "Stop this plan"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField(default=timezone.localdate)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    note = models.TextField(blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "review decision"

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.date})"


class CheckInQuerySet(models.QuerySet["CheckIn"]):
    def for_member(self, user) -> CheckInQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(plan__member=user)


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts ``day``'s week: a check-in's key."""
    return day - dt.timedelta(days=day.weekday())


class CheckIn(models.Model):
    """The member's weekly answer: hours spent, one blocker, confidence."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="checkins")
    week = models.DateField(help_text="The Monday of the week this covers.")
    hours = models.PositiveSmallIntegerField(
        "hours spent this week", validators=[MaxValueValidator(100)]
    )
    blocker = models.CharField(
        "one blocker", max_length=300, blank=True, validators=[single_line]
    )
    confidence = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-week"]
        verbose_name = "check-in"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "week"], name="one_checkin_per_plan_week"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=1) & Q(confidence__lte=5),
                name="checkin_confidence_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(hours__lte=100), name="checkin_hours_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Week of {self.week:%-d %b %Y}: {self.hours} h"


class CalendarFeed(models.Model):
    """A plan's private, subscribable calendar address.

    The token is the only credential the address carries; rotating replaces
    it, so the old address answers 404 at once.
    """

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "calendar feed"

    def __str__(self) -> str:
        return f"Calendar feed of {self.plan}"


def steps_resources(
    *, template_id: int | None = None, step_ids=()
) -> dict[int, list[LearningResource]]:
    """The learning resources of each step of a plan template (or of each of
    ``step_ids``), in order, in one query: every step is a key, with an empty
    list when it has none."""
    fields = ["id", "order", "title", "url", "kind"]
    steps = MilestoneTemplate.objects.all()
    if template_id is not None:
        steps = steps.filter(template_id=template_id)
    else:
        steps = steps.filter(pk__in=step_ids)
    rows = steps.order_by("pk", "resources__order", "resources__id").values_list(
        "pk", *(f"resources__{name}" for name in fields)
    )
    by_step: dict[int, list[LearningResource]] = {}
    for step, *values in rows:
        found = by_step.setdefault(step, [])
        if values[0] is not None:
            data = dict(zip(fields, values, strict=True))
            found.append(LearningResource(milestone_id=step, **data))
    return by_step
