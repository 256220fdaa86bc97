"""Moderators and administrators keep the search synonyms and the curated popular searches."""

from django.db import migrations

from core.grants import grant_permissions

CODENAMES = [
    f"{action}_{model}"
    for model in ("searchsynonym", "popularsearch")
    for action in ("add", "change", "delete", "view")
]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_trigram_vocabulary"),
        ("agencies", "0002_role_groups"),
    ]

    operations = [
        migrations.RunPython(
            grant_permissions("search", {"Moderator": CODENAMES, "Administrator": CODENAMES}),
            migrations.RunPython.noop,
        )
    ]
