"""The four role groups and their model permissions.

Permissions are created by Django after all migrations (post_migrate), so on a fresh
database they do not exist yet here: they are created first for every installed app.
Page-tree permissions for officers and verifiers on the catalogue are granted by
agencies.permissions.grant_catalogue_permissions (also when a catalogue is created later).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACCESS_ADMIN = [("wagtailadmin", "admin", "access_admin")]

MEDIA = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
]

MODERATOR_EXTRA = [
    ("wagtailimages", "image", "delete_image"),
    ("wagtaildocs", "document", "delete_document"),
    ("wagtailcore", "workflow", "add_workflow"),
    ("wagtailcore", "workflow", "change_workflow"),
    ("wagtailcore", "task", "add_task"),
    ("wagtailcore", "task", "change_task"),
    ("wagtailcore", "comment", "change_comment"),
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
]

# Administrators: users, agencies, taxonomies and settings (issue 10), not content.
ADMINISTRATOR_MODELS = [
    ("auth", "user"),
    ("auth", "group"),
    ("agencies", "agencymembership"),
    ("agencies", "invitation"),
    ("agencies", "agencycollection"),
    ("innovations", "agency"),
    ("innovations", "region"),
    ("innovations", "sector"),
    ("innovations", "sustainabledevelopmentgoal"),
    ("innovations", "award"),
    ("wagtailcore", "site"),
    ("wagtailcore", "collection"),
]

MODERATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def find(apps, triples):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model, codename in triples:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        ).first()
        if permission:
            found.append(permission)
    return found


def model_permissions(apps, models):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model in models:
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
        )
    return found


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")

    officers, _ = Group.objects.get_or_create(name="Petugas Inovasi")
    verifiers, _ = Group.objects.get_or_create(name="Verifikator OPD")
    moderators, _ = Group.objects.get_or_create(name="Moderator")
    administrators, _ = Group.objects.get_or_create(name="Administrator")

    access = find(apps, ACCESS_ADMIN)
    for group in (officers, verifiers, moderators, administrators):
        group.permissions.add(*access)
    administrators.permissions.add(*model_permissions(apps, ADMINISTRATOR_MODELS))
    moderators.permissions.add(*find(apps, MODERATOR_EXTRA))

    # Moderators work on the whole tree and every collection; officers' and verifiers'
    # media rights are per agency collection (agencies.permissions).
    root_page = Page.objects.filter(depth=1).first()
    if root_page:
        for codename in MODERATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=moderators,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        for permission in find(apps, MEDIA + MODERATOR_EXTRA[:2]):
            GroupCollectionPermission.objects.get_or_create(
                group=moderators, collection=root_collection, permission=permission
            )


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Petugas Inovasi", "Verifikator OPD", "Moderator", "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
