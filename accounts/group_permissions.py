"""Data-migration helpers: give a staff group exactly its permissions.

Migrations pass their historical ``apps``, so this works at any point in the
migration history.
"""


def grant(apps, group_name: str, permissions: dict[str, list[str]]) -> None:
    """Add ``{app_label: [codename, …]}`` to the group, creating what is missing."""
    from django.contrib.auth.management import create_permissions

    for label in permissions:
        # Permissions are normally created after all migrations; make them now.
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for label, codenames in permissions.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=label, codename__in=codenames
            )
        )


def revoke(apps, group_name: str, labels: list[str]) -> None:
    group = apps.get_model("auth", "Group").objects.filter(name=group_name).first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label__in=labels)
        )


def model_permissions(models: list[str]) -> list[str]:
    """add, change, delete and view for each model."""
    return [f"{a}_{m}" for m in models for a in ("add", "change", "delete", "view")]
