"""The "Juri" group: jurors' own accounts may open the admin and nothing else by group;
what they see there is decided by their jury assignments (competitions.conflicts)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

JURORS = "Juri"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group, _ = Group.objects.get_or_create(name=JURORS)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access:
        group.permissions.add(access)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=JURORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("competitions", "0001_initial"),
        ("agencies", "0002_role_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
