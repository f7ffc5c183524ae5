from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from config.validators import single_line
from config.vocabulary import Level


class Role(models.Model):
    """A job role that guides compare, e.g. Data Scientist."""

    name = models.CharField(max_length=100, unique=True, validators=[single_line])
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True, validators=[single_line])
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 8


def search_terms(query: str) -> list[str]:
    """Words of a search query: NUL bytes dropped, length and count bounded."""
    cleaned = query.replace("\x00", " ")[:MAX_QUERY_LENGTH]
    words = [w.strip("\"'()[]{}<>,.;:!?*") for w in cleaned.split()]
    return [w for w in words if w][:MAX_QUERY_TERMS]


def can_edit_guides(user) -> bool:
    # Only staff can hold the permission: members skip the lookup.
    return user.is_staff and user.has_perm("guides.change_guide")


class GuideQuerySet(models.QuerySet["Guide"]):
    def published(self) -> GuideQuerySet:
        """Guides a visitor may read: published and whose time has come."""
        return self.filter(status=Guide.Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now())
        )

    def visible_to(self, user) -> GuideQuerySet:
        """Staff who can edit guides also see drafts and scheduled guides."""
        return self.originals() if can_edit_guides(user) else self.published()

    def originals(self) -> GuideQuerySet:
        """Guides themselves, without the working copies that draft a change."""
        return self.filter(draft_of__isnull=True)

    def with_roles(self) -> GuideQuerySet:
        return self.select_related("role_a", "role_b")

    def featured_first(self) -> GuideQuerySet:
        return self.order_by("-featured", "title")

    def tagged(self, tag_slug: str) -> GuideQuerySet:
        return self.filter(tags__slug=tag_slug) if tag_slug else self

    def search(self, query: str) -> GuideQuerySet:
        """Rank guides for ``query`` over title, summary, body and tags.

        Full-text search with ranking on PostgreSQL; elsewhere every word must
        appear somewhere and matches in the title weigh most.
        """
        terms = search_terms(query)
        if not terms:
            return self
        if connections[self.db].vendor == "postgresql":
            return self._search_postgres(" ".join(terms))
        return self._search_fallback(terms)

    def _search_postgres(self, text: str) -> GuideQuerySet:
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        tag_text = Subquery(
            Tag.objects.filter(guides=OuterRef("pk"))
            .values("guides")
            .annotate(text=StringAgg("name", Value(" ")))
            .values("text")
        )
        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector(
                Coalesce(tag_text, Value(""), output_field=TextField()),
                weight="B",
                config="english",
            )
            + SearchVector("body", weight="D", config="english")
        )
        query = SearchQuery(text, search_type="websearch", config="english")
        return (
            self.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "title")
        )

    def _search_fallback(self, terms: list[str]) -> GuideQuerySet:
        qs = self
        score = Value(0, output_field=IntegerField())
        for term in terms:
            in_tags = Exists(
                Tag.objects.filter(guides=OuterRef("pk"), name__icontains=term)
            )
            qs = qs.filter(
                Q(title__icontains=term)
                | Q(summary__icontains=term)
                | Q(body__icontains=term)
                | in_tags
            )
            score = (
                score
                + Case(When(title__icontains=term, then=Value(8)), default=Value(0))
                + Case(When(summary__icontains=term, then=Value(4)), default=Value(0))
                + Case(When(in_tags, then=Value(4)), default=Value(0))
                + Case(When(body__icontains=term, then=Value(1)), default=Value(0))
            )
        return qs.annotate(rank=score).order_by("-rank", "title")


