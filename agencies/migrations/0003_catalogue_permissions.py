"""Officers and verifiers may add pages under the catalogues that already exist.

New catalogues get the same grant when they are created (agencies.signals).
"""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    InnovationIndexPage = apps.get_model("innovations", "InnovationIndexPage")
    add_page = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="add_page"
    ).first()
    if add_page is None:
        return
    groups = Group.objects.filter(name__in=["Petugas Inovasi", "Verifikator OPD"])
    for catalogue in InnovationIndexPage.objects.all():
        for group in groups:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=catalogue.pk, permission=add_page
            )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
