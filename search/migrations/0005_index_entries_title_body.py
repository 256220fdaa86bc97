"""A GIN index on the expression the database backend searches: `title || body`.

modelsearch's PostgreSQL backend matches a query against the concatenation of an entry's title
and body vectors (so that the words of an "all words" query may be split between them), while
its own GIN indexes cover each column alone: PostgreSQL scanned every index entry for each
search (64 ms of a 74 ms query at 10,000 innovations; 5 ms with this index, bench/README.md).
It must stay the expression modelsearch writes: tests/search/test_database_backend.py checks
that the planner can use it. The table is Wagtail's, so this is plain SQL, PostgreSQL only.
"""

from django.db import migrations

TITLE_BODY = "search_indexentry_title_body"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TITLE_BODY} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_BODY}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_moderators_manage_vocabulary"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
