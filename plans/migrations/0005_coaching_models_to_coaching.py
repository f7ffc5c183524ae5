"""CoachFeedback and ReminderLog now belong to coaching (see coaching 0001):
state only, the tables and their rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_coach_permissions"),
        ("coaching", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="CoachFeedback"),
                migrations.DeleteModel(name="ReminderLog"),
            ],
        ),
    ]
