"""A member's data rights: export every row of theirs, or delete them all.

Both start from the same place — Django's deletion collector — so what the
export contains is exactly what deleting the account removes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, router, transaction
from django.db.models import Q, QuerySet
from django.db.models.deletion import Collector
from django.utils import timezone

from .models import User

# Never part of an export: credentials, not personal data.
SECRET_FIELDS = {
    ("accounts", "user"): {"password"},
    ("mfa", "authenticator"): {"data"},
    ("plans", "calendarfeed"): {"token"},
}


def _rows_of(user: User) -> Iterator[models.Model]:
    collector = Collector(using=router.db_for_write(User))
    collector.collect([user])
    for instances in collector.data.values():
        yield from instances
    for queryset in collector.fast_deletes:
        yield from queryset


def export_member_data(user: User) -> dict:
    """Every row that belongs to ``user``, grouped by model, as plain data."""
    grouped: dict[str, list[dict]] = {}
    for row in serializers.serialize("python", _rows_of(user)):
        app_label, model_name = row["model"].split(".")
        hidden = SECRET_FIELDS.get((app_label, model_name), set())
        fields = {k: v for k, v in row["fields"].items() if k not in hidden}
        grouped.setdefault(row["model"], []).append({"id": row["pk"], **fields})
    for rows in grouped.values():
        rows.sort(key=lambda r: str(r["id"]))
    return {
        "exported_at": timezone.now().isoformat(),
        "account": user.email,
        "data": dict(sorted(grouped.items())),
    }


def admin_log_about(user: User) -> QuerySet[LogEntry]:
    """The admin's change-log entries about any row of the member's.

    They point at a row by content type and id, not by a foreign key, so the
    deletion collector never reaches them; yet they keep the row's title and
    the first words of what changed (coach feedback among it).
    """
    ids_by_type: dict[ContentType, set[str]] = defaultdict(set)
    for row in _rows_of(user):
        ids_by_type[ContentType.objects.get_for_model(row)].add(str(row.pk))
    about = Q(pk__in=[])
    for content_type, ids in ids_by_type.items():
        about |= Q(content_type=content_type, object_id__in=ids)
    return LogEntry.objects.filter(about)


def delete_member(*, user: User) -> dict[str, int]:
    """Delete the account and everything of the member's, the admin's log of
    changes to it included; returns the counts."""
    with transaction.atomic():
        log_count, _ = admin_log_about(user).delete()
        _, counts = user.delete()
    if log_count:
        counts["admin.LogEntry"] = counts.get("admin.LogEntry", 0) + log_count
    return counts
