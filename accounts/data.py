"""A member's data rights: export every row of theirs, or delete them all.

Both start from the same place — Django's deletion collector — so what the
export contains is exactly what deleting the account removes.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core import serializers
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from .models import User

# Never part of an export: credentials, not personal data.
SECRET_FIELDS = {("accounts", "user"): {"password"}, ("mfa", "authenticator"): {"data"}}


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


def delete_member(*, user: User) -> dict[str, int]:
    """Delete the account and everything of the member's; returns the counts."""
    with transaction.atomic():
        _, counts = user.delete()
        return counts
