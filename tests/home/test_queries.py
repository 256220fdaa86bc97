"""The home page costs the same number of queries whatever the size of the catalogue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import Partner
from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
)

pytestmark = pytest.mark.django_db

# Update this figure deliberately when the home page gains a section; it must never depend
# on how many innovations, agencies or partners there are.
HOME_PAGE_QUERIES = 14


def add_content(catalogue, count, start):
    for n in range(start, start + count):
        agency = AgencyFactory()
        InnovationPageFactory(parent=catalogue, agency=agency)
        Partner.objects.create(name=f"Mitra {n}", slug=f"mitra-{n}", kind=Partner.Kind.NGO)


def count_home_page_queries(client):
    client.get("/")  # warm the per-process caches (site root paths), as in production
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries), response


def test_home_page_query_count_does_not_grow_with_content(client, home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    add_content(catalogue, 4, start=0)
    small, _ = count_home_page_queries(client)

    add_content(catalogue, 8, start=4)
    large, response = count_home_page_queries(client)

    assert response.content.count(b'class="card"') == 3
    assert response.content.count(b"Mitra ") == 12
    assert small == large == HOME_PAGE_QUERIES
