"""The two content locales: Indonesian (made by Wagtail from LANGUAGE_CODE, kept for every
existing page) and English. Pages already carry a locale (Wagtail gives every page one), so
no existing row changes: this only adds the English locale, on SQLite and PostgreSQL alike."""

from django.db import migrations

LANGUAGES = ("id", "en")


def add_locales(apps, schema_editor):
    locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
