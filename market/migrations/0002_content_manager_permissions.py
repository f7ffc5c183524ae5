from django.db import migrations

from accounts.group_permissions import grant, model_permissions, revoke

PERMISSIONS = {"market": model_permissions(["marketsignal"])}


def forwards(apps, schema_editor):
    grant(apps, "Content managers", PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, "Content managers", list(PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("market", "0001_initial"),
        ("guides", "0002_content_manager_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
