from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from config.validators import single_line
from config.vocabulary import Level
from guides.models import Guide, Role


class DecisionQuestion(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    prompt = models.CharField(max_length=300, validators=[single_line])
    short_name = models.CharField(
        max_length=40,
        blank=True,
        validators=[single_line],
        help_text="A few words naming the question on result charts, e.g. "
        "“Main output”.",
    )
    help_text = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 to 5: how much this question counts towards the result.",
    )
    section_anchor = models.SlugField(
        "guide section",
        max_length=200,
        blank=True,
        help_text="Anchor of the guide section behind this question, e.g. "
        "“career-tradeoffs” for a “## Career tradeoffs” heading.",
    )
    market_evidence = models.BooleanField(
        "answered by a market check",
        default=False,
        help_text="A member's market check of job postings can suggest the "
        "answer to this question.",
    )

    class Meta:
        ordering = ["guide", "order", "id"]
        verbose_name = "decision question"

    def __str__(self) -> str:
        return self.prompt


class Option(models.Model):
    class Position(models.IntegerChoices):
        STRONG_A = -2, "Strongly role A"
        LEAN_A = -1, "Leans role A"
        MIDDLE = 0, "In between"
        LEAN_B = 1, "Leans role B"
        STRONG_B = 2, "Strongly role B"

    question = models.ForeignKey(
        DecisionQuestion, on_delete=models.CASCADE, related_name="options"
    )
    label = models.CharField(max_length=200, validators=[single_line])
    position = models.SmallIntegerField(choices=Position.choices)
    order = models.PositiveIntegerField(default=0)
    hybrid = models.BooleanField(
        "names hybrid work",
        default=False,
        help_text="This middle answer says the member wants work that spans "
        "both roles (rather than that they are unsure): it can make the result "
        "hybrid.",
    )

    class Meta:
        ordering = ["question", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(position__gte=-2) & Q(position__lte=2),
                name="option_position_in_range",
            ),
            models.CheckConstraint(
                condition=Q(hybrid=False) | Q(position=0),
                name="option_hybrid_in_the_middle",
                violation_error_message="Only a middle answer (position 0) can "
                "name hybrid work.",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class FitStatement(models.Model):
    class Kind(models.TextChoices):
        LIKES = "likes", "Fits you if you like"
        DISLIKES = "dislikes", "May frustrate you if you dislike"

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="fit_statements"
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LIKES)
    text = models.CharField(max_length=200, validators=[single_line])
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["guide", "order", "id"]
        verbose_name = "fit statement"

    def __str__(self) -> str:
        return self.text


class HybridRole(models.Model):
    """A kind of job a guide describes as spanning both of its roles, named
    when a result comes out hybrid."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="hybrid_roles"
    )
    name = models.CharField(max_length=100, validators=[single_line])
    description = models.CharField(max_length=300, validators=[single_line])
    section_anchor = models.SlugField(
        "guide section",
        max_length=200,
        blank=True,
        help_text="Anchor of the guide section that describes it.",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["guide", "order", "id"]
        verbose_name = "hybrid role"

    def __str__(self) -> str:
        return self.name


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def for_member(self, user) -> AssessmentQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(member=user)

    def completed(self) -> AssessmentQuerySet:
        return self.filter(completed_at__isnull=False)

    def unfinished(self) -> AssessmentQuerySet:
        return self.filter(completed_at__isnull=True)

    def with_guide(self) -> AssessmentQuerySet:
        return self.select_related("guide", "guide__role_a", "guide__role_b")


class Assessment(models.Model):
    """One run through a guide's questions by one member.

    At completion the whole result — score, leaning, every answer's text and
    contribution, the fit statements picked — is frozen into ``result`` so that
    later edits to the questions never change it.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments"
    )
    guide = models.ForeignKey(Guide, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    current_role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    fit_statements = models.ManyToManyField(FitStatement, blank=True, related_name="+")
    result = models.JSONField(null=True, blank=True, editable=False)
    # An answer suggested from elsewhere (a market check), shown pre-selected.
    suggested_option = models.ForeignKey(
        "Option", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggestion_note = models.CharField(max_length=200, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            # At most one unfinished assessment per member and guide.
            models.UniqueConstraint(
                fields=["member", "guide"],
                condition=Q(completed_at__isnull=True),
                name="one_unfinished_assessment_per_guide",
            )
        ]

    def __str__(self) -> str:
        return f"{self.guide} · {self.member}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", kwargs={"pk": self.pk})

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class Answer(models.Model):
    """A member's choice for one question, with the text it was given under."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers"
    )
    # Editing or deleting content must not take answers with it.
    question = models.ForeignKey(
        DecisionQuestion, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    option = models.ForeignKey(
        Option, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    question_prompt = models.CharField(max_length=300, validators=[single_line])
    option_label = models.CharField(max_length=200, validators=[single_line])
    position = models.SmallIntegerField()
    weight = models.PositiveSmallIntegerField()
    answered_at = models.DateTimeField(auto_now=True)
    # Where the answer came from when the member accepted a suggestion.
    origin = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_prompt} → {self.option_label}"
