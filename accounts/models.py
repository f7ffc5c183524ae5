from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from config.validators import single_line
from config.vocabulary import Level, StaffRole


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(
        self, email: str, password: str | None = None, **extra
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        if not (extra["is_staff"] and extra["is_superuser"]):
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person using Crossroads, signing in with their email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    name = models.CharField(
        "name",
        max_length=150,
        blank=True,
        validators=[single_line],
        help_text="How we address you. Optional.",
    )
    current_role = models.ForeignKey(
        "guides.Role",
        verbose_name="current role",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The role you hold today, if it is one we cover.",
    )
    level = models.CharField("level", max_length=20, choices=Level.choices, blank=True)
    coach = models.ForeignKey(
        "self",
        verbose_name="coach",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clients",
        limit_choices_to={"is_staff": True, "groups__name": StaffRole.COACH},
        help_text="A staff member in the Coaches group who follows this member.",
    )
    email_reminders = models.BooleanField(
        "email reminders",
        default=True,
        help_text="A short email when milestones are due within a week or overdue.",
    )
    email_messages = models.BooleanField(
        "email me my coach's messages",
        default=True,
        help_text="An email when your coach writes in your plan's conversation.",
    )
    target_market = models.CharField(
        "target market",
        max_length=120,
        blank=True,
        validators=[single_line],
        help_text="Where you want to work next, e.g. “US big tech” or “Berlin "
        "startups”.",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = "user"
        verbose_name_plural = "users"

    def __str__(self) -> str:
        return self.email

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile")

    def clean(self) -> None:
        super().clean()
        if self.coach_id is None:
            return
        if self.coach_id == self.pk:
            raise ValidationError({"coach": "A member cannot coach themselves."})
        if not self.coach.is_coach:
            raise ValidationError(
                {"coach": "Choose a staff member in the Coaches group."}
            )

    @property
    def is_coach(self) -> bool:
        """The one rule for who is a coach: active staff in the Coaches group."""
        return (
            self.is_active
            and self.is_staff
            and self.groups.filter(name=StaffRole.COACH).exists()
        )

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name or self.email.split("@", 1)[0]

    @property
    def display_name(self) -> str:
        return self.get_short_name()

    @property
    def has_profile(self) -> bool:
        return bool(self.level or self.current_role_id or self.target_market)


class Client(User):
    """A member as their coach sees them in the admin."""

    class Meta:
        proxy = True
        verbose_name = "client"
        verbose_name_plural = "clients"
