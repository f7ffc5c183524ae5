"""Coaches write feedback and read it back.

On a database that had these permissions under plans, 0002 already carried
them over; this states the grant in coaching's own terms, so replaying data
migrations on an emptied database (as the browser tests do) gives it again.
"""

from django.db import migrations

from accounts.group_permissions import grant

COACH_PERMISSIONS = {"coaching": ["add_coachfeedback", "view_coachfeedback"]}


def forwards(apps, schema_editor):
    grant(apps, "Coaches", COACH_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0002_move_content_types"),
        ("accounts", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
