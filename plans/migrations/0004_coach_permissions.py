from django.contrib.auth.management import create_permissions
from django.db import migrations

COACH_PERMISSIONS = {
    "accounts": ["view_client"],
    "plans": ["view_plan", "change_plan", "view_milestone", "add_coachfeedback",
              "view_coachfeedback"],
    "assessments": ["view_assessment", "view_answer"],
}  # fmt: skip


def grant(apps, schema_editor):
    for label in COACH_PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Coaches")
    for label, codenames in COACH_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=label, codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Coaches").first()
    if group:
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_coachfeedback_reminderlog"),
        ("accounts", "0004_coaching"),
        ("assessments", "0002_content_manager_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
