"""Wagtail's database search backend, with a faster index build on PostgreSQL.

`SearchBackend(params)` picks modelsearch's backend for the database in use, as
`wagtail.search.backends.database` does; on PostgreSQL it is `PostgresSearchBackend` below,
which differs from modelsearch's only in how `add_items` (a publish, and each chunk of
`update_index`) prepares the row it writes:

* modelsearch's `ObjectIndexer` reads every search field once per derived column (title, body,
  autocomplete and the two plain texts): rich text is stripped of its tags five times, each
  callable field runs five times. Here each field is read once per object and the five columns
  are cut from that one list.
* modelsearch builds one Django `SearchVector` expression per text and compiles it through the
  ORM (resolving and copying expressions was a third of the build). Here the SQL of one weighted
  vector is compiled once per (configuration, weight) and repeated, combined with `||` in the
  same balanced order as modelsearch's `ADD`, so the statement, and so every index entry, is the
  one modelsearch would write (tests/search/test_index_build.py compares them).
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import TextField, Value
from django.db.models.sql.subqueries import InsertQuery
from django.utils.functional import cached_property
from modelsearch.backends.database import SearchBackend as database_backend_for
from modelsearch.backends.database.postgres import postgres
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import balanced_reduce, get_content_type_pk

IndexEntry = postgres.IndexEntry
# A placeholder text, swapped for each real text's parameter.
_MARKER = "\x00jipp-text\x00"


def _combine(left, right):
    """`left || right` as modelsearch's ADD compiles it: parenthesised, parameters in order."""
    return f"({left[0]} || {right[0]})", [*left[1], *right[1]]


class VectorSQL:
    """The SQL of weighted tsvectors on one connection, compiled once per (config, weight)."""

    def __init__(self, compiler, write_connection):
        self.compiler = compiler
        self.connection = write_connection
        self.templates = {}
        self.empty = self.compile(postgres.EMPTY_VECTOR)

    def compile(self, expression):
        field = IndexEntry._meta.get_field("title")
        value = self.compiler.prepare_value(field, expression)
        sql, params = value.as_sql(self.compiler, self.connection)
        return sql, list(params)

    def template(self, config, weight):
        key = (config, weight)
        if key not in self.templates:
            text = Value(_MARKER, output_field=TextField())
            sql, params = self.compile(SearchVector(text, weight=weight, config=config))
            self.templates[key] = (sql, params, params.index(_MARKER))
        return self.templates[key]

    def vector(self, texts, config):
        """(sql, params) of modelsearch's `ObjectIndexer.as_vector(texts)` for `config`."""
        texts = [(text.strip(), weight) for text, weight in texts]
        parts = []
        for text, weight in texts:
            if not text:
                continue
            sql, params, position = self.template(config, weight)
            params = list(params)
            params[position] = text
            parts.append((sql, params))
        if not parts:
            return self.empty
        return balanced_reduce(_combine, parts)


class ObjectIndexer(postgres.ObjectIndexer):
    """modelsearch's indexer, reading each search field of the object once."""

    @cached_property
    def prepared(self):
        """(field, weight, text) of every search field, related ones included, read once."""
        return [
            item for field in self.search_fields for item in self.prepare_field(self.obj, field)
        ]

    def texts(self, kind):
        """(text, weight) of the title's search fields ("title"), the other search fields
        ("body") or the autocomplete fields ("autocomplete"), in modelsearch's order."""

        def wanted(field):
            if kind == "autocomplete":
                return isinstance(field, AutocompleteField)
            return isinstance(field, SearchField) and (field.field_name == "title") == (
                kind == "title"
            )

        return [(value, weight) for field, weight, value in self.prepared if wanted(field)]

    def plain_text(self, kind):
        return " ".join(text.strip() for text, _weight in self.texts(kind) if text.strip())


class PostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [ObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        vectors = VectorSQL(compiler, self.write_connection)
        content_type_pk = get_content_type_pk(model)
        rows = []
        params = []
        for indexer in indexers:
            columns = [
                vectors.vector(indexer.texts("title"), self.backend.config),
                vectors.vector(indexer.texts("autocomplete"), self.backend.autocomplete_config),
                vectors.vector(indexer.texts("body"), self.backend.config),
            ]
            rows.append(f"(%s, %s, {columns[0][0]}, {columns[1][0]}, {columns[2][0]}, 1.0, %s, %s)")
            params.extend((content_type_pk, indexer.id))
            for _sql, column_params in columns:
                params.extend(column_params)
            params.extend((indexer.plain_text("title"), indexer.plain_text("body")))
        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,"
                " title_norm, title_text, body_text)"
                f" (VALUES {', '.join(rows)})"
                " ON CONFLICT (content_type_id, object_id)"
                " DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,"
                " autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,"
                " title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )
        self._refresh_title_norms()


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    index_class = PostgresIndex


def SearchBackend(params):  # noqa: N802 - Wagtail loads a backend module's `SearchBackend`
    """The database backend for the default database (see the module's docstring)."""
    if connection.vendor == "postgresql":
        return PostgresSearchBackend(params)
    return database_backend_for(params)
