"""The root collection, which every image and document picker shows, gets an Indonesian name.

Wagtail creates it as "Root" (a row, so no translation catalogue reaches it; issue 19 item 7).
"""

from django.db import migrations

WAGTAIL_NAME = "Root"
INDONESIAN_NAME = "Koleksi utama"


def rename(apps, old, new):
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0025_collection_initial_data")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: rename(apps, WAGTAIL_NAME, INDONESIAN_NAME),
            lambda apps, schema_editor: rename(apps, INDONESIAN_NAME, WAGTAIL_NAME),
        )
    ]
