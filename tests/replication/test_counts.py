"""Replication counts reach the catalogue (facet and sorts), the API and other apps."""

import pytest
from bs4 import BeautifulSoup

from replication import stats, workflow
from replication.models import ReplicationMessage, ReplicationRequest
from tests.innovations.factories import InnovationPageFactory
from tests.replication.factories import ReplicationRequestFactory

Author = ReplicationMessage.Author


@pytest.fixture
def three(catalogue):
    """Asked for twice and visited once; asked for once; never asked for."""
    popular = InnovationPageFactory(parent=catalogue, title="B Populer")
    asked = InnovationPageFactory(parent=catalogue, title="A Diminta")
    quiet = InnovationPageFactory(parent=catalogue, title="C Sepi")
    visited = workflow.submit(ReplicationRequestFactory.build(innovation=popular))
    workflow.apply(visited, "accept", Author.AGENCY)
    workflow.apply(visited, "visit_done", Author.AGENCY)
    workflow.submit(ReplicationRequestFactory.build(innovation=popular))
    workflow.submit(
        ReplicationRequestFactory.build(innovation=asked, kind=ReplicationRequest.Kind.REPLICATE)
    )
    return popular, asked, quiet


def test_counts_for_answers_every_id_in_one_query(three, django_assert_num_queries):
    popular, asked, quiet = three
    with django_assert_num_queries(1):
        counts = stats.counts_for([popular.pk, asked.pk, quiet.pk])
    assert counts == {
        popular.pk: stats.Counts(2, 1, 0),
        asked.pk: stats.Counts(1, 0, 0),
        quiet.pk: stats.Counts(0, 0, 0),
    }


def catalogue_page(client, catalogue, **params):
    response = client.get(catalogue.url, params, follow=True)  # old parameter names answer 301
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_catalogue_facet_and_sort_by_interest(client, catalogue, three):
    soup = catalogue_page(client, catalogue, minat="dikunjungi")
    assert [a.get_text(strip=True) for a in soup.select(".icard__title a")] == ["B Populer"]

    soup = catalogue_page(client, catalogue)
    counts = {}
    for box in soup.select('.filters input[name="minat"]'):
        label = soup.find("label", attrs={"for": box["id"]})
        counts[box["value"]] = int(label.select_one(".facet__count").contents[0])
    assert counts == {"diminta": 2, "dikunjungi": 1}  # values that would find nothing are hidden

    soup = catalogue_page(client, catalogue, sort="diminati")
    titles = [a.get_text(strip=True) for a in soup.select(".icard__title a")]
    assert titles == ["B Populer", "A Diminta", "C Sepi"]


def test_api_carries_the_counts_and_orders_by_them(client, three):
    response = client.get("/api/v2/innovations/", {"order": "-request_count"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["B Populer", "A Diminta", "C Sepi"]
    assert (items[0]["request_count"], items[0]["visit_count"]) == (2, 1)
    assert items[0]["verified_replication_count"] == 0
