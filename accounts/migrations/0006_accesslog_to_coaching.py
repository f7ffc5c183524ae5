"""AccessLog now belongs to coaching (see coaching 0001): state only, the
table and its rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_data_revision"),
        ("coaching", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AccessLog")],
        ),
    ]
