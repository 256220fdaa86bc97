"""Model permissions for the role groups, granted from an app's data migration.

Django creates permissions only after every migration has run, so a migration that grants
them creates its app's permissions first. Groups that do not exist yet are skipped (the
groups come from agencies/0002, on which such a migration depends).
"""

from django.contrib.auth.management import create_permissions


def grant_permissions(app_label, grants):
    """A RunPython function giving each group {name: [codename, ...]} those permissions."""

    def grant(apps, schema_editor):
        config = apps.get_app_config(app_label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        for group in Group.objects.filter(name__in=grants):
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=grants[group.name]
                )
            )

    return grant
