"""Totals, facet counts and paging cover every match, not the best few (database backend;
test_engine_scale.py runs the same on the engine)."""

import pytest
from bs4 import BeautifulSoup

from tests.innovations.factories import region

pytestmark = pytest.mark.django_db


def facet_counts(soup):
    counts = {}
    for section in soup.select(".search-facet"):
        for link in section.select("a.search-facet__value"):
            label = link.contents[0].strip()
            count = int(link.select_one(".search-facet__count").get_text().strip("()"))
            counts[(section.h3.get_text(strip=True), label)] = count
    return counts


def get(client, **params):
    response = client.get("/cari/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_total_and_facets_count_every_match(client, many_bridges):
    soup = get(client, q="jembatan gantung")
    assert soup.select_one(".search-count").get_text().split()[0] == "14"
    counts = facet_counts(soup)
    assert counts[("Wilayah", "Makassar")] == 9
    assert counts[("Wilayah", "Bulukumba")] == 5
    assert counts[("Tahun", "2015")] == 5
    assert counts[("Urusan", "Kesehatan")] == 7

    makassar = region("73.71").slug
    soup = get(client, q="jembatan gantung", wilayah=makassar)
    assert soup.select_one(".search-count").get_text().split()[0] == "9"
    counts = facet_counts(soup)
    # Other regions still show what choosing them would give; other facets narrow.
    assert counts[("Wilayah", "Bulukumba")] == 5
    assert sum(count for (facet, _label), count in counts.items() if facet == "Urusan") == 9


def test_paging_reaches_every_match(client, many_bridges):
    seen = []
    for number in (1, 2):
        soup = get(client, q="jembatan gantung", halaman=number)
        seen += [node.get_text(" ", strip=True) for node in soup.select(".search-result__title")]
    assert len(seen) == 14 and len(set(seen)) == 14
    # Past the end: the last page.
    soup = get(client, q="jembatan gantung", halaman=99)
    assert len(soup.select(".search-result__title")) == 4


@pytest.mark.postgres
def test_the_database_search_can_use_the_title_and_body_index(many_bridges):
    """The backend matches `title || body`; search/migrations/0005 indexes that expression. If
    modelsearch wrote the match differently the index would go unused, and every search
    would read every index entry again."""
    from django.db import connection
    from modelsearch.query import PlainText
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    results = get_search_backend("database").search(
        PlainText("jembatan gantung", operator="and"), Page.objects.live()
    )
    sql, params = results.get_queryset().values_list("pk", flat=True).query.sql_with_params()
    matched = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry"
            " WHERE (title || body) @@ plainto_tsquery('indonesian', %s)",
            ["jembatan gantung"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert matched in sql, sql
    assert "search_indexentry_title_body" in plan, plan
