"""Cached facet counts and filter HTML follow every change to the catalogue."""

import pytest
from bs4 import BeautifulSoup

from innovations.models import InnovationPage
from tests.innovations.factories import InnovationPageFactory, ReplicationFactory

pytestmark = pytest.mark.django_db


def stage_counts(client):
    soup = BeautifulSoup(client.get("/inovasi/").content, "html.parser")
    return {
        box["value"]: soup.find("label", attrs={"for": box["id"]})
        .select_one(".facet__count")
        .contents[0]
        for box in soup.select('.filters input[name="tahap"]')
    }


def test_counts_change_when_an_innovation_is_published_or_unpublished(client, catalogue):
    first = InnovationPageFactory(parent=catalogue)
    assert stage_counts(client) == {"penerapan": "1"}

    InnovationPageFactory(parent=catalogue)
    assert stage_counts(client) == {"penerapan": "2"}

    first.unpublish()
    assert stage_counts(client) == {"penerapan": "1"}


def test_counts_change_when_an_innovation_is_edited(client, catalogue):
    page = InnovationPageFactory(parent=catalogue)
    assert stage_counts(client) == {"penerapan": "1"}

    page.stage = InnovationPage.Stage.TRIAL
    page.implemented_on = None
    page.save_revision().publish()

    assert stage_counts(client) == {"uji_coba": "1"}


def test_related_innovations_follow_changes(client, catalogue):
    page = InnovationPageFactory(parent=catalogue)
    client.get(page.url)
    other = InnovationPageFactory(parent=catalogue, title="Inovasi Serupa")
    ReplicationFactory(page=other)

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")

    assert [a.get_text() for a in soup.select(".related .icard__title a")] == ["Inovasi Serupa"]
