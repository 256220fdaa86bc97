"""The engine's catalogue follows what changes (`-m engine`): what the replication and
monitoring apps write outside the editor (a replication request, a verified monitoring
report), and publishes seen through the cards kept per innovation.

The apps' writers update the innovation's row and re-index it (InnovationPage.reindex), so the
"minat" and "pemantauan" facets and the sorts on them ("terbukti", "diminati") answered by the
engine never lag behind the database.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from innovations.filters import CatalogueFilter
from monitoring.models import MonitoringReport
from replication import workflow
from search.catalogue import engine_for
from tests.innovations.factories import InnovationPageFactory, sector
from tests.monitoring.factories import ReportFactory
from tests.replication.factories import ReplicationRequestFactory

from .test_engine import engine  # noqa: F401 - the engine fixture (autouse there)

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def on_engine(query):
    catalogue = engine_for(CatalogueFilter(QueryDict(query)))
    assert catalogue is not None, query
    return catalogue


def counts(query, facet):
    found = next(item for item in on_engine(query).facets() if item.name == facet)
    return {option.value: option.count for option in found.options}


def ids(query):
    return on_engine(query).answer(0, 10)["ids"]


def test_a_replication_request_reaches_the_facet_and_the_sort(catalogue):
    quiet = InnovationPageFactory(parent=catalogue, title="Antrean daring")
    asked = InnovationPageFactory(parent=catalogue, title="Bidan desa")
    assert counts("", "minat")["diminta"] == 0
    assert ids("sort=diminati") == [quiet.pk, asked.pk]  # by title when nobody asked

    workflow.submit(ReplicationRequestFactory.build(innovation=asked))

    assert counts("", "minat")["diminta"] == 1
    assert ids("minat=diminta") == [asked.pk]
    assert ids("sort=diminati") == [asked.pk, quiet.pk]


def test_a_verified_report_reaches_the_monitoring_facet_and_the_proven_order(catalogue):
    older = InnovationPageFactory(parent=catalogue, title="Antrean daring")
    newer = InnovationPageFactory(parent=catalogue, title="Bidan desa")
    # Both implemented, neither verified: the newest first (then the higher id).
    assert ids("") == [newer.pk, older.pk]
    assert counts("", "pemantauan") == {"perlu-pembaruan": 2, "terpantau": 0}

    report = ReportFactory(innovation=older, status=MonitoringReport.Status.VERIFIED)

    assert ids("") == [older.pk, newer.pk]  # verified first
    assert counts("", "pemantauan") == {"perlu-pembaruan": 1, "terpantau": 1}
    assert ids("pemantauan=terpantau") == [older.pk]

    report.delete()
    assert ids("") == [newer.pk, older.pk]
    assert ids("pemantauan=terpantau") == []


def card_titles(client, **params):
    response = client.get("/inovasi/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [node.get_text(strip=True) for node in soup.select(".icard__title")]


def test_cards_are_kept_per_innovation_and_follow_publishes(client, catalogue, settings):
    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    pages = [
        InnovationPageFactory(parent=catalogue, title=title, sectors=[sector("kesehatan")])
        for title in ("Air bersih", "Bidan desa", "Cek gula darah")
    ]
    for page in pages:
        page.save()  # re-indexed with its sectors
    assert card_titles(client, urutan="az") == ["Air bersih", "Bidan desa", "Cek gula darah"]

    # Another list of the same innovations reads their cards from the cache: no card query
    # (the card's regions and sectors are prefetched through their link tables).
    with CaptureQueriesContext(connection) as queries:
        titles = card_titles(client, urusan="kesehatan", urutan="terbaru")
    assert sorted(titles) == ["Air bersih", "Bidan desa", "Cek gula darah"]
    card_queries = [
        query["sql"]
        for query in queries.captured_queries
        if "innovations_innovationpage_regions" in query["sql"]
    ]
    assert card_queries == []

    pages[1].title = "Bidan siaga"
    pages[1].save_revision().publish()
    assert card_titles(client, urutan="az") == ["Air bersih", "Bidan siaga", "Cek gula darah"]

    pages[0].unpublish()
    assert card_titles(client, urutan="az") == ["Bidan siaga", "Cek gula darah"]
