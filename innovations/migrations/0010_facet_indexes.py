"""Indexes for the catalogue's facet counts and listing without a cache.

Every catalogue query starts from the live pages of one language. Wagtail indexes
wagtailcore_page.locale_id but not `live`, so PostgreSQL read each of the 11,600 pages of the
language from the table to check it: a partial index of live pages by locale answers from the
index alone. On PostgreSQL the counts also read the facet columns of the matching innovations;
an index that carries them spares reading the wide page rows (2 KB each, rich text inline).
Both indexes live outside the models (one on Wagtail's table, one PostgreSQL-only), so this is
plain SQL and the migration state does not change.
"""

from django.db import migrations

LIVE_BY_LOCALE = "innovations_page_live_locale"
FACET_COLUMNS = "innovations_facet_columns"


def create(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {LIVE_BY_LOCALE} ON wagtailcore_page (locale_id, id) "
        "WHERE live"
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {FACET_COLUMNS} ON innovations_innovationpage "
            "(page_ptr_id) INCLUDE (agency_id, stage, form, is_digital, status, cost, "
            "launched_on, last_verified_on, replication_count, request_count, visit_count, "
            "verified_replication_count)"
        )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {LIVE_BY_LOCALE}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {FACET_COLUMNS}")


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0009_regulations_source_language"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
