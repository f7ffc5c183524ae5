"""Coaches write messages and keep private notes; they read check-ins and
review decisions on their clients' plans."""

from django.db import migrations

from accounts.group_permissions import grant

COACH_PERMISSIONS = {
    "coaching": ["add_message", "view_message", "add_coachnote", "change_coachnote",
                 "delete_coachnote", "view_coachnote"],
    "plans": ["view_checkin", "view_reviewdecision"],
}  # fmt: skip


def forwards(apps, schema_editor):
    grant(apps, "Coaches", COACH_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0004_coachnote_message"),
        ("plans", "0008_calendarfeed_checkin"),
        ("accounts", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
