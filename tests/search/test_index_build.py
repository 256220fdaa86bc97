"""The database backend's index build (`update_index`): its queries do not grow with the
number of pages (the many-to-many relations that RelatedFields index are prefetched,
core/indexing.py), and the index it builds matches, entry for entry, the one that indexing
each page on its own writes (what a publish does), so searches find the same pages."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends.database.postgres import postgres
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object
from wagtail.search.models import IndexEntry

from core.i18n import readable_pages
from innovations.models import InnovationPage
from search.backends import database
from tests.innovations.factories import InnovationPageFactory, region, sector

pytestmark = pytest.mark.django_db


def entries():
    """The innovations' index entries (the build indexes every other model as well)."""
    content_type = ContentType.objects.get_for_model(InnovationPage)
    rows = IndexEntry.objects.filter(content_type=content_type)
    return {
        (row["content_type_id"], row["object_id"]): row
        for row in rows.values(
            "content_type_id",
            "object_id",
            "title",
            "body",
            "autocomplete",
            "title_text",
            "body_text",
        )
    }


def found(query):
    pages = readable_pages(InnovationPage.objects.live())
    return sorted(page.title for page in pages.search(query, backend="default"))


def add_innovations(catalogue, first, count):
    for number in range(first, first + count):
        page = InnovationPageFactory(
            parent=catalogue,
            title=f"Layanan kearsipan {number}",
            regions=[region("73.71"), region("73.02")],
            sectors=[sector("kesehatan"), sector("pendidikan")],
        )
        page.tags.add(f"arsip{number}")
        page.save()


def build_queries():
    IndexEntry.objects.all().delete()
    with CaptureQueriesContext(connection) as build:
        call_command("update_index", backend_name="default", verbosity=0)
    return len(build.captured_queries)


def test_the_build_runs_as_many_queries_for_twelve_innovations_as_for_two(catalogue):
    add_innovations(catalogue, 0, 2)
    build_queries()  # content types and other lookups cached
    few = build_queries()
    add_innovations(catalogue, 2, 10)

    assert build_queries() == few


@pytest.mark.postgres
def test_the_built_index_finds_what_indexing_page_by_page_finds(catalogue):
    add_innovations(catalogue, 0, 4)
    for page in InnovationPage.objects.specific():
        insert_or_update_object(page)
    one_by_one = entries()
    searches = {query: found(query) for query in ("kearsipan", "Makassar", "pendidikan", "arsip2")}

    IndexEntry.objects.all().delete()
    call_command("update_index", backend_name="default", verbosity=0)

    assert len(one_by_one) == 4
    assert entries() == one_by_one
    assert {query: found(query) for query in searches} == searches
    assert len(searches["kearsipan"]) == 4
    assert searches["arsip2"] == ["Layanan kearsipan 2"]


@pytest.mark.postgres
def test_the_faster_indexer_writes_what_modelsearchs_indexer_writes(catalogue):
    """search.backends.database reads each field once and writes the vectors' SQL itself: the
    entries must be modelsearch's, byte for byte, or searches would rank differently."""
    add_innovations(catalogue, 0, 3)
    InnovationPageFactory(parent=catalogue, title="Tanpa wilayah", regions=[], sectors=[])
    backend = get_search_backend("default")
    assert isinstance(backend, database.PostgresSearchBackend)
    pages = list(InnovationPage.get_indexed_objects())

    IndexEntry.objects.all().delete()
    postgres.PostgresIndex(backend).add_items(InnovationPage, pages)
    modelsearchs = entries()
    IndexEntry.objects.all().delete()
    database.PostgresIndex(backend).add_items(InnovationPage, pages)

    assert len(modelsearchs) == len(pages) == 4
    assert entries() == modelsearchs
