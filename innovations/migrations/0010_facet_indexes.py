"""Indexes for the catalogue's facet counts and listing without a cache.

Every catalogue query starts from the live pages of one language. Wagtail indexes
wagtailcore_page.locale_id but not `live`, so PostgreSQL read each of the 11,600 pages of the
language from the table to check it: a partial index of live pages by locale answers from the
index alone. On PostgreSQL the counts also read the facet columns of the matching innovations;
an index that carries them spares reading the wide page rows (2 KB each, rich text inline).
The default order ("terbukti", innovations.filters.PROVEN_RANK) sorted all 10,000 wide rows
for the first page of the unfiltered catalogue (72 ms); an index on the same expression lets
PostgreSQL read the first twelve in order (0.6 ms). It must stay the expression Django writes
for PROVEN_RANK: tests/innovations/test_catalogue.py checks that the planner can use it.
The indexes live outside the models (one on Wagtail's table, two PostgreSQL-only), so this is
plain SQL and the migration state does not change.
"""

from django.db import migrations

LIVE_BY_LOCALE = "innovations_page_live_locale"
FACET_COLUMNS = "innovations_facet_columns"
PROVEN_ORDER = "innovations_proven_order"


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
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PROVEN_ORDER} ON innovations_innovationpage ("
            "(CASE WHEN last_verified_on IS NOT NULL AND stage = 'penerapan' THEN 0 "
            "WHEN stage = 'penerapan' THEN 1 WHEN stage = 'uji_coba' THEN 2 ELSE 3 END), "
            "last_verified_on DESC NULLS LAST, launched_on DESC NULLS LAST, page_ptr_id DESC)"
        )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {LIVE_BY_LOCALE}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {FACET_COLUMNS}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {PROVEN_ORDER}")


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0009_regulations_source_language"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
