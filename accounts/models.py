from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse


class Level(models.TextChoices):
    """Career levels, shared by profiles, salary bands and assessments."""

    ENTRY = "entry", "Entry / early career"
    MID = "mid", "Mid-level"
    SENIOR = "senior", "Senior"
    STAFF = "staff", "Staff / lead"
    PRINCIPAL = "principal", "Principal+"

    @classmethod
    def is_senior_or_above(cls, level: str) -> bool:
        return level in {cls.SENIOR, cls.STAFF, cls.PRINCIPAL}


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
    target_market = models.CharField(
        "target market",
        max_length=120,
        blank=True,
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
