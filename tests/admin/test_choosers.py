"""Choosers find taxonomies by name and acronym and speak of what they choose (issue 19 item 5)."""

import pytest
from django.urls import reverse

from innovations.models import Agency, Region
from tests.agencies.factories import UserFactory
from tests.innovations.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def choose_results(client, model, query):
    url = reverse(model.snippet_viewset.chooser_viewset.get_url_name("choose_results"))
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_agency_chooser_finds_acronyms(staff_client):
    AgencyFactory(name="Dinas Kependudukan dan Pencatatan Sipil Kota Makassar", acronym="Dukcapil")
    AgencyFactory(name="Badan Penanggulangan Bencana Daerah Kabupaten Maros", acronym="BPBD")

    assert "Pencatatan Sipil Kota Makassar" in choose_results(staff_client, Agency, "dukcapil")
    assert "Bencana Daerah Kabupaten Maros" in choose_results(staff_client, Agency, "BPBD")


def test_no_result_messages_name_the_taxonomy(staff_client):
    agencies = choose_results(staff_client, Agency, "tidakada")
    assert 'Tidak ada instansi yang cocok dengan "<em>tidakada</em>"' in agencies
    assert "potongan" not in agencies
    regions = choose_results(staff_client, Region, "tidakada")
    assert 'Tidak ada wilayah yang cocok dengan "<em>tidakada</em>"' in regions


def test_region_chooser_finds_a_regency_by_name(staff_client):
    assert "Kabupaten Maros" in choose_results(staff_client, Region, "maros")
