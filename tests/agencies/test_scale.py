"""An officer's explorer listing and dashboard keep their query count as agencies, officers
and innovations grow (bench/agencies.py times them at 300 agencies and 10,000 innovations)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.agencies.factories import OfficerFactory
from tests.innovations.factories import AgencyFactory, InnovationPageFactory

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def grow(world, agencies=4, pages_each=3):
    for _ in range(agencies):
        agency = AgencyFactory()
        OfficerFactory(agency=agency)
        for _ in range(pages_each):
            InnovationPageFactory(parent=world.catalogue, agency=agency)
    for _ in range(pages_each):
        InnovationPageFactory(parent=world.catalogue, agency=world.agency_a)


@pytest.mark.parametrize("view", ["explorer", "dashboard"])
def test_officer_views_have_a_constant_query_count(client, world, view):
    urls = {
        "explorer": reverse("wagtailadmin_explore", args=[world.catalogue.pk]),
        "explorer menu API": (
            f"/admin/api/main/pages/?child_of={world.catalogue.pk}&for_explorer=1"
        ),
        "dashboard": reverse("wagtailadmin_home"),
    }
    client.force_login(world.officer_a)
    before = queries(client, urls[view])
    grow(world)
    client.force_login(world.officer_a)
    after = queries(client, urls[view])
    assert after <= before, view


def test_scoping_adds_no_query_per_row_to_the_explorer_menu_api(client, world):
    """Wagtail's admin API counts each row's children (a query per row, up to its page size
    of 20, for everyone); agency scoping must add nothing per row on top."""
    url = f"/admin/api/main/pages/?child_of={world.catalogue.pk}&for_explorer=1"
    growth = {}
    for person in (world.officer_a, world.moderator):
        client.force_login(person)
        growth[person.pk] = -queries(client, url)
    grow(world, agencies=1, pages_each=3)
    for person in (world.officer_a, world.moderator):
        client.force_login(person)
        growth[person.pk] += queries(client, url)
    # The officer sees 3 more rows (their agency's), the moderator 6 more.
    assert growth[world.officer_a.pk] * 2 <= growth[world.moderator.pk]
