from django.db import migrations

from accounts.group_permissions import grant, model_permissions, revoke

PERMISSIONS = {"plans": model_permissions(["plantemplate", "milestonetemplate"])}


def forwards(apps, schema_editor):
    grant(apps, "Content managers", PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, "Content managers", list(PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("assessments", "0002_content_manager_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
