from django.db import migrations

from accounts.group_permissions import grant, revoke

COACH_PERMISSIONS = {
    "accounts": ["view_client"],
    "plans": ["view_plan", "change_plan", "view_milestone", "add_coachfeedback",
              "view_coachfeedback"],
    "assessments": ["view_assessment", "view_answer"],
}  # fmt: skip


def forwards(apps, schema_editor):
    grant(apps, "Coaches", COACH_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, "Coaches", list(COACH_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_coachfeedback_reminderlog"),
        ("accounts", "0004_coaching"),
        ("assessments", "0002_content_manager_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
