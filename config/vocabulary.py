"""Words every app shares: career levels and the staff roles.

This module imports nothing of ours, so any app (and any migration) can use it
without pulling another app in.
"""

from django.db import models


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


class StaffRole(models.TextChoices):
    """The staff groups; a staff member's role is membership of one of them."""

    COACH = "Coaches", "Coach"
    CONTENT_MANAGER = "Content managers", "Content manager"