class Guide(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, validators=[single_line])
    slug = models.SlugField(
        max_length=200,
        unique=True,
        error_messages={"unique": "Another guide already uses this slug."},
    )
    summary = models.TextField(max_length=400)
    body = models.TextField(
        blank=True, help_text="Markdown. Use ## and ### headings for sections."
    )
    role_a = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        related_name="guides_as_a",
        verbose_name="role A",
    )
    role_b = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        related_name="guides_as_b",
        verbose_name="role B",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="Leave empty to publish as soon as the status is Published; "
        "a future time schedules it.",
    )
    featured = models.BooleanField(
        default=False, help_text="Featured guides come first in the guide list."
    )
    reviewed_on = models.DateField("reviewed on", null=True, blank=True)
    pay_as_of = models.DateField(
        "pay data as of",
        null=True,
        blank=True,
        help_text="When the figures were taken; leave empty when the source "
        "does not say.",
    )
    pay_source = models.CharField(
        "pay data source",
        max_length=300,
        blank=True,
        help_text="Where the pay figures come from.",
    )
    pay_imported_on = models.DateField("pay data imported on", null=True, blank=True)
    pay_caveat = models.TextField(
        "pay scope caveat",
        blank=True,
        help_text="Where the pay figures apply and where they don't.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="guides")
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="related_from"
    )
    meta_description = models.CharField(
        max_length=160, blank=True, validators=[single_line]
    )
    # A working copy of a live guide: edited like any guide, never shown to
    # readers, and written onto the live guide when published.
    draft_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="draft",
    )
    # What members are told when the draft is published (scheduled drafts).
    change_note = models.CharField(max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role_a=models.F("role_b")),
                name="guide_roles_differ",
                violation_error_message="A guide compares two different roles.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.draft_of_id:
            return reverse("guides:preview", kwargs={"slug": self.draft_of.slug})
        return reverse("guides:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.role_a_id and self.role_a_id == self.role_b_id:
            raise ValidationError({"role_b": "Choose a role different from role A."})

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )


class ComparisonRow(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="rows")
    dimension = models.CharField(max_length=100, validators=[single_line])
    text_a = models.TextField("role A")
    text_b = models.TextField("role B")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "comparison row"

    def __str__(self) -> str:
        return self.dimension


class SalaryBand(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="bands")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=20, choices=Level.choices)
    low = models.PositiveIntegerField(help_text="Whole currency units per year.")
    high = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty when there is no upper figure."
    )
    open_ended = models.BooleanField(
        default=False, help_text="Shown as “+”: some offers exceed the upper figure."
    )
    currency = models.CharField(max_length=3, default="USD")
    scope_note = models.CharField(max_length=200, blank=True, validators=[single_line])

    class Meta:
        verbose_name = "salary band"
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "role", "level"],
                name="one_band_per_role_and_level",
                violation_error_message="This guide already has a band for this "
                "role and level.",
            ),
            models.CheckConstraint(
                condition=Q(high__isnull=True) | Q(high__gte=models.F("low")),
                name="band_high_not_below_low",
                violation_error_message="The upper figure cannot be below the lower.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} · {self.get_level_display()}"

    def clean(self) -> None:
        if self.high is not None and self.low is not None and self.high < self.low:
            raise ValidationError(
                {"high": "The upper figure cannot be below the lower figure."}
            )
        if self.high is None and not self.open_ended:
            raise ValidationError(
                {"high": "Give an upper figure, or mark the band as open-ended."}
            )
        if (
            self.guide_id
            and self.role_id
            and self.role_id not in {self.guide.role_a_id, self.guide.role_b_id}
        ):
            raise ValidationError({"role": "Choose one of the guide's two roles."})


class InterviewTopic(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="topics")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(max_length=120, validators=[single_line])
    detail = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "interview topic"

    def __str__(self) -> str:
        return self.topic


class GuideRevisionQuerySet(models.QuerySet["GuideRevision"]):
    def live(self) -> GuideRevisionQuerySet:
        """Revisions that changed what readers see (or were imported)."""
        return self.filter(kind__in=GuideRevision.LIVE_KINDS)


class GuideRevision(models.Model):
    """The whole guide at one moment: its fields and every part, as the
    content files describe it (``publishing.importer.export_guide``)."""

    class Kind(models.TextChoices):
        IMPORTED = "imported", "Imported"
        SAVED = "saved", "Saved"
        DRAFT = "draft", "Draft saved"
        PUBLISHED = "published", "Published"
        REVERTED = "reverted", "Reverted"

    LIVE_KINDS = [Kind.IMPORTED, Kind.SAVED, Kind.PUBLISHED, Kind.REVERTED]

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    snapshot = models.JSONField()
    #: ``guides.diff.part_digests`` of the snapshot.
    digests = models.JSONField(default=dict, editable=False)
    change_note = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = GuideRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = "guide revision"
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "number"], name="one_revision_number_per_guide"
            )
        ]

    def __str__(self) -> str:
        return f"{self.guide} · revision {self.number}"


class GuideChangeSeen(models.Model):
    """How far a member has seen a guide's changes: the notice they dismissed
    (or acted on) and the one their reminder email mentioned."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="+")
    seen_number = models.PositiveIntegerField(default=0)
    mailed_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "guide"], name="one_change_record_per_guide"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.guide}"
