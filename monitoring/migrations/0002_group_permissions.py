"""Model permissions of the roles on monitoring reports and yearly reports.

Officers and verifiers add, change and view reports (monitoring.admin_forms limits them to
their agencies and their workflow steps); moderators and administrators manage reports and
yearly reports. Peer-review assignments are checked per reviewer (ReviewerPolicy).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Petugas Inovasi": ["add_monitoringreport", "change_monitoringreport", "view_monitoringreport"],
    "Verifikator OPD": ["add_monitoringreport", "change_monitoringreport", "view_monitoringreport"],
    "Moderator": [
        "add_monitoringreport",
        "change_monitoringreport",
        "view_monitoringreport",
        "delete_monitoringreport",
        "add_yearlyreport",
        "change_yearlyreport",
        "view_yearlyreport",
    ],
    "Administrator": ["add_yearlyreport", "change_yearlyreport", "view_yearlyreport"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the grants need them now.
    config = apps.get_app_config("monitoring")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="monitoring", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial"), ("agencies", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
