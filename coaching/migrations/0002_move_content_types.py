"""The moved models' content types follow them, with their permissions.

Groups (the Coaches' ``add_coachfeedback``) and admin log entries point at the
content type row, so relabelling the row keeps every grant and history entry.
"""

from django.db import migrations

MOVED = [
    ("accounts", "accesslog"),
    ("plans", "coachfeedback"),
    ("plans", "reminderlog"),
]


def relabel(apps, *, to_coaching: bool) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model in MOVED:
        coaching = "coaching"
        source, target = (app_label, coaching) if to_coaching else (coaching, app_label)
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue  # made already by an earlier run: keep that one
        ContentType.objects.filter(app_label=source, model=model).update(
            app_label=target
        )


def forwards(apps, schema_editor):
    relabel(apps, to_coaching=True)


def backwards(apps, schema_editor):
    relabel(apps, to_coaching=False)


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0006_accesslog_to_coaching"),
        ("plans", "0005_coaching_models_to_coaching"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
