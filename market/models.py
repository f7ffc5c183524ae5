from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from guides.models import Guide

from . import classifier


class Side(models.TextChoices):
    DS = classifier.DS, "Data science (the guide's first role)"
    MLE = classifier.MLE, "ML engineering (the guide's second role)"
    HYBRID = classifier.HYBRID, "Hybrid"


class Verdict(models.TextChoices):
    DS = classifier.DS, "Data science"
    MLE = classifier.MLE, "ML engineering"
    HYBRID = classifier.HYBRID, "Hybrid"
    UNCLEAR = classifier.UNCLEAR, "Unclear"


class MarketSignalQuerySet(models.QuerySet["MarketSignal"]):
    def for_guide(self, guide: Guide) -> MarketSignalQuerySet:
        return self.filter(guide=guide)

    def as_signals(self) -> list[classifier.Signal]:
        return [
            classifier.Signal(phrase, side, weight)
            for phrase, side, weight in self.values_list("phrase", "side", "weight")
        ]


class MarketSignal(models.Model):
    """A phrase in a job posting that points to one side of a guide."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="market_signals"
    )
    phrase = models.CharField(
        max_length=100,
        help_text="Matched ignoring case, on word boundaries, with plurals and "
        "hyphen or space variants (“on-call” also finds “on call”).",
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    weight = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    objects = MarketSignalQuerySet.as_manager()

    class Meta:
        ordering = ["guide", "side", "phrase"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "phrase"], name="one_signal_per_phrase"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phrase} ({self.get_side_display()}, {self.weight})"


class MarketCheckQuerySet(models.QuerySet["MarketCheck"]):
    def for_member(self, user) -> MarketCheckQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(member=user)


class MarketCheck(models.Model):
    """A set of postings a member chose to keep, with the verdicts they got."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    posting_count = models.PositiveSmallIntegerField()
    counts = models.JSONField(default=dict)
    # The supported answer on the -2 (role A) … +2 (role B) scale, if any.
    position = models.SmallIntegerField(null=True, blank=True)

    objects = MarketCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Market check of {self.posting_count} postings"

    def get_absolute_url(self) -> str:
        return reverse("market:detail", kwargs={"pk": self.pk})


class Posting(models.Model):
    market_check = models.ForeignKey(
        MarketCheck, on_delete=models.CASCADE, related_name="postings"
    )
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    score = models.SmallIntegerField()
    title_role = models.CharField(max_length=10, blank=True)
    # [start, end, side, phrase] for each deciding phrase in ``text``.
    matches = models.JSONField(default=list)

    class Meta:
        ordering = ["market_check", "order"]

    def __str__(self) -> str:
        return f"Posting {self.order}: {self.get_verdict_display()}"
