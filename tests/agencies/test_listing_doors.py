"""Listing doors (explorer, search, chooser, reports, media, dashboard, API) for an officer of
agency A: agency B's unpublished titles, images and documents never appear, counts included.
Part of the GHSA-p5gm-92h4-6pv6 regression suite (see test_doors.py)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.agencies.conftest import SECRETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """The agencies' world, shared by this module's tests: they only read it (conftest)."""
    return shared_world


def url_of(name, *args, query=""):
    def build(w):
        resolved = [a(w) if callable(a) else a for a in args]
        return reverse(name, args=resolved) + query

    return build


# (door, URL, a string the officer must see there when the door shows their own content)
LISTINGS = [
    ("explorer", url_of("wagtailadmin_explore", lambda w: w.catalogue.pk), "Inovasi Milik A"),
    (
        "explorer menu API",
        lambda w: f"/admin/api/main/pages/?child_of={w.catalogue.pk}&for_explorer=1",
        "Inovasi Milik A",
    ),
    ("admin API listing", lambda w: "/admin/api/main/pages/?limit=50", "Inovasi Milik A"),
    ("admin search", url_of("wagtailadmin_pages:search", query="?q=Inovasi"), None),
    ("admin search (draft title)", url_of("wagtailadmin_pages:search", query="?q=Rahasia"), None),
    (
        "page chooser",
        url_of("wagtailadmin_choose_page_child", lambda w: w.catalogue.pk),
        "Inovasi Milik A",
    ),
    ("page chooser search", url_of("wagtailadmin_choose_page_search", query="?q=B"), None),
    ("locked pages report", url_of("wagtailadmin_reports:locked_pages"), None),
    ("aging pages report", url_of("wagtailadmin_reports:aging_pages"), None),
    ("site history report", url_of("wagtailadmin_reports:site_history"), None),
    ("workflow report", url_of("wagtailadmin_reports:workflow"), None),
    ("workflow tasks report", url_of("wagtailadmin_reports:workflow_tasks"), None),
    ("page types report", url_of("wagtailadmin_reports:page_types_usage"), None),
    ("dashboard", url_of("wagtailadmin_home"), None),
    ("images", url_of("wagtailimages:index"), "gambar-milik-a"),
    ("image chooser", url_of("wagtailimages_chooser:choose"), "gambar-milik-a"),
    ("image chooser search", url_of("wagtailimages_chooser:choose", query="?q=rahasia"), None),
    ("documents", url_of("wagtaildocs:index"), None),
    ("document chooser", url_of("wagtaildocs_chooser:choose"), None),
    ("image edit", url_of("wagtailimages:edit", lambda w: w.image_b.pk), None),
    ("image usage", url_of("wagtailimages:image_usage", lambda w: w.image_b.pk), None),
    ("document edit", url_of("wagtaildocs:edit", lambda w: w.document_b.pk), None),
    ("public API list", lambda w: "/api/v2/pages/?limit=100", None),
    ("public API draft", lambda w: f"/api/v2/pages/{w.foreign_hidden.pk}/", None),
]


@pytest.mark.parametrize("door,build_url,own", LISTINGS, ids=[row[0] for row in LISTINGS])
def test_officer_sees_nothing_unpublished_of_another_agency(client, world, door, build_url, own):
    client.force_login(world.officer_a)
    response = client.get(build_url(world), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code in (200, 302, 403, 404), response.status_code
    body = response.content.decode(errors="replace")
    assert not [secret for secret in SECRETS if secret in body], door
    if own:
        assert response.status_code == 200 and own in body, door


def test_dashboard_counts_only_the_officers_pages(client, world):
    client.force_login(world.officer_a)
    response = client.get(reverse("wagtailadmin_home"))
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.find("a", href=reverse("wagtailadmin_explore", args=[world.catalogue.pk]))
    # The catalogue and the agency's one innovation; not B's two.
    assert link.get_text(" ", strip=True).split()[0] == "2"


def test_explorer_count_covers_own_pages_only(client, world):
    client.force_login(world.officer_a)
    response = client.get(f"/admin/api/main/pages/?child_of={world.catalogue.pk}&for_explorer=1")
    assert response.json()["meta"]["total_count"] == 1


def test_moderator_sees_every_agency(client, world):
    client.force_login(world.moderator)
    response = client.get(reverse("wagtailadmin_explore", args=[world.catalogue.pk]))
    body = response.content.decode()
    assert "Draf Rahasia B" in body and "Inovasi Milik A" in body
