from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["plantemplate", "milestonetemplate"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("plans")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Content managers")
    codenames = [f"{a}_{m}" for m in MODELS for a in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="plans", codename__in=codenames
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Content managers").first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="plans")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("assessments", "0002_content_manager_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
