"""Coaching takes over three models from accounts and plans, rows included.

Only Django's model state moves: the tables keep their names and their rows
(each model sets ``db_table``), so the database is not touched. The content
types follow in 0002, so permissions granted on them stay granted.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0004_coaching"),
        ("plans", "0004_coach_permissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="AccessLog",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("what", models.CharField(max_length=50)),
                ("object_repr", models.CharField(blank=True, max_length=200)),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("client", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("coach", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "coach access record",
                "ordering": ["-at", "-id"],
                "db_table": "accounts_accesslog",
            },
        ),
        migrations.CreateModel(
            name="CoachFeedback",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("body", models.TextField(max_length=5000)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("read_at", models.DateTimeField(blank=True, null=True)),
                ("coach", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("milestone", models.ForeignKey(blank=True, help_text="Leave empty for feedback on the plan as a whole.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="feedback", to="plans.milestone")),
                ("plan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="feedback", to="plans.plan")),
            ],
            options={
                "verbose_name": "coach feedback",
                "verbose_name_plural": "coach feedback",
                "ordering": ["-created_at", "-id"],
                "db_table": "plans_coachfeedback",
            },
        ),
        migrations.CreateModel(
            name="ReminderLog",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("member", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "db_table": "plans_reminderlog",
                "constraints": [models.UniqueConstraint(fields=("member", "date"), name="one_reminder_per_member_per_day")],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
    ]
