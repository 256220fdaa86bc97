"""An index on page titles for the catalogue's and the API's A-Z order.

The A-Z order (and the API's default order) sorts live innovations by
wagtailcore_page.title, which Wagtail does not index: PostgreSQL sorted all 10,000 rows on
each request. The index lives on Wagtail's table, so it is plain SQL (both SQLite and
PostgreSQL accept it) and the migration state does not change.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0007_sector_name_en"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS innovations_page_title_az ON wagtailcore_page (title, id)",
            reverse_sql="DROP INDEX IF EXISTS innovations_page_title_az",
        )
    ]
