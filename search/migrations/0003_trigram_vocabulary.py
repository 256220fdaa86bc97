"""pg_trgm and a trigram index on the vocabulary (PostgreSQL only; SQLite skips both)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_searchterm_key_trgm "
        "ON search_searchterm USING gin (key gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_searchterm_key_trgm")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_synonyms_popular_vocabulary")]

    operations = [migrations.RunPython(forwards, backwards)]
