from django.db import migrations

from accounts.group_permissions import grant, model_permissions, revoke

PERMISSIONS = {
    "guides": [
        *model_permissions(
            ["role", "tag", "guide", "comparisonrow", "salaryband", "interviewtopic"]
        ),
        "view_historicalguide",
    ]
}


def forwards(apps, schema_editor):
    grant(apps, "Content managers", PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, "Content managers", list(PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0001_initial"),
        ("accounts", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
