"""Existing regulations and partners become the Indonesian (default-language) rows, each with
its own translation key, before the next migration makes both fields required."""

from django.db import migrations
from wagtail.models.i18n import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0004_translatable_snippets_bootstrap"),
        # The Indonesian and English locales exist from here on.
        ("localisation", "0001_locales"),
    ]

    operations = [
        BootstrapTranslatableModel("publications.Regulation"),
        BootstrapTranslatableModel("publications.Partner"),
    ]
